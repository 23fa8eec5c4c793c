// The confirmation before paying or booking: what for, how much, and that nothing has
// happened yet. Back changes the details, cancel ends without paying.
import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "reviewView"
    readonly property var review: view.vm.review

    StepIndicator {
        id: steps
        vm: view.vm
        u: view.u
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 * view.u }
    }
    Column {
        anchors { left: parent.left; right: parent.right; top: steps.bottom; margins: 48 * view.u }
        spacing: 32 * view.u
        Text {
            objectName: "reviewTitle"
            width: parent.width
            text: view.review.title || ""
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: 60 * view.u * Theme.textScale
            font.bold: true
        }
        Rectangle {
            width: parent.width
            height: lines.implicitHeight + 48 * view.u
            radius: 18 * view.u
            color: Theme.surface
            border.color: "#b8c2cc"
            Column {
                id: lines
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 24 * view.u }
                spacing: 16 * view.u
                Repeater {
                    model: view.review.lines || []
                    delegate: Column {
                        required property var modelData
                        required property int index
                        objectName: "reviewLine_" + index
                        width: lines.width
                        Text {
                            width: parent.width
                            text: parent.modelData.label
                            color: Theme.muted
                            font.pixelSize: 34 * view.u * Theme.textScale
                        }
                        Text {
                            width: parent.width
                            property string dataKind: parent.modelData.kind || ""
                            text: parent.modelData.value
                            wrapMode: Text.WordWrap
                            color: Theme.text
                            font.pixelSize: 46 * view.u * Theme.textScale
                            font.bold: true
                        }
                    }
                }
            }
        }
        Text {
            objectName: "reviewAmount"
            visible: view.review.paid === true
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            // "Montant : 3,00 €" / "Bedrag: € 3,00": the catalog's label format, per language
            text: view.review.amountLine || ""
            color: Theme.brandDark
            font.pixelSize: 80 * view.u * Theme.textScale
            font.bold: true
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: view.vm.texts["review.nothing_yet"]
            color: Theme.muted
            font.pixelSize: 38 * view.u * Theme.textScale
        }
        KioskButton {
            objectName: "acceptButton"
            u: view.u
            width: parent.width
            primary: true
            label: view.review.button || ""
            onTapped: view.vm.accept()
        }
    }
}
