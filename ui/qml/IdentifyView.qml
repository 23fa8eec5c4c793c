import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    // The "scan the QR on your letter or receipt" branch is on screen (case follow-up).
    readonly property bool scanning: view.vm.caseScan.active
    // Within that branch: the reference and follow-up code typed instead of scanned.
    property bool typingCase: false
    onScanningChanged: if (!scanning) typingCase = false
    objectName: "identifyView"

    StepIndicator {
        id: steps
        vm: view.vm
        u: view.u
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
    }
    Column {
        // Centred, but never up over the step counter (large text made it that tall).
        anchors.horizontalCenter: parent.horizontalCenter
        y: Math.max(steps.y + steps.height + 24 * view.u, (parent.height - height) / 2)
        width: parent.width * 0.8
        // Large text: tighter, so the last button stays above the bottom bar.
        spacing: (Theme.textScale > 1 ? 20 : 48) * view.u
        visible: !view.scanning
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.texts["identify.title"]
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: 64 * view.u * Theme.textScale
            font.bold: true
        }
        // A card going into a reader, drawn rather than loaded: nothing to ship.
        Item {
            width: parent.width
            height: 420 * view.u
            Rectangle {
                anchors.horizontalCenter: parent.horizontalCenter
                y: 160 * view.u
                width: 520 * view.u; height: 80 * view.u; radius: 12 * view.u
                color: Theme.brandDark
            }
            Rectangle {
                anchors.horizontalCenter: parent.horizontalCenter
                y: 0
                width: 340 * view.u; height: 210 * view.u; radius: 18 * view.u
                color: "#e8f0d8"; border.color: Theme.muted; border.width: 3 * view.u
                Rectangle {
                    x: 40 * view.u; y: 60 * view.u
                    width: 70 * view.u; height: 56 * view.u; radius: 8 * view.u
                    color: Theme.accent
                }
                Text {
                    anchors { right: parent.right; top: parent.top; margins: 20 * view.u }
                    text: "BE"; property string dataKind: "code"; Accessible.ignored: true; font.pixelSize: 36 * view.u * Theme.textScale; font.bold: true; color: Theme.brand
                }
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                y: 300 * view.u
                text: "▼"
                color: Theme.brand
                font.pixelSize: 90 * view.u * Theme.textScale
            }
        }
        Text {
            objectName: "identifyMessage"
            width: parent.width
            visible: text !== ""
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.identifyMessage
            wrapMode: Text.WordWrap
            color: text === view.vm.texts["identify.reading"] ? Theme.brand : Theme.danger
            font.pixelSize: 44 * view.u * Theme.textScale
            font.bold: true
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.texts["identify.hint"]
            wrapMode: Text.WordWrap
            color: Theme.muted
            font.pixelSize: 40 * view.u * Theme.textScale
        }
        Item { width: 1; height: (Theme.textScale > 1 ? 0 : 60) * view.u }
        KioskButton {
            objectName: "skipIdentification"
            u: view.u
            width: parent.width
            label: view.vm.texts["identify.skip"]
            onTapped: view.vm.skipIdentification()
        }
        KioskButton {
            objectName: "scanCaseQr"
            u: view.u
            width: parent.width
            visible: view.vm.caseScanOffered
            label: view.vm.texts["identify.scan_case"]
            onTapped: view.vm.scanCase()
        }
    }
    Column {
        objectName: "caseScanPanel"
        anchors.centerIn: parent
        width: parent.width * 0.8
        spacing: 48 * view.u
        visible: view.scanning
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.texts["case.scan.title"]
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: 64 * view.u * Theme.textScale
            font.bold: true
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.texts["case.scan.hint"]
            wrapMode: Text.WordWrap
            color: Theme.muted
            font.pixelSize: 40 * view.u * Theme.textScale
        }
        Text {
            objectName: "caseScanStatus"
            width: parent.width
            visible: view.vm.caseScan.scanning && view.vm.caseScan.message === ""
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.texts["case.scan.scanning"]
            color: Theme.brand
            font.pixelSize: 44 * view.u * Theme.textScale
        }
        Text {
            objectName: "caseScanMessage"
            width: parent.width
            visible: text !== ""
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.caseScan.message
            wrapMode: Text.WordWrap
            color: view.vm.caseScan.problem ? Theme.danger : Theme.brand
            font.pixelSize: 44 * view.u * Theme.textScale
            font.bold: true
        }
        KioskButton {
            objectName: "typeCaseReference"
            u: view.u
            width: parent.width
            visible: !view.typingCase
            label: view.vm.texts["case.type.open"]
            onTapped: view.typingCase = true
        }
        Column {
            id: typedForm
            objectName: "typedCaseForm"
            function find() {
                referenceField.close()
                codeField.close()
                view.vm.caseScan.findTyped(referenceField.text, codeField.text)
            }
            width: parent.width
            spacing: 24 * view.u
            visible: view.typingCase
            KioskTextField {
                id: referenceField
                objectName: "caseReferenceField"
                width: parent.width
                u: view.u
                language: view.vm.language
                texts: view.vm.texts
                maxLength: 64
                placeholder: view.vm.texts["case.type.reference"]
                // References and codes are upper case: what is typed is shown as kept.
                onTextChanged: if (text !== text.toUpperCase()) text = text.toUpperCase()
                onAccepted: codeField.open()
            }
            KioskTextField {
                id: codeField
                objectName: "caseCodeField"
                width: parent.width
                u: view.u
                language: view.vm.language
                texts: view.vm.texts
                maxLength: 9
                placeholder: view.vm.texts["case.type.code"]
                onTextChanged: if (text !== text.toUpperCase()) text = text.toUpperCase()
                onAccepted: typedForm.find()  // the keyboard's OK on the last field
            }
            KioskButton {
                objectName: "findTypedCase"
                u: view.u
                width: parent.width
                label: view.vm.texts["case.type.find"]
                onTapped: typedForm.find()
            }
        }
        Item { width: 1; height: 60 * view.u }
        KioskButton {
            objectName: "stopCaseScan"
            u: view.u
            width: parent.width
            label: view.vm.texts["case.scan.use_card"]
            onTapped: view.vm.stopCaseScan()
        }
    }
}
