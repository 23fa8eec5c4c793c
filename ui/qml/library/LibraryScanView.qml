// Borrow or return: scan the items one after another; each is confirmed or refused.
import QtQuick
import ".."

Rectangle {
    id: view
    property var vm
    property real u: 1
    readonly property bool borrowing: vm.state === "borrow"
    objectName: borrowing ? "libraryBorrowView" : "libraryReturnView"
    color: Theme.background

    Column {
        id: head
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
        spacing: 24 * view.u
        Text {
            width: parent.width
            text: view.vm.texts[view.borrowing ? "library.ui.borrow" : "library.ui.return"]
            color: Theme.brand
            font.pixelSize: 64 * view.u * Theme.textScale
            font.bold: true
        }
        Text {
            objectName: "scanHint"
            width: parent.width
            text: "▮▌▍▌▮ ⟶ ◉  " + view.vm.texts["library.ui.scan_items"]
            color: Theme.text
            font.pixelSize: 40 * view.u * Theme.textScale
            wrapMode: Text.WordWrap
        }
        Text {
            visible: view.vm.cameraBroken
            width: parent.width
            text: "⚠ " + view.vm.texts["library.ui.camera_broken"]
            color: Theme.danger
            font.pixelSize: 32 * view.u * Theme.textScale
            wrapMode: Text.WordWrap
        }
    }
    Flickable {
        anchors { left: parent.left; right: parent.right; top: head.bottom; bottom: buttons.top
                  margins: 48 * view.u }
        contentHeight: results.implicitHeight
        clip: true
        LibraryResultList {
            id: results
            objectName: "scanResults"
            width: parent.width
            u: view.u
            rows: view.vm.results
        }
    }
    Column {
        id: buttons
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 48 * view.u }
        spacing: 20 * view.u
        KioskButton {
            objectName: "backToAccount"
            u: view.u
            width: parent.width
            label: "‹ " + view.vm.texts["library.ui.back_to_account"]
            onTapped: view.vm.go("overview")
        }
        KioskButton {
            objectName: "finishButton"
            u: view.u
            width: parent.width
            primary: true
            label: view.vm.texts["library.ui.finish"]
            onTapped: view.vm.finish()
        }
    }
}
