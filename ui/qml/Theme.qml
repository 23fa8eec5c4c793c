pragma Singleton
import QtQuick

// Colours of the City of Brussels' kiosks: blue and yellow, high contrast on white.
QtObject {
    readonly property color brand: "#004b8d"
    readonly property color brandDark: "#00325e"
    readonly property color accent: "#ffcc00"
    readonly property color background: "#f4f6f9"
    readonly property color surface: "#ffffff"
    readonly property color text: "#1a1a1a"
    readonly property color muted: "#5c6670"
    readonly property color disabled: "#d5dae0"
    readonly property color danger: "#b00020"
}
