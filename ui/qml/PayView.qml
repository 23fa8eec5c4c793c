// Paying a fee: the amount, card or cash, the terminal's prompts or the cash inserted
// so far live, and what happened to the money if it did not go through. A paid
// certificate chooses its delivery here too (printed here, portal, post), above the
// amount: one screen says what is paid for, how it comes and how much.
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
    readonly property bool choosing: view.vm.document.asked
    readonly property bool chosen: !view.choosing || view.vm.document.choice !== ""
    Flickable {
        anchors {
            left: parent.left; right: parent.right; top: steps.bottom; bottom: parent.bottom
            leftMargin: 48 * view.u; rightMargin: 48 * view.u; topMargin: 24 * view.u
        }
        contentHeight: payColumn.height + 48 * view.u
        clip: true
        Column {
            id: payColumn
            width: parent.width
            spacing: (view.choosing ? 24 : 36) * view.u
            Text {
                objectName: "payDeliveryTitle"
                visible: view.choosing
                width: parent.width
                text: view.vm.texts["pay.delivery.title"]
                wrapMode: Text.WordWrap
                color: Theme.text
                font.pixelSize: 48 * view.u * Theme.textScale
                font.bold: true
            }
            DeliveryChoice {
                visible: view.choosing && view.pay.busy === ""
                vm: view.vm
                u: view.u
                compact: true
                width: parent.width
                selected: view.vm.document.choice
            }
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: view.vm.texts["pay.title"]
                color: Theme.text
                font.pixelSize: (view.choosing ? 44 : 56) * view.u * Theme.textScale
            }
            Text {
                objectName: "payAmount"
                property string dataKind: "money"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: view.pay.amountText
                color: Theme.brandDark
                font.pixelSize: (view.choosing ? 96 : 140) * view.u * Theme.textScale
                font.bold: true
            }
            Text {
                objectName: "payChooseFirst"
                visible: !view.chosen && view.pay.busy === ""
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: view.vm.texts["pay.choose_delivery"]
                color: Theme.muted
                font.pixelSize: 34 * view.u * Theme.textScale
            }
            KioskButton {
                objectName: "payCard"
                visible: view.pay.busy === "" && view.pay.methods.indexOf("card") >= 0
                enabledForUse: view.chosen
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
                enabledForUse: view.chosen
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
}
