// Library mode's window: the top bar, the current self-checkout screen, the offline and
// closing banners, the inactivity warning, and the keyboard-wedge scanner's key events;
// the citizen kiosk's accessibility bar and switches (high contrast, large text, low layout).
import QtQuick
import QtQuick.Controls
import ".."

ApplicationWindow {
    id: root
    objectName: "libraryWindow"
    required property var vm
    required property var a11y
    required property var closing  // ui/library/closing.py
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

    // The session's accessibility modes drive the theme every view uses.
    Binding { target: Theme; property: "highContrast"; value: root.a11y.highContrast }
    Binding { target: Theme; property: "largeText"; value: root.a11y.largeText }

    // Low layout (wheelchair users), as on the citizen kiosk (Main.qml): the screen is
    // drawn smaller and pushed down, the top bar under it, no control in the upper part.
    readonly property bool low: root.a11y.lowLayout
    readonly property real lowScale: 0.72
    readonly property real topH: topBar.visible ? topBar.height : 0
    readonly property real bannerH: banners.height

    TopBar {
        id: topBar
        vm: root.vm
        u: root.u
        visible: root.vm.state !== "attract"
        y: root.low ? root.height - accessBar.height - height : 0
        anchors { left: parent.left; right: parent.right }
    }

    // Above the screen: the library system does not answer (with its limits), and the
    // library closes soon (from the schedule: every screen; the attract screen in every
    // language, a patron's screens in theirs).
    Column {
        id: banners
        anchors { left: parent.left; right: parent.right }
        y: root.low ? topBar.y - height : root.topH

        Rectangle {
            id: offlineBanner
            objectName: "libraryOfflineBanner"
            visible: !root.vm.online
            width: parent.width
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

        Rectangle {
            id: closingBanner
            objectName: "libraryClosingBanner"
            visible: root.closing.shown
            width: parent.width
            height: closingText.implicitHeight + 28 * root.u
            color: Theme.highContrast ? "#000000" : "#b3261e"
            border.color: Theme.highContrast ? "#ffffff" : "#7a1712"
            border.width: 3 * root.u
            Text {
                id: closingText
                objectName: "libraryClosingText"
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                          margins: 24 * root.u }
                readonly property var words: root.closing.texts
                text: "◷ " + (root.vm.state === "attract"
                              ? ["fr", "nl", "en"].map(l => words[l] || "").join("\n")
                              : (words[root.vm.language] || words["en"] || ""))
                wrapMode: Text.WordWrap
                color: "#ffffff"
                font.pixelSize: 36 * root.u * Theme.textScale
                font.bold: true
            }
        }
    }

    Loader {
        id: screen
        objectName: "libraryScreen"
        width: parent.width
        height: parent.height - root.topH - root.bannerH - accessBar.height
        y: root.low ? parent.height - accessBar.height - root.topH - root.bannerH - height
                    : root.topH + root.bannerH
        transform: Scale {
            origin.x: screen.width / 2
            origin.y: screen.height
            xScale: root.low ? root.lowScale : 1
            yScale: root.low ? root.lowScale : 1
        }
    }

    // Low layout: the freed upper part says what happened, with no control in it.
    Text {
        objectName: "lowNotice"
        visible: root.low
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 60 * root.u }
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: "♿ " + root.vm.texts["a11y.low_notice"]
        color: Theme.text
        font.pixelSize: 44 * root.u * Theme.textScale
    }

    AccessBar {
        id: accessBar
        vm: root.vm
        a11y: root.a11y
        u: root.u
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }

    // The accessibility switches, just above the bar that opens them.
    AccessibilityPanel {
        visible: root.a11y.panelOpen
        vm: root.vm
        a11y: root.a11y
        u: root.u
        anchors { left: parent.left; right: parent.right; bottom: accessBar.top
                  margins: 24 * root.u }
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
                property string dataKind: "number"
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
        onTriggered: { root.vm.tick(); root.closing.refresh() }
    }
}
