// Library mode's window: the top bar, the current self-checkout screen, the offline
// banner, the inactivity warning, and the keyboard-wedge scanner's key events.
import QtQuick
import QtQuick.Controls
import ".."

ApplicationWindow {
    id: root
    objectName: "libraryWindow"
    required property var vm
    readonly property real u: width / 1080
    visible: true
    title: "Brussels library self-checkout"
    color: Theme.background

    readonly property var viewFiles: ({
        "attract": "LibraryAttractView.qml",
        "overview": "LibraryOverviewView.qml",
        "borrow": "LibraryScanView.qml",
        "return": "LibraryScanView.qml",
        "renew": "LibraryRenewView.qml",
        "pay": "LibraryPayView.qml",
        "slip": "LibrarySlipView.qml"
    })

    function showState() {
        screen.setSource(viewFiles[vm.state], { "vm": vm, "u": u })
        wedge.forceActiveFocus()
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

    // The library system does not answer: said on every screen, with its limits.
    Rectangle {
        id: offlineBanner
        objectName: "libraryOfflineBanner"
        visible: !root.vm.online
        anchors { left: parent.left; right: parent.right }
        y: topBar.visible ? topBar.height : 0
        height: bannerText.implicitHeight + 24 * root.u
        color: Theme.highContrast ? "#000000" : "#fff4cc"
        border.color: Theme.accent
        border.width: 3 * root.u
        Text {
            id: bannerText
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                      margins: 24 * root.u }
            text: "⚠ " + root.vm.offlineText
            wrapMode: Text.WordWrap
            color: Theme.highContrast ? "#ffffff" : "#4a3b00"
            font.pixelSize: 32 * root.u * Theme.textScale
        }
    }

    Loader {
        id: screen
        objectName: "libraryScreen"
        width: parent.width
        y: (topBar.visible ? topBar.height : 0) + (offlineBanner.visible ? offlineBanner.height : 0)
        height: parent.height - y
    }

    // A USB barcode scanner types the code and Enter; the view-model collects it.
    Item {
        id: wedge
        objectName: "wedgeInput"
        focus: true
        Keys.onPressed: (event) => {
            root.vm.wedgeKey(event.text,
                             event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
            event.accepted = true
        }
    }

    Rectangle {
        objectName: "libraryInactivityWarning"
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
        MouseArea { anchors.fill: parent; onClicked: root.vm.touched() }
    }

    Timer {
        interval: 1000
        running: true
        repeat: true
        onTriggered: root.vm.tick()
    }
}
