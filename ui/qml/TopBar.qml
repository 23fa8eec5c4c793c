// On every screen after the first: back, the three languages, cancel.
import QtQuick

Rectangle {
    id: bar
    property var vm
    property real u: 1
    height: 180 * u
    color: Theme.brand

    Row {
        anchors { left: parent.left; leftMargin: 24 * bar.u; verticalCenter: parent.verticalCenter }
        spacing: 16 * bar.u
        KioskButton {
            objectName: "backButton"
            u: bar.u
            width: 280 * bar.u
            compact: true
            label: "‹ " + bar.vm.texts["common.back"]
            visible: ["language", "identify", "choose_service", "details", "pay"].indexOf(bar.vm.state) >= 0
            onTapped: bar.vm.back()
        }
    }
    Row {
        anchors.centerIn: parent
        spacing: 12 * bar.u
        visible: bar.vm.state !== "language"
        Repeater {
            model: bar.vm.languages
            delegate: Rectangle {
                required property var modelData
                objectName: "switch_" + modelData.code
                width: 120 * bar.u
                height: 120 * bar.u
                radius: 60 * bar.u
                color: bar.vm.language === modelData.code ? Theme.accent : "transparent"
                border.color: "white"
                border.width: 3 * bar.u
                Accessible.role: Accessible.Button
                Accessible.name: modelData.name
                Text {
                    anchors.centerIn: parent
                    text: parent.modelData.code.toUpperCase()
                    color: bar.vm.language === parent.modelData.code ? Theme.brandDark : "white"
                    font.pixelSize: 40 * bar.u
                    font.bold: true
                }
                MouseArea { anchors.fill: parent; onClicked: bar.vm.switchLanguage(parent.modelData.code) }
            }
        }
    }
    KioskButton {
        objectName: "cancelButton"
        u: bar.u
        anchors { right: parent.right; rightMargin: 24 * bar.u; verticalCenter: parent.verticalCenter }
        width: 280 * bar.u
        compact: true
        label: "✕ " + bar.vm.texts["common.cancel"]
        visible: bar.vm.state !== "done" && bar.vm.state !== "fulfil"
        onTapped: bar.vm.cancel()
    }
}
