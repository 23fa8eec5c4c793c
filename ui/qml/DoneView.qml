import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "doneView"
    readonly property bool ok: view.vm.result.ok === true
    readonly property bool ticket: view.vm.result.kind === "queue_ticket"

    Column {
        anchors.centerIn: parent
        width: parent.width * 0.84
        spacing: 40 * view.u
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: !view.ok ? view.vm.texts["done.failed"]
                           : (view.ticket ? view.vm.texts["done.your_number"]
                                          : view.vm.texts["done.request_title"])
            wrapMode: Text.WordWrap
            color: view.ok ? Theme.text : Theme.danger
            font.pixelSize: 60 * view.u
            font.bold: true
        }
        Rectangle {
            visible: view.ok
            anchors.horizontalCenter: parent.horizontalCenter
            width: view.ticket ? 640 * view.u : parent.width
            height: (view.ticket ? 300 : 160) * view.u
            radius: 24 * view.u
            color: Theme.accent
            Text {
                objectName: "ticketNumber"
                anchors.centerIn: parent
                text: view.ticket ? (view.vm.result.ticket_number || "")
                                  : (view.vm.result.reference || "")
                color: Theme.brandDark
                font.pixelSize: (view.ticket ? 180 : 46) * view.u
                font.bold: true
            }
        }
        Text {
            visible: view.ok && view.ticket
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.result.desk_name || ""
            color: Theme.text
            font.pixelSize: 52 * view.u
        }
        Text {
            objectName: "printMessage"
            visible: view.ok
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: view.ticket
                  ? (view.vm.result.printed ? view.vm.texts["done.take_ticket"]
                                            : view.vm.texts["done.print_failed"])
                  : (view.vm.result.printed ? view.vm.texts["done.take_confirmation"]
                                            : view.vm.texts["done.confirmation_failed"])
            color: view.vm.result.printed ? Theme.text : Theme.danger
            font.pixelSize: 44 * view.u
            font.bold: !view.vm.result.printed
        }
        Text {
            visible: view.ok && view.ticket
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.texts["done.wait"]
            color: Theme.muted
            font.pixelSize: 40 * view.u
        }
        Item { width: 1; height: 60 * view.u }
        KioskButton {
            objectName: "finishButton"
            u: view.u
            width: parent.width
            primary: true
            label: view.vm.texts["common.finish"]
            onTapped: view.vm.finish()
        }
    }
}
