// A text field for a touch screen: tapping it opens the kiosk's own keyboard (or the
// numeric pad for codes and amounts) docked at the bottom of the window. What is
// typed lives in this item only: it goes when the screen goes (session end).
import QtQuick
import QtQuick.Controls

Rectangle {
    id: field
    property real u: 1
    property string text: ""
    property string placeholder: ""
    property string language: "fr"
    property var texts: ({})
    // "text": the full keyboard; "digits": codes; "amount": digits and a comma.
    property string mode: "text"
    property int maxLength: 64
    readonly property bool touchTarget: true
    readonly property bool editing: popup.opened
    signal accepted(string text)

    implicitHeight: 130 * u
    radius: 14 * u
    color: Theme.surface
    border.color: editing ? Theme.accent : Theme.border
    border.width: (editing ? 6 : 3) * u
    Accessible.role: Accessible.EditableText
    Accessible.name: placeholder

    function type(character) {
        if (field.text.length < field.maxLength)
            field.text += character
    }
    function open() { popup.open() }
    function close() { popup.close() }

    Text {
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                  margins: 28 * field.u }
        property string dataKind: field.text !== "" ? "input" : ""  // else the placeholder
        text: field.text !== "" ? field.text + (field.editing ? "▏" : "")
                                : (field.editing ? "▏" : field.placeholder)
        color: field.text !== "" ? Theme.text : Theme.muted
        elide: Text.ElideLeft
        font.pixelSize: 48 * field.u * Theme.textScale
    }
    MouseArea { anchors.fill: parent; onClicked: popup.open() }

    Popup {
        id: popup
        objectName: "keyboardPopup"
        parent: Overlay.overlay
        width: parent ? parent.width : 0
        x: 0
        y: parent ? parent.height - height : 0
        padding: 0
        modal: false
        closePolicy: Popup.NoAutoClose
        background: Item {}
        // The keyboard (or pad) is built when the field is edited and goes when it
        // closes: a screen with fields is built without them (the identify screen's two
        // fields made it a monolithic 10 ms of the GUI thread, issue 25), and a popup
        // shows only one of the two anyway.
        contentItem: Item {
            implicitHeight: keysLoader.item ? keysLoader.item.height
                            : (digitsLoader.item ? digitsLoader.item.implicitHeight : 0)
            Loader {
                id: keysLoader
                active: popup.visible && field.mode === "text"
                width: parent.width
                sourceComponent: Keyboard {
                    width: keysLoader.width
                    u: field.u
                    language: field.language
                    texts: field.texts
                    onKey: (character) => field.type(character)
                    onErase: field.text = field.text.slice(0, -1)
                    onDone: { popup.close(); field.accepted(field.text) }
                }
            }
            Loader {
                id: digitsLoader
                active: popup.visible && field.mode !== "text"
                anchors.fill: parent
                sourceComponent: Rectangle {
                    implicitHeight: digits.implicitHeight + 64 * field.u
                    color: Theme.highContrast ? "#000000" : "#dfe4ea"
                    NumPad {
                        id: digits
                        anchors.centerIn: parent
                        u: field.u
                        decimal: field.mode === "amount"
                        texts: field.texts
                        prefix: "fieldnum_"
                        onDigit: (value) => {
                            if (value === "," && field.text.indexOf(",") >= 0)
                                return
                            field.type(value)
                        }
                        onErase: field.text = field.text.slice(0, -1)
                        onDone: { popup.close(); field.accepted(field.text) }
                    }
                }
            }
        }
    }
}
