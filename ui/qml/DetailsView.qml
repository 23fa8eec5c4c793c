// The details steps of the chosen service, one at a time (vm.detailsStep): a counter
// for a queue ticket; the card's data then the delivery for a certificate; site, day
// and slot for an appointment; the letter's QR code for a letter payment.
import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    property var status: null  // device notices (ui/viewmodels/kioskstatus.py)
    objectName: "detailsView"
    readonly property string step: view.vm.detailsStep
    readonly property var appt: view.vm.appointment
    readonly property var letter: view.vm.letter

    StepIndicator {
        id: steps
        vm: view.vm
        u: view.u
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
    }

    Text {
        id: title
        objectName: "detailsTitle"
        anchors { left: parent.left; right: parent.right; top: steps.bottom; margins: 48 * view.u }
        wrapMode: Text.WordWrap
        color: Theme.text
        font.pixelSize: 60 * view.u * Theme.textScale
        font.bold: true
        text: ({
            "desk": view.vm.texts["details.desk.title"],
            "confirm_data": view.vm.texts["details.data.title"],
            "delivery": view.vm.texts["details.delivery.title"],
            "site": view.vm.texts["appointment.site.title"],
            "day": view.vm.texts["appointment.day.title"],
            "slot": view.vm.texts["appointment.slot.title"],
            "scan": view.vm.texts["letter.scan.title"]
        })[view.step] || ""
    }

    Flickable {
        anchors {
            left: parent.left; right: parent.right; top: title.bottom; bottom: parent.bottom
            leftMargin: 48 * view.u; rightMargin: 48 * view.u; topMargin: 32 * view.u
            bottomMargin: 48 * view.u
        }
        contentHeight: body.height
        clip: true

        Column {
            id: body
            width: parent.width
            spacing: 28 * view.u

            // --- queue ticket: which counter -------------------------------------
            Text {
                // Said before the ticket, not after: no paper, remember the number
                // (issue 24, defect 2).
                objectName: "ticketPaperNotice"
                visible: view.step === "desk" && text !== ""
                width: body.width
                wrapMode: Text.WordWrap
                text: view.status ? view.status.ticketNotice : ""
                color: Theme.danger
                font.pixelSize: 40 * view.u * Theme.textScale
                font.bold: true
            }
            Repeater {
                model: view.step === "desk" ? view.vm.desks : []
                delegate: KioskButton {
                    required property var modelData
                    objectName: "desk_" + modelData.id
                    u: view.u
                    width: body.width
                    label: modelData.name
                    labelKind: "reference"  // the desks of the city's reference data
                    trailing: modelData.prefix
                    trailingKind: "code"
                    onTapped: view.vm.chooseDesk(modelData.id)
                }
            }

            // --- certificate: the card's data, then the delivery -------------------
            Rectangle {
                visible: view.step === "confirm_data"
                width: body.width
                height: Math.max(summary.implicitHeight, photo.height) + 48 * view.u
                radius: 18 * view.u
                color: Theme.surface
                border.color: "#b8c2cc"
                Image {
                    id: photo
                    objectName: "confirmPhoto"
                    anchors { right: parent.right; top: parent.top; margins: 24 * view.u }
                    width: 180 * view.u; height: 240 * view.u
                    fillMode: Image.PreserveAspectFit
                    cache: false
                    asynchronous: true  // decoded on QML's image thread (issue 25)
                    source: view.step === "confirm_data" ? view.vm.photoUrl : ""
                    visible: source !== ""
                }
                Column {
                    id: summary
                    objectName: "citizenSummary"
                    anchors {
                        left: parent.left; top: parent.top; margins: 24 * view.u
                        right: photo.visible ? photo.left : parent.right
                    }
                    spacing: 8 * view.u
                    Repeater {
                        model: ["name", "birth", "street", "town"]
                        delegate: Text {
                            required property string modelData
                            width: summary.width
                            property string dataKind: "personal"
                            text: view.vm.citizenSummary[modelData] || ""
                            wrapMode: Text.WordWrap
                            color: Theme.text
                            font.pixelSize: (modelData === "name" ? 48 : 40) * view.u * Theme.textScale
                            font.bold: modelData === "name"
                        }
                    }
                }
            }
            Text {
                visible: view.step === "confirm_data"
                width: body.width
                text: view.vm.texts["details.data.hint"] + " " + view.vm.texts["details.data.wrong"]
                wrapMode: Text.WordWrap
                color: Theme.muted
                font.pixelSize: 38 * view.u * Theme.textScale
            }
            KioskButton {
                objectName: "confirmData"
                visible: view.step === "confirm_data"
                u: view.u
                width: body.width
                primary: true
                label: view.vm.texts["details.data.ok"]
                onTapped: view.vm.confirmData()
            }
            DeliveryChoice {
                visible: view.step === "delivery"
                vm: view.vm
                u: view.u
                width: body.width
            }

            // --- appointment: site, day, slot --------------------------------------
            Repeater {
                model: view.step === "site" ? view.appt.sites : []
                delegate: KioskButton {
                    required property var modelData
                    objectName: "site_" + modelData.id
                    u: view.u
                    width: body.width
                    label: modelData.name
                    labelKind: "reference"  // the appointment sites from the backend
                    sublabel: modelData.address || ""
                    sublabelKind: "reference"
                    // This kiosk's own site: first, and marked in words (never by colour alone).
                    trailing: modelData.here ? view.vm.texts["appointment.site.here"] : ""
                    onTapped: view.vm.chooseSite(modelData.id)
                }
            }
            Repeater {
                model: view.step === "day" ? view.appt.days : []
                delegate: KioskButton {
                    required property var modelData
                    objectName: "day_" + modelData.iso
                    u: view.u
                    width: body.width
                    label: modelData.label
                    labelKind: "date"
                    onTapped: view.vm.chooseDay(modelData.iso)
                }
            }
            Text {
                objectName: "slotMessage"
                visible: view.step === "slot" && text !== ""
                width: body.width
                wrapMode: Text.WordWrap
                text: view.appt.loading ? view.vm.texts["appointment.loading"] : view.appt.message
                color: view.appt.loading ? Theme.brand : Theme.danger
                font.pixelSize: 44 * view.u * Theme.textScale
                font.bold: true
            }
            Grid {
                visible: view.step === "slot"
                width: body.width
                columns: 3
                spacing: 20 * view.u
                Repeater {
                    model: view.step === "slot" ? view.appt.slots : []
                    delegate: KioskButton {
                        required property var modelData
                        objectName: "slot_" + modelData.id
                        u: view.u
                        compact: true
                        width: (body.width - 40 * view.u) / 3
                        label: modelData.time
                        labelKind: "number"
                        onTapped: view.vm.chooseSlot(modelData.id)
                    }
                }
            }

            // --- letter: the QR code -------------------------------------------------
            Text {
                visible: view.step === "scan"
                width: body.width
                wrapMode: Text.WordWrap
                text: view.vm.texts["letter.scan.hint"]
                color: Theme.text
                font.pixelSize: 44 * view.u * Theme.textScale
            }
            Rectangle {
                visible: view.step === "scan"
                anchors.horizontalCenter: parent.horizontalCenter
                width: 360 * view.u; height: 360 * view.u
                radius: 24 * view.u
                color: "transparent"
                border.color: view.letter.scanning ? Theme.brand : Theme.disabled
                border.width: 10 * view.u
                Text {
                    anchors.centerIn: parent
                    text: "QR"
                    property string dataKind: "code"  // the code's name, the same in every language
                    color: Theme.brand
                    font.pixelSize: 120 * view.u * Theme.textScale
                    font.bold: true
                }
            }
            Text {
                objectName: "scanStatus"
                visible: view.step === "scan" && view.letter.scanning && view.letter.message === ""
                width: body.width
                horizontalAlignment: Text.AlignHCenter
                text: view.vm.texts["letter.scanning"]
                color: Theme.brand
                font.pixelSize: 44 * view.u * Theme.textScale
            }
            Text {
                objectName: "scanMessage"
                visible: view.step === "scan" && text !== ""
                width: body.width
                wrapMode: Text.WordWrap
                text: view.letter.message
                color: Theme.danger
                font.pixelSize: 44 * view.u * Theme.textScale
                font.bold: true
            }
            KioskButton {
                objectName: "retryScan"
                visible: view.step === "scan" && !view.letter.scanning
                u: view.u
                width: body.width
                label: view.vm.texts["common.retry"]
                onTapped: view.vm.retryScan()
            }
        }
    }
}
