// Shown while nobody uses the kiosk: what it can do, in the three languages.
import QtQuick

Rectangle {
    id: view
    property var vm
    property real u: 1
    color: Theme.brand
    objectName: "attractView"

    Column {
        anchors.centerIn: parent
        width: parent.width * 0.86
        spacing: 60 * view.u
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: "Bienvenue · Welkom · Welcome"
            color: "white"
            font.pixelSize: 84 * view.u
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Rectangle { width: parent.width; height: 6 * view.u; color: Theme.accent }
        Repeater {
            model: [
                "Certificats · Rendez-vous · Tickets · Suivi de dossier",
                "Attesten · Afspraken · Tickets · Dossier opvolgen",
                "Certificates · Appointments · Tickets · Case follow-up"
            ]
            delegate: Text {
                required property string modelData
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: modelData
                color: "#dce8f5"
                font.pixelSize: 42 * view.u
                wrapMode: Text.WordWrap
            }
        }
        Item { width: 1; height: 120 * view.u }
        KioskButton {
            objectName: "startButton"
            u: view.u
            width: parent.width
            label: "Touchez l'écran · Raak het scherm aan · Touch the screen"
            onTapped: view.vm.start()
        }
    }
    // Anywhere on the screen starts, not only the button.
    MouseArea {
        anchors.fill: parent
        z: -1
        onClicked: view.vm.start()
    }
}
