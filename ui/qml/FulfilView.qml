import QtQuick
import QtQuick.Controls

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "fulfilView"

    StepIndicator {
        vm: view.vm
        u: view.u
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
    }
    Column {
        anchors.centerIn: parent
        width: parent.width * 0.84
        spacing: 60 * view.u
        BusyIndicator {
            anchors.horizontalCenter: parent.horizontalCenter
            width: 200 * view.u; height: 200 * view.u
            running: true
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            objectName: "fulfilText"
            text: view.vm.document.outcome === "printing" ? view.vm.texts["document.printing"]
                  : view.vm.detailsKind === "queue_ticket" ? view.vm.texts["fulfil.printing"]
                                                           : view.vm.texts["fulfil.working"]
            color: Theme.text
            font.pixelSize: 56 * view.u * Theme.textScale
        }
    }
}
