// Technician mode: device status, last errors, what waits to be sent, receipts owed,
// self-test, end of day, and the exit to the desktop (PIN again).
import QtQuick

Rectangle {
    id: view
    objectName: "technicianView"
    property var vm
    property var tech
    property real u: 1
    readonly property var st: tech.status
    color: Theme.background

    function crlText(rv) {
        if (rv.crl === undefined)
            return "…"
        var t = view.vm.texts
        var line = (rv.crl === "fresh" ? "✔ " : rv.crl === "not_configured" ? "– " : "✖ ")
                   + t["tech.crl." + rv.crl]
        // Several citizen CAs, a CRL each: the dates are those of the first to go stale.
        if (rv.count > 1)
            line += " — " + t["tech.crl.count"].replace("{n}", rv.count)
        if (rv.thisUpdate)
            line += " — " + t["tech.crl.age"].replace("{h}", rv.ageHours)
                    .replace("{this}", rv.thisUpdate).replace("{next}", rv.nextUpdate || "—")
        if (rv.crl === "stale")
            line += " — " + t["tech.crl." + rv.policy]
        return line
    }

    component Heading: Text {
        width: parent ? parent.width : 0
        color: Theme.text
        font.pixelSize: 46 * view.u * Theme.textScale
        font.bold: true
    }
    component Line: Text {
        width: parent ? parent.width : 0
        color: Theme.text
        wrapMode: Text.WordWrap
        font.pixelSize: 34 * view.u * Theme.textScale
    }

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 140 * view.u
        color: "#1d2630"
        Text {
            anchors { left: parent.left; leftMargin: 40 * view.u; verticalCenter: parent.verticalCenter }
            text: "⚙ " + view.vm.texts["tech.title"]
            color: "white"
            font.pixelSize: 56 * view.u * Theme.textScale
            font.bold: true
        }
    }

    Flickable {
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: actions.top
                  margins: 40 * view.u }
        contentHeight: body.implicitHeight
        clip: true
        Column {
            id: body
            width: parent.width
            spacing: 16 * view.u

            Line {
                objectName: "techByCard"
                visible: view.tech.openedByCard
                text: view.vm.texts["tech.by_card"]
            }
            Heading { text: view.vm.texts["tech.devices"] }
            Repeater {
                model: view.st.devices || []
                delegate: Line {
                    required property var modelData
                    objectName: "device_" + modelData.name
                    // A sign and words, never a colour alone.
                    // The device and its state in the screen's language (a device's own
                    // error message stays as it said it: it is for the technician).
                    property string dataKind: view.vm.texts["device.state." + modelData.detail]
                                              ? "" : "technical"
                    text: (modelData.ok ? "✔ " : "✖ ") + (view.vm.texts["device." + modelData.name] || modelData.name)
                          + " — " + (view.vm.texts["device.state." + modelData.detail] || modelData.detail)
                    color: modelData.ok ? Theme.text : Theme.danger
                }
            }
            Line {
                objectName: "syncLine"
                // The sync process's own words when it has no catalog text for them
                property string dataKind: !view.st.syncReasonKey && view.st.syncReason
                                          ? "technical" : "number"
                text: (view.st.online ? "✔ " : "✖ ") + view.vm.texts["tech.online"] + " — "
                      + (view.vm.texts["sync.state." + view.st.syncState] || view.st.syncState || "")
                      + (view.st.syncReasonKey ? " (" + view.vm.texts[view.st.syncReasonKey] + ")"
                         : view.st.syncReason ? " (" + view.st.syncReason + ")" : "")
            }
            Line {
                objectName: "outboxLine"
                property string dataKind: "number"
                text: view.vm.texts["format.label_value"].replace("{label}", view.vm.texts["tech.outbox"])
                      .replace("{value}", view.st.pending === undefined ? "…" : view.st.pending)
                      + " · " + view.vm.texts["format.label_value"]
                      .replace("{label}", view.vm.texts["tech.dead_letters"])
                      .replace("{value}", view.st.deadLetters === undefined ? "…" : view.st.deadLetters)
            }

            // eID revocation: the cached CRLs' state and age (kiosk.eid_trust.py).
            Heading { text: view.vm.texts["tech.revocation"] }
            Line {
                objectName: "crlLine"
                readonly property var rv: view.st.revocation || ({})
                // A sign and words, never a colour alone.
                text: view.crlText(rv)
                color: rv.crl === "fresh" || rv.crl === undefined ? Theme.text : Theme.danger
            }
            Line {
                objectName: "ocspLine"
                text: view.vm.texts["tech.ocsp"]
            }

            Heading { text: view.vm.texts["tech.owed"] }
            Line {
                visible: (view.st.owed || []).length === 0
                text: view.vm.texts["tech.none"]
            }
            Repeater {
                model: view.st.owed || []
                delegate: KioskButton {
                    required property var modelData
                    required property int index
                    objectName: "reprint_" + index
                    u: view.u
                    width: body.width
                    compact: true
                    label: "↻ " + modelData.kind + " " + modelData.reference
                    labelKind: "technical"  // the spool's own names, for the technician
                    sublabel: modelData.error
                    sublabelKind: "technical"  // the printer's error as it said it
                    trailing: view.vm.texts["tech.reprint"]
                    onTapped: view.tech.reprint(modelData.id)
                }
            }

            Heading { text: view.vm.texts["tech.errors"] }
            Line {
                visible: (view.st.errors || []).length === 0
                text: view.vm.texts["tech.none"]
            }
            Repeater {
                model: view.st.errors || []
                delegate: Line {
                    required property string modelData
                    property string dataKind: "technical"  // a log line
                    text: modelData
                    font.pixelSize: 28 * view.u * Theme.textScale
                    color: Theme.muted
                }
            }

            Rectangle {
                objectName: "technicianReport"
                visible: view.tech.report.length > 0
                width: parent.width
                height: reportColumn.implicitHeight + 32 * view.u
                color: Theme.surface
                border.color: Theme.brand
                border.width: 3 * view.u
                radius: 12 * view.u
                Column {
                    id: reportColumn
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: 16 * view.u }
                    Repeater {
                        model: view.tech.report
                        delegate: Column {
                            required property var modelData
                            width: parent ? parent.width : 0
                            Line {
                                // In the screen's language ("" : checked against its
                                // catalog), or the kiosk's own words ("technical").
                                property string dataKind: modelData.kind
                                text: modelData.text
                            }
                            Line {
                                // An exception's or a device's own words, as they were said.
                                property string dataKind: "technical"
                                visible: modelData.detail !== ""
                                text: modelData.detail
                                font.pixelSize: 28 * view.u * Theme.textScale
                                color: Theme.muted
                            }
                        }
                    }
                }
            }
        }
    }

    Grid {
        id: actions
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 40 * view.u }
        columns: 2
        spacing: 20 * view.u
        readonly property real cell: (width - spacing) / 2
        KioskButton {
            objectName: "techRefresh"; u: view.u; compact: true; width: actions.cell
            label: "⟳ " + view.vm.texts["tech.refresh"]
            onTapped: view.tech.refresh()
        }
        KioskButton {
            objectName: "techSelfTest"; u: view.u; compact: true; width: actions.cell
            label: "✚ " + view.vm.texts["tech.selftest"]
            enabledForUse: view.tech.busy === ""
            onTapped: view.tech.selfTest()
        }
        KioskButton {
            objectName: "techEndOfDay"; u: view.u; compact: true; width: actions.cell
            label: "∑ " + view.vm.texts["tech.endofday"]
            enabledForUse: view.tech.busy === ""
            onTapped: view.tech.endOfDay()
        }
        KioskButton {
            objectName: "techClose"; u: view.u; compact: true; width: actions.cell
            primary: true
            label: "✕ " + view.vm.texts["tech.close"]
            onTapped: view.tech.close()
        }
        KioskButton {
            objectName: "techExit"; u: view.u; compact: true; width: actions.cell
            label: "⇥ " + view.vm.texts["tech.exit"]
            onTapped: view.tech.askExit()
        }
    }
}
