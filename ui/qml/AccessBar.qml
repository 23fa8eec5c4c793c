// At the bottom of every screen: the accessibility button and, when espeak-ng is
// installed, "listen" (the screen read aloud).
import QtQuick

Rectangle {
    id: bar
    property var vm
    property var a11y
    property real u: 1
    height: 150 * u
    color: Theme.brandDark
    border.color: Theme.highContrast ? Theme.accent : "transparent"
    border.width: Theme.highContrast ? 3 * u : 0

    // The attract screen speaks every language: its button says all three, "listen" is
    // its sign alone (named for screen readers).
    readonly property bool trilingual: bar.vm.state === "attract"
    // Each button twice, one for the attract screen and one for the others, the one
    // that fits shown: switching screens flips which is visible, where changing one
    // button's label and width laid its shrink-to-fit text out again, a millisecond of
    // the GUI thread at every session's start and end (issue 25).
    Row {
        anchors.centerIn: parent
        spacing: 24 * bar.u
        KioskButton {
            objectName: "accessibilityButton"
            visible: bar.trilingual
            u: bar.u
            compact: true
            width: bar.width - (bar.a11y.speechAvailable ? 220 : 48) * bar.u
            height: 120 * bar.u
            label: "♿ " + bar.a11y.attractButtonLabel
            onTapped: bar.a11y.panelOpen ? bar.a11y.closePanel() : bar.a11y.openPanel()
        }
        KioskButton {
            objectName: "accessibilityButton"
            visible: !bar.trilingual
            u: bar.u
            compact: true
            width: 560 * bar.u
            height: 120 * bar.u
            label: "♿ " + bar.vm.texts["a11y.button"]
            onTapped: bar.a11y.panelOpen ? bar.a11y.closePanel() : bar.a11y.openPanel()
        }
        KioskButton {
            objectName: "speakButton"
            visible: bar.a11y.speechAvailable && bar.trilingual
            u: bar.u
            compact: true
            width: 150 * bar.u
            height: 120 * bar.u
            label: "♪"
            onTapped: bar.a11y.speak()
        }
        KioskButton {
            objectName: "speakButton"
            visible: bar.a11y.speechAvailable && !bar.trilingual
            u: bar.u
            compact: true
            width: 400 * bar.u
            height: 120 * bar.u
            label: "♪ " + bar.vm.texts["a11y.listen"]
            onTapped: bar.a11y.speak()
        }
    }
}
