// A numeric pad for codes and amounts (the decimal comma only for amounts).
import QtQuick

Grid {
    id: pad
    objectName: "numPad"
    property real u: 1
    property bool decimal: false
    property var texts: ({})
    property string prefix: "num_"
    signal digit(string value)
    signal erase()
    signal done()

    columns: 3
    spacing: 20 * u
    readonly property real keyWidth: 240 * u
    readonly property real keyHeight: 150 * u

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9",
                "erase", "0", pad.decimal ? "," : "ok"]
        delegate: Rectangle {
            id: key
            required property string modelData
            readonly property bool touchTarget: true
            readonly property bool special: modelData === "erase" || modelData === "ok"
            objectName: pad.prefix + modelData
            width: pad.keyWidth
            height: pad.keyHeight
            radius: 18 * pad.u
            color: area.pressed ? Theme.accent
                                : (modelData === "ok" ? Theme.brand : Theme.surface)
            border.color: Theme.border
            border.width: 2 * pad.u * Theme.borderScale
            Accessible.role: Accessible.Button
            Accessible.name: label.text
            function tap() {
                if (modelData === "erase") pad.erase()
                else if (modelData === "ok") pad.done()
                else pad.digit(modelData)
            }
            Text {
                id: label
                anchors.centerIn: parent
                // A long word ("Bevestigen") shrinks to fit its key instead of spilling over.
                width: parent.width - 16 * pad.u
                horizontalAlignment: Text.AlignHCenter
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: 20 * pad.u
                property string dataKind: "number"  // a digit; OK is the catalog's
                text: key.modelData === "erase" ? "⌫"
                    : key.modelData === "ok" ? "✔ " + ((pad.texts || {})["kb.ok"] || "OK")
                    : key.modelData
                color: key.modelData === "ok" ? Theme.textOnBrand : Theme.text
                font.pixelSize: (key.special ? 38 : 64) * pad.u * Theme.textScale
                font.bold: true
            }
            MouseArea {
                id: area
                anchors.fill: parent
                onClicked: key.tap()
                onDoubleClicked: key.tap()  // "11" is two digits, not a double click
            }
        }
    }
    // With a decimal comma the pad needs its own "done" row.
    Item { visible: pad.decimal; width: 1; height: 1 }
    Rectangle {
        visible: pad.decimal
        readonly property bool touchTarget: true
        objectName: pad.prefix + "ok"
        width: pad.keyWidth
        height: pad.keyHeight
        radius: 18 * pad.u
        color: Theme.brand
        Text {
            anchors.centerIn: parent
            width: parent.width - 16 * pad.u
            horizontalAlignment: Text.AlignHCenter
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: 20 * pad.u
            text: "✔ " + ((pad.texts || {})["kb.ok"] || "OK")
            color: Theme.textOnBrand
            font.pixelSize: 48 * pad.u * Theme.textScale
            font.bold: true
        }
        MouseArea { anchors.fill: parent; onClicked: pad.done() }
    }
}
