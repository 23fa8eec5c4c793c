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
                text: "• " + modelData.text + " — " + modelData.amount
                color: Theme.text
                font.pixelSize: 36 * view.u * Theme.textScale
                wrapMode: Text.WordWrap
            }
        }
        Text {
            objectName: "finesTotal"
            text: view.vm.finesCents > 0 ? view.vm.finesTotal : view.vm.texts["library.fines.none"]
            color: Theme.text
            font.pixelSize: 96 * view.u * Theme.textScale
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
            u: view.u
            width: parent.width
            primary: true
            enabledForUse: view.vm.canPay && !view.vm.paying
            label: view.vm.texts["pay.card"] + (view.vm.finesCents > 0 ? " · " + view.vm.finesTotal : "")
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
