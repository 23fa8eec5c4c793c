// The kiosk window: a top bar, the current journey screen, the inactivity warning.
import QtQuick
import QtQuick.Controls

ApplicationWindow {
    id: root
    objectName: "kioskWindow"
    required property var vm
    // Everything is drawn for a 1080 px wide portrait screen and scaled from there.
    readonly property real u: width / 1080
    visible: true
    title: "Brussels kiosk"
    color: Theme.background

    readonly property var viewFiles: ({
        "attract": "AttractView.qml",
        "language": "LanguageView.qml",
        "identify": "IdentifyView.qml",
        "choose_service": "ServicesView.qml",
        "details": "DetailsView.qml",
        "pay": "PayView.qml",
        "fulfil": "FulfilView.qml",
        "done": "DoneView.qml"
    })

    function showState() {
        screen.setSource(viewFiles[vm.state], { "vm": vm, "u": u })
    }

    Connections {
        target: root.vm
        function onStateChanged() { root.showState() }
    }
    Component.onCompleted: showState()

    TopBar {
        id: topBar
        vm: root.vm
        u: root.u
        visible: root.vm.state !== "attract"
        anchors { left: parent.left; right: parent.right; top: parent.top }
    }

    Loader {
        id: screen
        objectName: "screen"
        anchors {
            left: parent.left; right: parent.right; bottom: parent.bottom
            top: topBar.visible ? topBar.bottom : parent.top
        }
    }

    Timer {
        interval: 1000
        running: true
        repeat: true
        onTriggered: root.vm.tick()
    }

    // "Are you still there?" shown before the session is wiped for inactivity.
    Rectangle {
        objectName: "inactivityWarning"
        visible: root.vm.warningSeconds >= 0
        anchors.fill: parent
        color: "#cc000000"
        Column {
            anchors.centerIn: parent
            spacing: 40 * root.u
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: root.vm.texts["common.still_there"]
                color: "white"
                font.pixelSize: 64 * root.u
                font.bold: true
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: root.vm.warningSeconds
                color: Theme.accent
                font.pixelSize: 160 * root.u
                font.bold: true
            }
        }
        MouseArea {
            anchors.fill: parent
            onClicked: root.vm.touched()
        }
    }
}
