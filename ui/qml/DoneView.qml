// The end of a journey: what was done, what to take, and — when something went wrong —
// what happened to the citizen's money and request.
import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "doneView"
    readonly property var result: view.vm.result
    readonly property bool ok: view.result.ok === true
    readonly property string kind: view.result.kind || ""
    readonly property bool ticket: view.kind === "queue_ticket"
    readonly property bool paid: (view.result.method || "") !== ""
    readonly property bool printed: view.result.printed === true

    function titleText() {
        if (!view.ok)
            return view.vm.texts["done.failed"]
        return ({
            "queue_ticket": view.vm.texts["done.your_number"],
            "certificate": view.vm.texts["done.request_title"],
            "appointment": view.vm.texts["done.appointment_title"],
            "case_followup": view.vm.texts["done.cases_title"],
            "letter_payment": view.vm.texts["done.letter_title"]
        })[view.kind] || view.vm.texts["done.request_title"]
    }
    function bigValue() {
        if (view.ticket) return view.result.ticket_number || ""
        if (view.kind === "appointment") return view.result.when || ""
        return view.result.reference || ""
    }
    function printText() {
        if (view.paid && !view.printed) return view.vm.texts["done.paid_not_printed"]
        if (view.ticket)
            return view.printed ? view.vm.texts["done.take_ticket"] : view.vm.texts["done.print_failed"]
        if (view.kind === "appointment")
            return view.printed ? view.vm.texts["done.take_appointment"]
                                : view.vm.texts["done.appointment_not_printed"]
        return view.printed ? view.vm.texts["done.take_confirmation"]
                            : view.vm.texts["done.confirmation_failed"]
    }

    StepIndicator {
        id: steps
        vm: view.vm
        u: view.u
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
    }

    Flickable {
        anchors {
            left: parent.left; right: parent.right; top: steps.bottom; bottom: finish.top
            margins: 48 * view.u
        }
        contentHeight: content.height
        clip: true
        Column {
            id: content
            width: parent.width
            spacing: 36 * view.u
            Text {
                objectName: "doneTitle"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: view.titleText()
                wrapMode: Text.WordWrap
                color: view.ok ? Theme.text : Theme.danger
                font.pixelSize: 60 * view.u * Theme.textScale
                font.bold: true
            }
            // A certificate printed here: take it, with its page count; or, when the A4
            // printer could not, what happens to the document and to the money paid.
            Rectangle {
                objectName: "documentBox"
                visible: view.ok && (view.vm.document.doneTexts.title || "") !== ""
                width: parent.width
                height: documentColumn.implicitHeight + 48 * view.u
                radius: 18 * view.u
                color: view.vm.document.outcome === "printed" ? Theme.accent : Theme.surface
                border.color: view.vm.document.outcome === "printed" ? Theme.brandDark : Theme.danger
                border.width: 3 * view.u * Theme.borderScale
                Column {
                    id: documentColumn
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: 24 * view.u }
                    spacing: 16 * view.u
                    Text {
                        objectName: "documentTitle"
                        width: parent.width
                        text: view.vm.document.doneTexts.title || ""
                        wrapMode: Text.WordWrap
                        color: view.vm.document.outcome === "printed" ? Theme.brandDark : Theme.danger
                        font.pixelSize: 52 * view.u * Theme.textScale
                        font.bold: true
                    }
                    Text {
                        objectName: "documentDetail"
                        width: parent.width
                        text: view.vm.document.doneTexts.detail || ""
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        font.pixelSize: 38 * view.u * Theme.textScale
                    }
                }
            }
            // Failure: what happened to the request (and that nothing was charged).
            Text {
                objectName: "failureMessage"
                visible: !view.ok
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: view.result.reason === "unreachable" ? view.vm.texts["done.unreachable"] : ""
                color: Theme.text
                font.pixelSize: 44 * view.u * Theme.textScale
            }
            Rectangle {
                visible: view.ok && view.kind !== "case_followup"
                anchors.horizontalCenter: parent.horizontalCenter
                width: view.ticket ? 640 * view.u : parent.width
                height: (view.ticket ? 300 : 160) * view.u
                radius: 24 * view.u
                color: Theme.accent
                Text {
                    objectName: "ticketNumber"
                    anchors.centerIn: parent
                    width: parent.width - 40 * view.u
                    horizontalAlignment: Text.AlignHCenter
                    fontSizeMode: Text.HorizontalFit
                    // A ticket number, a reference, a date and time, a communication
                    property string dataKind: "code"
                    text: view.bigValue()
                    color: Theme.brandDark
                    font.pixelSize: (view.ticket ? 180 : 60) * view.u * Theme.textScale
                    font.bold: true
                }
            }
            Text {
                // Where to come: the citizen may have booked at another site than this one.
                objectName: "appointmentPlace"
                visible: view.ok && view.kind === "appointment"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                property string dataKind: "reference"  // the site, from the backend
                text: view.result.site_name || ""
                color: Theme.text
                font.pixelSize: 52 * view.u * Theme.textScale
                font.bold: true
            }
            Text {
                // The desk's name for a ticket; an appointment's counter is an internal
                // code ("c1") the citizen is called to on arrival, never shown.
                visible: view.ok && view.ticket
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                property string dataKind: "reference"  // the desk, from the reference data
                text: view.result.desk_name || ""
                color: Theme.text
                font.pixelSize: 52 * view.u * Theme.textScale
            }
            Text {
                objectName: "waitEstimate"
                visible: view.ok && view.ticket && view.result.estimate_checked === true
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: view.result.wait_minutes !== undefined && view.result.wait_minutes !== null
                      ? view.vm.texts["done.estimate"].replace("{n}", view.result.wait_minutes)
                      : view.vm.texts["done.no_estimate"]
                color: Theme.text
                font.pixelSize: 44 * view.u * Theme.textScale
            }
            Text {
                // How much was paid, how, the change: the money confirmed (issue 24).
                objectName: "moneyMessage"
                visible: view.ok && text !== ""
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: view.vm.moneyText
                color: Theme.text
                font.pixelSize: 44 * view.u * Theme.textScale
                font.bold: true
            }
            Text {
                objectName: "printMessage"
                visible: view.ok && view.kind !== "case_followup"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: view.printText()
                color: view.printed ? Theme.text : Theme.danger
                font.pixelSize: 44 * view.u * Theme.textScale
                font.bold: !view.printed
            }
            Text {
                objectName: "queuedMessage"
                visible: view.ok && view.result.queued_offline === true
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: view.vm.texts["done.queued_offline"]
                color: Theme.brandDark
                font.pixelSize: 40 * view.u * Theme.textScale
                font.bold: true
            }
            Text {
                visible: view.ok && view.ticket
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: view.vm.texts["done.wait"]
                color: Theme.muted
                font.pixelSize: 40 * view.u * Theme.textScale
            }
            // Case follow-up: each case with its status in plain words.
            Text {
                objectName: "noCases"
                visible: view.ok && view.kind === "case_followup" && view.vm.cases.length === 0
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: view.vm.texts["done.no_cases"]
                color: Theme.text
                font.pixelSize: 44 * view.u * Theme.textScale
            }
            Repeater {
                model: view.ok && view.kind === "case_followup" ? view.vm.cases : []
                delegate: Rectangle {
                    required property var modelData
                    required property int index
                    objectName: "case_" + index
                    width: content.width
                    height: caseText.implicitHeight + 40 * view.u
                    radius: 18 * view.u
                    color: Theme.surface
                    border.color: "#b8c2cc"
                    border.width: 2 * view.u
                    Column {
                        id: caseText
                        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 28 * view.u }
                        spacing: 6 * view.u
                        Text {
                            width: parent.width
                            property string dataKind: "reference"  // the service's name
                            text: modelData.service
                            wrapMode: Text.WordWrap
                            color: Theme.text
                            font.pixelSize: 44 * view.u * Theme.textScale
                            font.bold: true
                        }
                        Text {
                            objectName: "caseStatus_" + index
                            width: parent.width
                            text: modelData.status
                            wrapMode: Text.WordWrap
                            color: modelData.state === "rejected" ? Theme.danger : Theme.brand
                            font.pixelSize: 40 * view.u * Theme.textScale
                            font.bold: true
                        }
                        Text {
                            property string dataKind: "number"  // "Updated on" + a date
                            text: modelData.updated
                            color: Theme.muted
                            font.pixelSize: 32 * view.u * Theme.textScale
                        }
                    }
                }
            }
        }
    }
    KioskButton {
        id: finish
        objectName: "finishButton"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 48 * view.u }
        u: view.u
        primary: true
        label: view.vm.texts["common.finish"]
        onTapped: view.vm.finish()
    }
}
