// Pay fines by card: the amount is shown and confirmed before the terminal is asked.
import QtQuick
import ".."

Rectangle {
    id: view
    property var vm
    property real u: 1
    objectName: "libraryPayView"
    color: Theme.background

    Column {
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
        spacing: 28 * view.u
        Text {
            width: parent.width
            text: view.vm.texts["library.ui.pay"]
            color: Theme.brand
            font.pixelSize: 64 * view.u * Theme.textScale
            font.bold: true
        }
        Repeater {
            model: view.vm.fines
            delegate: Text {
                required property var modelData
                width: view.width - 96 * view.u
                property string dataKind: "money"  // a catalog fine and its amount
                text: "• " + modelData.text + " — " + modelData.amount
                color: Theme.text
                font.pixelSize: 36 * view.u * Theme.textScale
                wrapMode: Text.WordWrap
            }
        }
        Text {
            objectName: "finesTotal"
            property string dataKind: "money"
            // The amount is big; "nothing to pay" is a sentence and wraps within the screen
            // ("Aucune amende à p…" ran off it: issue 24, defect 3).
            width: parent.width
            wrapMode: Text.WordWrap
            text: view.vm.finesCents > 0 ? view.vm.finesTotal : view.vm.texts["library.fines.none"]
            color: Theme.text
            font.pixelSize: (view.vm.finesCents > 0 ? 96 : 56) * view.u * Theme.textScale
            font.bold: true
        }
        Text {
            width: parent.width
            visible: view.vm.canPay && !view.vm.paying
            text: view.vm.texts["library.ui.pay_confirm"]
            color: Theme.muted
            font.pixelSize: 36 * view.u * Theme.textScale
            wrapMode: Text.WordWrap
        }
        KioskButton {
            objectName: "payConfirm"
            // Nothing to pay: no (disabled) pay button at all.
            visible: view.vm.finesCents > 0 || view.vm.paying
            u: view.u
            width: parent.width
            primary: true
            enabledForUse: view.vm.canPay && !view.vm.paying
            label: view.vm.texts["pay.card"] + (view.vm.finesCents > 0 ? " · " + view.vm.finesTotal : "")
            labelKind: "money"
            sublabel: view.vm.texts["pay.card.hint"]
            onTapped: view.vm.payFines()
        }
        Text {
            objectName: "payPrompt"
            visible: view.vm.paying
            width: parent.width
            text: view.vm.prompt !== "" ? view.vm.prompt : view.vm.texts["library.ui.working"]
            color: Theme.brand
            font.pixelSize: 48 * view.u * Theme.textScale
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Text {
            // What was just paid, with its amount (issue 24, defect 1).
            objectName: "paidText"
            visible: text !== ""
            width: parent.width
            text: view.vm.paidText
            color: Theme.text
            font.pixelSize: 48 * view.u * Theme.textScale
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "payMessage"
            visible: text !== ""
            width: parent.width
            text: view.vm.message
            color: Theme.text
            font.pixelSize: 40 * view.u * Theme.textScale
            wrapMode: Text.WordWrap
        }
    }
    KioskButton {
        objectName: "backToAccount"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 48 * view.u }
        u: view.u
        enabledForUse: !view.vm.paying
        label: "‹ " + view.vm.texts["library.ui.back_to_account"]
        onTapped: view.vm.go("overview")
    }
}
