// Shown while nobody uses the kiosk: what it can do, how to start, in every language
// at once, and what does not work right now (before anyone starts).
import QtQuick

Rectangle {
    id: view
    property var vm
    property var status
    property real u: 1
    color: Theme.brand
    objectName: "attractView"
    // Offline and a device out of order at once: three languages of warnings need the
    // room the "insert your card" lines take (they ran under the start button, defect 2).
    readonly property bool crowded: view.status !== undefined && view.status !== null
                                    && view.status.offline && view.status.notices.length > 0

    Column {
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 110 * view.u }
        width: parent.width * 0.88
        spacing: (view.crowded ? 24 : 36) * view.u
        Text {
            objectName: "attractTitle"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            // Every language's catalog title (kiosk status builds them), never a literal
            text: view.status ? view.status.attractLines.map(l => l.title).join(" · ") : ""
            color: Theme.textOnBrand
            font.pixelSize: 84 * view.u * Theme.textScale
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: (view.vm.texts["city"] || "")
            color: Theme.accent
            font.pixelSize: 44 * view.u * Theme.textScale
            font.bold: true
        }
        Rectangle { width: parent.width; height: 6 * view.u; color: Theme.accent }
        // One block per language: what the kiosk does, and how to begin.
        Repeater {
            model: view.status ? view.status.attractLines : []
            delegate: Column {
                required property var modelData
                objectName: "attractLines_" + modelData.code
                width: parent.width
                spacing: 10 * view.u
                Text {
                    objectName: "attractOffer_" + parent.modelData.code
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    property string dataKind: "code"  // the language's code before its offer
                    text: parent.modelData.code.toUpperCase() + " · " + parent.modelData.offer
                    color: Theme.textOnBrand
                    font.pixelSize: 40 * view.u * Theme.textScale
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                Text {
                    visible: !view.crowded
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: "▸ " + parent.modelData.eid
                    color: Theme.mutedOnBrand
                    font.pixelSize: 36 * view.u * Theme.textScale
                    wrapMode: Text.WordWrap
                }
            }
        }
        // What is out of order now, in words and with a sign (not by colour alone).
        Rectangle {
            objectName: "attractNotices"
            visible: view.status !== undefined && view.status !== null
                     && (view.status.offline || view.status.notices.length > 0)
            width: parent.width
            height: notices.implicitHeight + 40 * view.u
            radius: 18 * view.u
            color: Theme.highContrast ? "#000000" : "#fff4cc"
            border.color: Theme.accent
            border.width: 4 * view.u
            Column {
                id: notices
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                          margins: 24 * view.u }
                spacing: 8 * view.u
                Repeater {
                    model: view.status ? view.status.attractLines : []
                    delegate: Text {
                        required property var modelData
                        width: notices.width
                        text: "⚠ " + (modelData.offline ? [modelData.offline] : [])
                                     .concat(modelData.notices).join(" · ")
                        color: Theme.highContrast ? "#ffffff" : "#4a3b00"
                        font.pixelSize: 32 * view.u * Theme.textScale
                        wrapMode: Text.WordWrap
                    }
                }
            }
        }
    }
    KioskButton {
        objectName: "startButton"
        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 80 * view.u }
        u: view.u
        width: parent.width * 0.88
        primary: false
        label: "▶ " + (view.status ? view.status.attractLines.map(l => l.touch).join(" · ") : "")
        onTapped: view.vm.start()
    }
    // Anywhere on the screen starts, not only the button.
    MouseArea {
        anchors.fill: parent
        z: -1
        onClicked: view.vm.start()
    }
}
