// Paying a fee: the amount, card or cash, the terminal's prompts or the cash inserted
// so far live, and what happened to the money if it did not go through.
import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    readonly property var pay: view.vm.payment
    objectName: "payView"

    StepIndicator {
        id: steps
        vm: view.vm
        u: view.u
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
    }
    Column {
        anchors { left: parent.left; right: parent.right; top: steps.bottom; margins: 48 * view.u }
        spacing: 36 * view.u
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.texts["pay.title"]
            color: Theme.text
            font.pixelSize: 56 * view.u * Theme.textScale
        }
        Text {
            objectName: "payAmount"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.pay.amountText
            color: Theme.brandDark
            font.pixelSize: 140 * view.u * Theme.textScale
            font.bold: true
        }
        KioskButton {
            objectName: "payCard"
            visible: view.pay.busy === "" && view.pay.methods.indexOf("card") >= 0
            u: view.u
            width: parent.width
            primary: true
            label: view.vm.texts["pay.card"]
            sublabel: view.vm.texts["pay.card.hint"]
            onTapped: view.pay.payByCard()
        }
        KioskButton {
            objectName: "payCash"
            visible: view.pay.busy === "" && view.pay.methods.indexOf("cash") >= 0
            u: view.u
            width: parent.width
            label: view.vm.texts["pay.cash"]
            sublabel: view.vm.texts["pay.cash.hint"]
            onTapped: view.pay.payByCash()
        }
        Text {
            objectName: "payPrompt"
            visible: view.pay.busy !== ""
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: view.pay.prompt
            color: Theme.brand
            font.pixelSize: 60 * view.u * Theme.textScale
            font.bold: true
        }
        KioskButton {
            objectName: "payStop"
            visible: view.pay.busy !== ""
            u: view.u
            width: parent.width
            label: view.vm.texts["pay.stop"]
            onTapped: view.pay.cancelPayment()
        }
        Text {
            objectName: "payMessage"
            visible: text !== ""
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: view.pay.message
            color: Theme.danger
            font.pixelSize: 44 * view.u * Theme.textScale
            font.bold: true
        }
    }
}
