import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "languageView"

    Column {
        anchors.centerIn: parent
        width: parent.width * 0.8
        spacing: 48 * view.u
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            // The question in each language, from each language's catalog.
            text: view.vm.languages.map(l => l.title).join(" · ")
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: 56 * view.u * Theme.textScale
            font.bold: true
        }
        Repeater {
            model: view.vm.languages
            delegate: KioskButton {
                required property var modelData
                objectName: "language_" + modelData.code
                u: view.u
                width: parent.width
                primary: true
                label: modelData.name
                labelKind: "language"  // each language's name in itself
                trailing: modelData.code.toUpperCase()
                trailingKind: "code"
                onTapped: view.vm.chooseLanguage(modelData.code)
            }
        }
    }
}
