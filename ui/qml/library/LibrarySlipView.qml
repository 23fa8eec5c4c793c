// The session is over: take the slip (items, due dates, fines paid); goodbye.
import QtQuick
import ".."

Rectangle {
    id: view
    property var vm
    property real u: 1
    objectName: "librarySlipView"
    color: Theme.background

    Column {
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
        spacing: 24 * view.u
        Text {
            objectName: "slipMessage"
            width: parent.width
            text: view.vm.slipText
            color: Theme.brand
            font.pixelSize: 60 * view.u * Theme.textScale
            font.bold: true
            wrapMode: Text.WordWrap
        }
        LibraryResultList {
            objectName: "slipLines"
            width: parent.width
            u: view.u
            rows: view.vm.sessionLines
        }
        Text {
            objectName: "slipPaid"
            visible: text !== ""
            text: view.vm.paidText
            color: Theme.text
            font.pixelSize: 40 * view.u * Theme.textScale
        }
    }
    KioskButton {
        objectName: "slipDone"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 48 * view.u }
        u: view.u
        primary: true
        enabledForUse: !view.vm.busy
        label: view.vm.texts["common.finish"]
        onTapped: view.vm.done()
    }
}
