// The details step: a counter for a queue ticket, the card's data and the delivery
// for a certificate.
import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "detailsView"

    Column {
        visible: view.vm.detailsKind === "queue_ticket"
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
        spacing: 32 * view.u
        Text {
            width: parent.width
            text: view.vm.texts["details.desk.title"]
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: 60 * view.u
            font.bold: true
        }
        Repeater {
            model: view.vm.detailsKind === "queue_ticket" ? view.vm.desks : []
            delegate: KioskButton {
                required property var modelData
                objectName: "desk_" + modelData.id
                u: view.u
                width: parent.width
                label: modelData.name
                trailing: modelData.prefix
                onTapped: view.vm.chooseDesk(modelData.id)
            }
        }
    }

    Column {
        visible: view.vm.detailsKind === "certificate"
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
        spacing: 28 * view.u
        Text {
            width: parent.width
            text: view.vm.texts["details.confirm.title"]
            color: Theme.text
            font.pixelSize: 60 * view.u
            font.bold: true
        }
        Rectangle {
            width: parent.width
            height: summary.implicitHeight + 48 * view.u
            radius: 18 * view.u
            color: Theme.surface
            border.color: "#b8c2cc"
            Column {
                id: summary
                objectName: "citizenSummary"
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 24 * view.u }
                spacing: 8 * view.u
                Repeater {
                    model: ["name", "birth", "street", "town"]
                    delegate: Text {
                        required property string modelData
                        width: summary.width
                        text: view.vm.citizenSummary[modelData] || ""
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        font.pixelSize: (modelData === "name" ? 48 : 40) * view.u
                        font.bold: modelData === "name"
                    }
                }
            }
        }
        Text {
            width: parent.width
            text: view.vm.texts["details.confirm.hint"]
            wrapMode: Text.WordWrap
            color: Theme.muted
            font.pixelSize: 40 * view.u
        }
        KioskButton {
            objectName: "delivery_portal"
            u: view.u
            width: parent.width
            primary: true
            label: view.vm.texts["delivery.portal"]
            sublabel: view.vm.texts["delivery.portal.hint"]
            onTapped: view.vm.chooseDelivery("portal")
        }
        KioskButton {
            objectName: "delivery_post"
            u: view.u
            width: parent.width
            label: view.vm.texts["delivery.post"]
            sublabel: view.vm.texts["delivery.post.hint"]
            onTapped: view.vm.chooseDelivery("post")
        }
    }
}
