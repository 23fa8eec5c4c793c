// The details step; for a queue ticket: which counter.
import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "detailsView"

    Column {
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
        spacing: 32 * view.u
        Text {
            width: parent.width
            text: view.vm.texts["details.desk.title"]
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: 60 * view.u
            font.bold: true
        }
        Repeater {
            model: view.vm.desks
            delegate: KioskButton {
                required property var modelData
                objectName: "desk_" + modelData.id
                u: view.u
                width: parent.width
                label: modelData.name
                trailing: modelData.prefix
                onTapped: view.vm.chooseDesk(modelData.id)
            }
        }
    }
}
