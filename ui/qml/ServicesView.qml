import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "servicesView"

    StepIndicator {
        id: steps
        vm: view.vm
        u: view.u
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
    }

    // The greeting and the photo from the card: on this screen, for this citizen only.
    Row {
        id: greeting
        objectName: "greeting"
        visible: view.vm.citizenName !== ""
        anchors { left: parent.left; top: steps.bottom; margins: 48 * view.u }
        height: visible ? 160 * view.u : 0
        spacing: 32 * view.u
        Image {
            objectName: "citizenPhoto"
            width: 120 * view.u; height: 160 * view.u
            fillMode: Image.PreserveAspectFit
            cache: false
            // Decoded on QML's image thread, not the GUI thread (issue 25).
            asynchronous: true
            source: view.vm.photoUrl
            visible: view.vm.photoUrl !== ""
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            property string dataKind: "personal"  // the first name from the card
            text: view.vm.texts["services.hello"] + " " + view.vm.citizenName
            color: Theme.brand
            font.pixelSize: 64 * view.u * Theme.textScale
            font.bold: true
        }
    }
    Text {
        id: title
        anchors {
            left: parent.left; right: parent.right; margins: 48 * view.u
            top: greeting.visible ? greeting.bottom : steps.bottom
        }
        text: view.vm.texts["services.title"]
        wrapMode: Text.WordWrap
        color: Theme.text
        font.pixelSize: 60 * view.u * Theme.textScale
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
                    labelKind: "reference"  // the service catalog, in the session's language
                    // Never by colour alone: an unavailable service says why.
                    sublabel: modelData.available ? modelData.description : modelData.reason
                    sublabelKind: modelData.available ? "reference" : ""
                    trailing: modelData.fee
                    trailingKind: "money"
                    onTapped: view.vm.chooseService(modelData.id)
                }
            }
        }
    }
}
