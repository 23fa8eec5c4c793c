// Nobody at the terminal: scan your library card or insert your eID, in every language.
import QtQuick
import ".."

Rectangle {
    id: view
    property var vm
    property real u: 1
    objectName: "libraryAttractView"
    color: Theme.brand

    Column {
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 110 * view.u }
        width: parent.width * 0.88
        spacing: 36 * view.u
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.attractLines.map(l => l.title).join(" · ")
            color: Theme.textOnBrand
            font.pixelSize: 84 * view.u * Theme.textScale
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.texts["city"]
            color: Theme.accent
            font.pixelSize: 44 * view.u * Theme.textScale
            font.bold: true
        }
        Rectangle { width: parent.width; height: 6 * view.u; color: Theme.accent }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: "▮▌▍▌▮▍▌ ⟶ ◉"
            color: Theme.accent
            font.pixelSize: 120 * view.u
        }
        Repeater {
            model: view.vm.attractLines
            delegate: Text {
                required property var modelData
                objectName: "libraryAttract_" + modelData.code
                property string dataKind: "code"  // the language's code before its line
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: modelData.code.toUpperCase() + " · " + modelData.scan
                color: Theme.textOnBrand
                font.pixelSize: 40 * view.u * Theme.textScale
                wrapMode: Text.WordWrap
            }
        }
        Text {
            objectName: "attractBusy"
            visible: view.vm.busy || !view.vm.ready
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: view.vm.texts["library.ui.working"]
            color: Theme.accent
            font.pixelSize: 44 * view.u * Theme.textScale
        }
        Rectangle {
            objectName: "attractMessage"
            visible: view.vm.message !== "" || view.vm.cameraBroken
            width: parent.width
            height: messageText.implicitHeight + 40 * view.u
            radius: 18 * view.u
            color: Theme.highContrast ? "#000000" : "#fff4cc"
            border.color: Theme.accent
            border.width: 4 * view.u
            Text {
                id: messageText
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                          margins: 24 * view.u }
                text: "⚠ " + [view.vm.message,
                              view.vm.cameraBroken ? view.vm.texts["library.ui.camera_broken"] : ""]
                             .filter(t => t !== "").join(" · ")
                color: Theme.highContrast ? "#ffffff" : "#4a3b00"
                font.pixelSize: 36 * view.u * Theme.textScale
                wrapMode: Text.WordWrap
            }
        }
    }
}
