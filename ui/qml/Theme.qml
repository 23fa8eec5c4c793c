pragma Singleton
import QtQuick

// Colours of the City of Brussels' kiosks: blue and yellow, high contrast on white.
// Main.qml switches the accessibility modes for the session; every view follows.
QtObject {
    // Accessibility modes (reset at the end of every session).
    property bool highContrast: false
    property bool largeText: false
    // Font sizes are multiplied by this; layouts are not.
    readonly property real textScale: largeText ? 1.3 : 1.0

    readonly property color brand: highContrast ? "#000000" : "#004b8d"
    readonly property color brandDark: highContrast ? "#000000" : "#00325e"
    readonly property color accent: highContrast ? "#ffff00" : "#ffcc00"
    readonly property color background: highContrast ? "#000000" : "#f4f6f9"
    readonly property color surface: highContrast ? "#000000" : "#ffffff"
    readonly property color text: highContrast ? "#ffffff" : "#1a1a1a"
    readonly property color muted: highContrast ? "#ffffff" : "#5c6670"
    readonly property color disabled: highContrast ? "#3a3a3a" : "#d5dae0"
    readonly property color danger: highContrast ? "#ff7070" : "#b00020"
    readonly property color border: highContrast ? "#ffff00" : "#b8c2cc"
    readonly property color textOnBrand: highContrast ? "#ffff00" : "#ffffff"
    readonly property color mutedOnBrand: highContrast ? "#ffffff" : "#dce8f5"
    readonly property real borderScale: highContrast ? 2.5 : 1.0
}
