// The eID PIN pad: asked once per card session, before any personal data is shown.
// Fixed digit layout (NumPad), large keys, dots instead of digits, the tries left, a
// warning in words before the last try, and what to do when the card is blocked.
import QtQuick

Rectangle {
    id: view
    objectName: "cardPinView"
    property var pin            // ui.viewmodels.card_pin.CardPinModel
    // While the model is gone (teardown), bind to an empty stand-in, not to null.
    readonly property var p: pin || ({stage: "", pinLength: 0, triesText: "", message: "",
                                      lastTry: false})
    property var texts: ({})
    property real u: 1
    visible: view.p.stage !== ""
    color: Theme.background

    Column {
        anchors.centerIn: parent
        width: parent.width - 80 * view.u
        spacing: 32 * view.u

        Text {
            objectName: "pinTitle"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: (view.texts || {})["pin.title"] || ""
            color: Theme.text
            font.pixelSize: 56 * view.u * Theme.textScale
            font.bold: true
        }
        Text {
            objectName: "pinHint"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            visible: view.p.stage === "entry"
            text: (view.texts || {})["pin.hint"] || ""
            color: Theme.text
            font.pixelSize: 34 * view.u * Theme.textScale
        }
        Row {
            objectName: "cardPinDots"
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 24 * view.u
            height: 60 * view.u
            Repeater {
                model: view.p.pinLength
                delegate: Rectangle {
                    width: 48 * view.u; height: 48 * view.u; radius: 24 * view.u
                    color: Theme.accent
                }
            }
        }
        Text {
            objectName: "pinTries"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: text !== "" && view.p.stage === "entry"
            text: view.p.triesText
            color: Theme.text
            font.pixelSize: 44 * view.u * Theme.textScale
            font.bold: true
        }
        Text {
            objectName: "pinMessage"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            visible: text !== ""
            text: view.p.message
            color: view.p.stage === "checking" ? Theme.text : Theme.danger
            font.pixelSize: 44 * view.u * Theme.textScale
            font.bold: true
        }
        Rectangle {
            objectName: "pinLastTryWarning"
            width: parent.width
            height: warning.implicitHeight + 40 * view.u
            visible: view.p.lastTry
            radius: 16 * view.u
            color: Theme.surface
            border.color: Theme.danger
            border.width: 4 * view.u
            Text {
                id: warning
                anchors.centerIn: parent
                width: parent.width - 40 * view.u
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: "⚠ " + ((view.texts || {})["pin.last_try"] || "")
                color: Theme.text
                font.pixelSize: 40 * view.u * Theme.textScale
                font.bold: true
            }
        }
        NumPad {
            anchors.horizontalCenter: parent.horizontalCenter
            visible: view.p.stage === "entry"
            u: view.u
            texts: view.texts
            prefix: "cardPin_"
            onDigit: (value) => view.p.digit(value)
            onErase: view.p.erase()
            onDone: view.p.submit()
        }
        KioskButton {
            objectName: "cardPinCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            visible: view.p.stage !== "checking"
            u: view.u
            width: 760 * view.u
            compact: true
            label: "✕ " + ((view.texts || {})["pin.cancel"] || "")
            onTapped: view.p.cancel()
        }
    }
}
