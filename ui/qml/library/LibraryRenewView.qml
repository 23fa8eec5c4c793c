// Renew one loan or all of them; each renewal is confirmed with its new due date.
import QtQuick
import ".."

Rectangle {
    id: view
    property var vm
    property real u: 1
    objectName: "libraryRenewView"
    color: Theme.background

    Flickable {
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: buttons.top
                  margins: 48 * view.u }
        contentHeight: body.implicitHeight
        clip: true
        Column {
            id: body
            width: parent.width
            spacing: 20 * view.u
            Text {
                width: parent.width
                text: view.vm.texts["library.ui.renew"]
                color: Theme.brand
                font.pixelSize: 64 * view.u * Theme.textScale
                font.bold: true
            }
            Repeater {
                model: view.vm.loans
                delegate: KioskButton {
                    required property var modelData
                    objectName: "renew_" + modelData.item
                    u: view.u
                    compact: true
                    width: body.width
                    enabledForUse: view.vm.online && !modelData.renewed && !view.vm.busy
                    label: modelData.title
                    labelKind: "title"
                    sublabel: view.vm.texts["library.due"] + " " + modelData.due
                    sublabelKind: "number"  // "due" and a date
                    trailing: modelData.renewed ? "✓" : "⟳"
                    onTapped: view.vm.renew(modelData.item)
                }
            }
            LibraryResultList {
                objectName: "renewResults"
                width: parent.width
                u: view.u
                rows: view.vm.results
            }
        }
    }
    Column {
        id: buttons
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 48 * view.u }
        spacing: 20 * view.u
        KioskButton {
            objectName: "renewAllButton"
            u: view.u
            width: parent.width
            enabledForUse: view.vm.online && view.vm.loans.length > 0 && !view.vm.busy
            label: "⟳ " + view.vm.texts["library.ui.renew_all"]
            onTapped: view.vm.renewAll()
        }
        KioskButton {
            objectName: "backToAccount"
            u: view.u
            width: parent.width
            label: "‹ " + view.vm.texts["library.ui.back_to_account"]
            onTapped: view.vm.go("overview")
        }
    }
}
