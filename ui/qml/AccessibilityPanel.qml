// The accessibility switches, in the lower part of the screen so that everyone can
// reach them. On and off are said in words, not only shown by a colour.
import QtQuick

Rectangle {
    id: panel
    objectName: "accessibilityPanel"
    property var vm
    property var a11y
    property real u: 1
    height: content.implicitHeight + 64 * u
    color: Theme.surface
    border.color: Theme.highContrast ? Theme.accent : Theme.brand
    border.width: 4 * u * Theme.borderScale
    radius: 24 * u

    function state(on) {
        return on ? "✔ " + panel.vm.texts["a11y.on"] : "○ " + panel.vm.texts["a11y.off"]
    }

    Column {
        id: content
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 32 * panel.u }
        spacing: 20 * panel.u
        Text {
            width: parent.width
            text: "♿ " + panel.vm.texts["a11y.title"]
            color: Theme.text
            font.pixelSize: 52 * panel.u * Theme.textScale
            font.bold: true
            wrapMode: Text.WordWrap
        }
        KioskButton {
            objectName: "toggle_highContrast"
            u: panel.u; width: parent.width; compact: true
            label: panel.vm.texts["a11y.high_contrast"]
            trailing: panel.state(panel.a11y.highContrast)
            primary: panel.a11y.highContrast
            onTapped: panel.a11y.toggleHighContrast()
        }
        KioskButton {
            objectName: "toggle_largeText"
            u: panel.u; width: parent.width; compact: true
            label: panel.vm.texts["a11y.large_text"]
            trailing: panel.state(panel.a11y.largeText)
            primary: panel.a11y.largeText
            onTapped: panel.a11y.toggleLargeText()
        }
        KioskButton {
            objectName: "toggle_lowLayout"
            u: panel.u; width: parent.width; compact: true
            label: panel.vm.texts["a11y.low_layout"]
            trailing: panel.state(panel.a11y.lowLayout)
            primary: panel.a11y.lowLayout
            onTapped: panel.a11y.toggleLowLayout()
        }
        KioskButton {
            objectName: "toggle_speech"
            visible: panel.a11y.speechAvailable
            u: panel.u; width: parent.width; compact: true
            label: panel.vm.texts["a11y.speech"]
            trailing: panel.state(panel.a11y.speechOn)
            primary: panel.a11y.speechOn
            onTapped: panel.a11y.toggleSpeech()
        }
        KioskButton {
            objectName: "closeAccessibility"
            u: panel.u; width: parent.width; compact: true
            label: "✕ " + panel.vm.texts["a11y.close"]
            onTapped: panel.a11y.closePanel()
        }
    }
}
