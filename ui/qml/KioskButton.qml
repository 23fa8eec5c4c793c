// A large touch button: at least 2 cm high on a 21.5" portrait screen (checked by
// tests/ui/test_accessibility.py against [ui] screen_dpi).
import QtQuick

Rectangle {
    id: button
    property string label: ""
    property string sublabel: ""
    property string trailing: ""
    // What kind of data a text shows when it is not from the catalog (ui/shown_texts.py:
    // "reference" for a service's name, "money" for a fee, …); "" for a catalog text.
    property string labelKind: ""
    property string sublabelKind: ""
    property string trailingKind: ""
    property bool primary: false
    property bool compact: false
    property bool enabledForUse: true
    property real u: 1
    // Marks every touch target for the 2 cm check.
    readonly property bool touchTarget: true
    signal tapped()

    // A choice that stays marked (✓): said "selected" by the non-visual mode.
    property bool selected: false
    implicitHeight: compact ? 130 * u : Math.max(150 * u, content.implicitHeight + 48 * u)
    radius: 18 * u
    color: !enabledForUse ? Theme.disabled : (primary ? Theme.brand : Theme.surface)
    border.color: Theme.highContrast ? Theme.border : (primary ? Theme.brandDark : Theme.border)
    border.width: 2 * u * Theme.borderScale
    opacity: pressArea.pressed ? 0.8 : 1.0

    Accessible.role: Accessible.Button
    Accessible.name: label
    Accessible.description: sublabel

    Column {
        id: content
        anchors {
            left: parent.left; right: trailingText.left; verticalCenter: parent.verticalCenter
            leftMargin: (button.compact ? 20 : 36) * button.u; rightMargin: 16 * button.u
        }
        spacing: 8 * button.u
        Text {
            id: labelText
            property string dataKind: button.labelKind
            width: parent.width
            // Never by colour alone: a disabled button says so with a sign too.
            text: (button.enabledForUse ? "" : "⊘ ") + button.label
            // A compact button (top bar, bottom bar) keeps its label on one line and shrinks
            // it to fit: "✕ Annuleren" wrapped onto two lines (issue 24, defect 10).
            wrapMode: button.compact ? Text.NoWrap : Text.WordWrap
            fontSizeMode: button.compact ? Text.HorizontalFit : Text.FixedSize
            minimumPixelSize: 22 * button.u
            color: button.primary && button.enabledForUse ? Theme.textOnBrand : Theme.text
            font.pixelSize: (button.compact ? 38 : 48) * button.u * Theme.textScale
            font.bold: true
        }
        Text {
            width: parent.width
            property string dataKind: button.sublabelKind
            visible: text !== ""
            text: button.sublabel
            wrapMode: Text.WordWrap
            color: button.primary && button.enabledForUse ? Theme.mutedOnBrand : Theme.muted
            font.pixelSize: 32 * button.u * Theme.textScale
        }
    }
    Text {
        id: trailingText
        property string dataKind: button.trailingKind
        anchors {
            right: parent.right; verticalCenter: parent.verticalCenter
            rightMargin: (button.trailing === "" ? 0 : 36) * button.u
        }
        text: button.trailing
        color: button.primary ? Theme.textOnBrand : (Theme.highContrast ? Theme.accent : Theme.brand)
        font.pixelSize: 40 * button.u * Theme.textScale
        font.bold: true
    }
    MouseArea {
        id: pressArea
        anchors.fill: parent
        enabled: button.enabledForUse
        onClicked: {
            // The tap counter (ui/taps.py) is there in the citizen UI, not everywhere.
            if (typeof tapCounter !== "undefined" && tapCounter)
                tapCounter.tap(button.objectName)
            button.tapped()
        }
    }
}
