// The kiosk's own on-screen keyboard (no physical keyboard, no Qt Virtual Keyboard):
// AZERTY for French, QWERTY for Dutch and English, a row of accents, digits.
// Every key is a touch target of at least 2 cm.
import QtQuick

Rectangle {
    id: keyboard
    objectName: "keyboard"
    property real u: 1
    property string language: "fr"
    property var texts: ({})
    property bool shifted: false
    signal key(string character)
    signal erase()
    signal done()

    readonly property var letterRows: language === "fr"
        ? [["a", "z", "e", "r", "t", "y", "u", "i", "o", "p"],
           ["q", "s", "d", "f", "g", "h", "j", "k", "l", "m"],
           ["w", "x", "c", "v", "b", "n", "'", "-", "."]]
        : [["q", "w", "e", "r", "t", "y", "u", "i", "o", "p"],
           ["a", "s", "d", "f", "g", "h", "j", "k", "l", "'"],
           ["z", "x", "c", "v", "b", "n", "m", "-", "."]]
    readonly property var rows: [["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
                                 ["é", "è", "ê", "ë", "à", "ç", "ù", "ô", "ï", "ü"]]
                                .concat(letterRows)
    readonly property real keyWidth: (width - 32 * u - 9 * 8 * u) / 10
    readonly property real keyHeight: 110 * u

    height: column.implicitHeight + 32 * u
    color: Theme.highContrast ? "#000000" : "#dfe4ea"
    border.color: Theme.border
    border.width: 2 * u

    component Key: Rectangle {
        id: keyItem
        property string label
        property string value: label
        property bool special: false
        readonly property bool touchTarget: true
        signal pressed()
        width: keyboard.keyWidth
        height: keyboard.keyHeight
        radius: 12 * keyboard.u
        color: area.pressed ? Theme.accent : (special ? Theme.brand : Theme.surface)
        border.color: Theme.border
        border.width: 2 * keyboard.u * Theme.borderScale
        Accessible.role: Accessible.Button
        Accessible.name: label
        Text {
            anchors.centerIn: parent
            // Long words ("Bevestigen") and large text shrink to fit their key, never
            // spill over its edges.
            width: parent.width - 16 * keyboard.u
            horizontalAlignment: Text.AlignHCenter
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: 20 * keyboard.u
            // A letter is the citizen's input; Confirm and Erase come from the catalog.
            property string dataKind: keyItem.special ? "" : "input"
            text: keyItem.label
            color: keyItem.special ? Theme.textOnBrand : Theme.text
            font.pixelSize: 44 * keyboard.u * Theme.textScale
            font.bold: keyItem.special
        }
        MouseArea {
            id: area
            anchors.fill: parent
            onClicked: keyItem.pressed()
            // A quick second tap on the same key is a second letter ("ll"), not a
            // double click.
            onDoubleClicked: keyItem.pressed()
        }
    }

    Column {
        id: column
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 16 * keyboard.u }
        spacing: 8 * keyboard.u
        Repeater {
            model: keyboard.rows
            delegate: Row {
                required property var modelData
                required property int index
                anchors.horizontalCenter: parent.horizontalCenter
                spacing: 8 * keyboard.u
                // The shift key starts the last row of letters.
                Key {
                    visible: parent.index === keyboard.rows.length - 1
                    objectName: "key_shift"
                    label: keyboard.shifted ? "⇪" : "⇧"
                    special: true
                    onPressed: keyboard.shifted = !keyboard.shifted
                }
                Repeater {
                    model: parent.modelData
                    delegate: Key {
                        required property string modelData
                        objectName: "key_" + modelData
                        label: keyboard.shifted ? modelData.toUpperCase() : modelData
                        onPressed: {
                            keyboard.key(label)
                            keyboard.shifted = false
                        }
                    }
                }
            }
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 8 * keyboard.u
            Key {
                objectName: "key_erase"
                width: keyboard.keyWidth * 2 + 8 * keyboard.u
                label: "⌫ " + ((keyboard.texts || {})["kb.erase"] || "")
                special: true
                onPressed: keyboard.erase()
            }
            Key {
                objectName: "key_space"
                width: keyboard.keyWidth * 5 + 32 * keyboard.u
                label: (keyboard.texts || {})["kb.space"] || " "
                value: " "
                onPressed: keyboard.key(" ")
            }
            Key {
                objectName: "key_ok"
                width: keyboard.keyWidth * 3 + 16 * keyboard.u
                label: "✔ " + ((keyboard.texts || {})["kb.ok"] || "OK")
                special: true
                onPressed: keyboard.done()
            }
        }
    }
}
