import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "servicesView"

    Text {
        id: title
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
        text: view.vm.texts["services.title"]
        wrapMode: Text.WordWrap
        color: Theme.text
        font.pixelSize: 60 * view.u
        font.bold: true
    }
    Flickable {
        anchors {
            left: parent.left; right: parent.right; top: title.bottom; bottom: parent.bottom
            margins: 48 * view.u
        }
        contentHeight: list.height
        clip: true
        Column {
            id: list
            width: parent.width
            spacing: 24 * view.u
            Repeater {
                model: view.vm.services
                delegate: KioskButton {
                    required property var modelData
                    objectName: "service_" + modelData.id
                    u: view.u
                    width: list.width
                    enabledForUse: modelData.available
                    label: modelData.name
                    // Never by colour alone: an unavailable service says why.
                    sublabel: modelData.available ? modelData.description : modelData.reason
                    trailing: modelData.fee
                    onTapped: view.vm.chooseService(modelData.id)
                }
            }
        }
    }
}
