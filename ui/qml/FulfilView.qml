import QtQuick
import QtQuick.Controls

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "fulfilView"

    Column {
        anchors.centerIn: parent
        spacing: 60 * view.u
        BusyIndicator {
            anchors.horizontalCenter: parent.horizontalCenter
            width: 200 * view.u; height: 200 * view.u
            running: true
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: view.vm.texts["fulfil.printing"]
            color: Theme.text
            font.pixelSize: 56 * view.u
        }
    }
}
