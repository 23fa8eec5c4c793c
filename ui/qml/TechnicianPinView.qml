// Technician mode's door: the PIN, typed on the numeric pad (digits shown as dots).
import QtQuick

Rectangle {
    id: view
    objectName: "technicianPinView"
    property var vm
    property var tech
    property real u: 1
    color: Theme.highContrast ? "#000000" : "#1d2630"

    Column {
        anchors.centerIn: parent
        spacing: 40 * view.u
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: "⚙ " + view.vm.texts[view.tech.stage === "exit_pin" ? "tech.exit_pin" : "tech.pin"]
            color: "white"
            font.pixelSize: 56 * view.u * Theme.textScale
            font.bold: true
        }
        Text {
            objectName: "pinCardHint"
            anchors.horizontalCenter: parent.horizontalCenter
            visible: view.tech.stage === "pin" && view.tech.cardsAccepted
            text: view.vm.texts["tech.card_hint"]
            color: "white"
            font.pixelSize: 36 * view.u * Theme.textScale
        }
        Row {
            objectName: "pinDots"
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 24 * view.u
            height: 60 * view.u
            Repeater {
                model: view.tech.pinLength
                delegate: Rectangle {
                    width: 48 * view.u; height: 48 * view.u; radius: 24 * view.u
                    color: Theme.accent
                }
            }
        }
        Text {
            objectName: "pinMessage"
            anchors.horizontalCenter: parent.horizontalCenter
            text: view.tech.pinMessage
            visible: text !== ""
            color: "#ffb4b4"
            font.pixelSize: 44 * view.u * Theme.textScale
            font.bold: true
        }
        NumPad {
            anchors.horizontalCenter: parent.horizontalCenter
            u: view.u
            texts: view.vm.texts
            prefix: "pin_"
            onDigit: (value) => view.tech.digit(value)
            onErase: view.tech.erase()
            onDone: view.tech.submitPin()
        }
        KioskButton {
            objectName: "technicianClose"
            anchors.horizontalCenter: parent.horizontalCenter
            u: view.u
            width: 760 * view.u
            compact: true
            label: "✕ " + view.vm.texts["tech.close"]
            onTapped: view.tech.close()
        }
    }
}
