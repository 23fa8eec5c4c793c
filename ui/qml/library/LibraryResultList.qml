// What was scanned or renewed: each line confirmed (✓, due date) or refused (✗, reason).
import QtQuick
import ".."

Column {
    id: list
    property var rows: []
    property real u: 1
    spacing: 12 * u
    Repeater {
        model: list.rows
        delegate: Rectangle {
            required property var modelData
            required property int index
            objectName: "result_" + modelData.item + (modelData.ok ? "_ok" : "_refused")
            width: list.width
            height: lines.implicitHeight + 28 * list.u
            radius: 12 * list.u
            color: Theme.surface
            border.color: modelData.ok ? Theme.border : Theme.danger
            border.width: 2 * list.u * Theme.borderScale
            Column {
                id: lines
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                          margins: 20 * list.u }
                spacing: 4 * list.u
                Text {
                    width: parent.width
                    property string dataKind: "title"  // as the library system names it
                    text: (parent.parent.modelData.ok ? "✓ " : "✗ ") + parent.parent.modelData.title
                    color: parent.parent.modelData.ok ? Theme.text : Theme.danger
                    font.pixelSize: 36 * list.u * Theme.textScale
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                Text {
                    objectName: "resultDetail"
                    property string dataKind: "number"  // catalog words and a due date
                    width: parent.width
                    text: parent.parent.modelData.detail
                    color: parent.parent.modelData.ok ? Theme.muted : Theme.danger
                    font.pixelSize: 30 * list.u * Theme.textScale
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
