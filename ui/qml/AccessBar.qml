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
    Row {
        anchors.centerIn: parent
        spacing: 24 * bar.u
        KioskButton {
            objectName: "accessibilityButton"
            u: bar.u
            compact: true
            width: bar.trilingual ? bar.width - (bar.a11y.speechAvailable ? 220 : 48) * bar.u
                                  : 560 * bar.u
            height: 120 * bar.u
            label: "♿ " + (bar.trilingual ? bar.a11y.attractButtonLabel : bar.vm.texts["a11y.button"])
            onTapped: bar.a11y.panelOpen ? bar.a11y.closePanel() : bar.a11y.openPanel()
        }
        KioskButton {
            objectName: "speakButton"
            visible: bar.a11y.speechAvailable
            u: bar.u
            compact: true
            width: (bar.trilingual ? 150 : 400) * bar.u
            height: 120 * bar.u
            label: bar.trilingual ? "♪" : "♪ " + bar.vm.texts["a11y.listen"]
            onTapped: bar.a11y.speak()
        }
    }
}
