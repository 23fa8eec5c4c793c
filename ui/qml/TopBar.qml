// On every screen after the first: back, the three languages, cancel.
import QtQuick

Rectangle {
    id: bar
    property var vm
    property real u: 1
    height: 180 * u
    color: Theme.brand
    border.color: Theme.highContrast ? Theme.accent : "transparent"
    border.width: Theme.highContrast ? 3 * u : 0

    Row {
        anchors { left: parent.left; leftMargin: 24 * bar.u; verticalCenter: parent.verticalCenter }
        spacing: 16 * bar.u
        KioskButton {
            objectName: "backButton"
            u: bar.u
            width: 280 * bar.u
            compact: true
            label: "‹ " + bar.vm.texts["common.back"]
            visible: ["language", "identify", "choose_service", "details", "review", "pay"].indexOf(bar.vm.state) >= 0
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
                readonly property bool touchTarget: true
                readonly property bool current: bar.vm.language === modelData.code
                objectName: "switch_" + modelData.code
                width: 120 * bar.u
                height: 120 * bar.u
                radius: 60 * bar.u
                color: current ? Theme.accent : "transparent"
                border.color: Theme.textOnBrand
                border.width: (current ? 6 : 3) * bar.u
                Accessible.role: Accessible.Button
                Accessible.name: modelData.name
                Text {
                    anchors.centerIn: parent
                    property string dataKind: "code"
                    text: parent.modelData.code.toUpperCase()
                    color: parent.current ? "#000000" : Theme.textOnBrand
                    font.pixelSize: 40 * bar.u * Theme.textScale
                    font.bold: true
                    // The current language is underlined, not only coloured.
                    font.underline: parent.current
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
