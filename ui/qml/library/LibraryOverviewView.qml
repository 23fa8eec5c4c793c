// The patron's account: loans with due dates, holds ready, fines, and what to do next.
import QtQuick
import ".."

Rectangle {
    id: view
    property var vm
    property real u: 1
    objectName: "libraryOverviewView"
    color: Theme.background

    Flickable {
        anchors { fill: parent; margins: 48 * view.u }
        contentHeight: body.implicitHeight
        clip: true
        Column {
            id: body
            width: parent.width
            spacing: 28 * view.u
            Text {
                objectName: "patronGreeting"
                property string dataKind: "personal"  // the patron's first name, card's end
                width: parent.width
                text: view.vm.texts["services.hello"] + (view.vm.patronName ? " " + view.vm.patronName : "")
                      + " · " + view.vm.texts["library.patron"] + " " + view.vm.cardLabel
                color: Theme.text
                font.pixelSize: 52 * view.u * Theme.textScale
                font.bold: true
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "patronBlocked"
                visible: view.vm.blockedReason !== ""
                width: parent.width
                text: "⚠ " + view.vm.blockedReason
                color: Theme.danger
                font.pixelSize: 36 * view.u * Theme.textScale
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "overviewMessage"
                visible: view.vm.message !== ""
                width: parent.width
                // A refusal or failure: said with a sign too, never by the red alone.
                text: "⚠ " + view.vm.message
                color: Theme.danger
                font.pixelSize: 36 * view.u * Theme.textScale
                wrapMode: Text.WordWrap
            }
            Grid {
                width: parent.width
                columns: 2
                spacing: 20 * view.u
                KioskButton {
                    objectName: "borrowButton"
                    u: view.u
                    width: (parent.width - parent.spacing) / 2
                    label: "▮▌ " + view.vm.texts["library.ui.borrow"]
                    onTapped: view.vm.go("borrow")
                }
                KioskButton {
                    objectName: "returnButton"
                    u: view.u
                    width: (parent.width - parent.spacing) / 2
                    label: "↩ " + view.vm.texts["library.ui.return"]
                    onTapped: view.vm.go("return")
                }
                KioskButton {
                    objectName: "renewButton"
                    u: view.u
                    width: (parent.width - parent.spacing) / 2
                    enabledForUse: view.vm.online && view.vm.loans.length > 0
                    label: "⟳ " + view.vm.texts["library.ui.renew"]
                    onTapped: view.vm.go("renew")
                }
                KioskButton {
                    objectName: "payButton"
                    u: view.u
                    width: (parent.width - parent.spacing) / 2
                    enabledForUse: view.vm.canPay
                    label: "€ " + view.vm.texts["library.ui.pay"]
                    sublabel: view.vm.finesCents > 0 ? view.vm.finesTotal : ""
                    sublabelKind: "money"
                    onTapped: view.vm.go("pay")
                }
            }
            KioskButton {
                objectName: "finishButton"
                u: view.u
                width: parent.width
                primary: true
                label: view.vm.texts["library.ui.finish"]
                onTapped: view.vm.finish()
            }
            Text {
                visible: view.vm.busy
                text: view.vm.texts["library.ui.working"]
                color: Theme.muted
                font.pixelSize: 32 * view.u * Theme.textScale
            }
            Text {
                visible: view.vm.accountKnown
                property string dataKind: "number"  // how many
                text: view.vm.texts["library.ui.loans"] + " (" + view.vm.loans.length + ")"
                color: Theme.brand
                font.pixelSize: 44 * view.u * Theme.textScale
                font.bold: true
            }
            Text {
                visible: !view.vm.accountKnown && !view.vm.busy
                width: parent.width
                text: view.vm.texts["library.ui.account_offline"]
                color: Theme.muted
                font.pixelSize: 34 * view.u * Theme.textScale
                wrapMode: Text.WordWrap
            }
            Repeater {
                model: view.vm.loans
                delegate: Text {
                    required property var modelData
                    objectName: "loan_" + modelData.item
                    property string dataKind: "title"  // the item's title and due date
                    width: body.width
                    text: (modelData.overdue ? "⚠ " : "• ") + modelData.title + " — "
                          + view.vm.texts["library.due"] + " " + modelData.due
                          + (modelData.overdue ? " (" + view.vm.texts["library.ui.overdue"] + ")" : "")
                    color: modelData.overdue ? Theme.danger : Theme.text
                    font.pixelSize: 34 * view.u * Theme.textScale
                    wrapMode: Text.WordWrap
                }
            }
            Text {
                visible: view.vm.holds.length > 0
                text: view.vm.texts["library.ui.holds"]
                color: Theme.brand
                font.pixelSize: 44 * view.u * Theme.textScale
                font.bold: true
            }
            Repeater {
                model: view.vm.holds
                delegate: Text {
                    required property var modelData
                    objectName: "hold_" + modelData.item
                    property string dataKind: "title"
                    width: body.width
                    text: "★ " + modelData.title
                    color: Theme.text
                    font.pixelSize: 34 * view.u * Theme.textScale
                    wrapMode: Text.WordWrap
                }
            }
            Text {
                visible: view.vm.accountKnown
                objectName: "finesHeading"
                // "Amendes : 2,50 €" / "Boetes: € 2,50": the catalog's label format
                width: body.width
                wrapMode: Text.WordWrap
                text: view.vm.texts["format.label_value"]
                      .replace("{label}", view.vm.texts["library.ui.fines"])
                      .replace("{value}", view.vm.finesCents > 0 ? view.vm.finesTotal
                                                                : view.vm.texts["library.fines.none"])
                color: Theme.brand
                font.pixelSize: 44 * view.u * Theme.textScale
                font.bold: true
            }
            Repeater {
                model: view.vm.fines
                delegate: Text {
                    required property var modelData
                    width: body.width
                    property string dataKind: "money"  // a catalog fine and its amount
                    text: "• " + modelData.text + " — " + modelData.amount
                    color: Theme.text
                    font.pixelSize: 34 * view.u * Theme.textScale
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
