// Where the citizen is in the journey: "Step 3 of 7 · Your details" in words, and a bar
// with one segment per step (never by colour alone: the words say it too).
import QtQuick

Item {
    id: indicator
    property var vm
    property real u: 1
    objectName: "stepIndicator"
    readonly property int current: indicator.vm.stepIndex
    readonly property var names: indicator.vm.steps
    visible: current >= 0 && names.length > 0
    height: visible ? 120 * u : 0

    Text {
        id: label
        objectName: "stepText"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        text: indicator.visible
              ? indicator.vm.texts["step.of"] + " " + (indicator.current + 1) + " "
                + indicator.vm.texts["step.of_total"] + " " + indicator.names.length
                + " · " + indicator.names[indicator.current]
              : ""
        color: Theme.brandDark
        font.pixelSize: 36 * indicator.u * Theme.textScale
        font.bold: true
        elide: Text.ElideRight
    }
    Row {
        anchors { left: parent.left; right: parent.right; top: label.bottom; topMargin: 14 * indicator.u }
        spacing: 8 * indicator.u
        Repeater {
            model: indicator.names.length
            delegate: Rectangle {
                required property int index
                objectName: "stepSegment_" + index
                width: (indicator.width - (indicator.names.length - 1) * 8 * indicator.u)
                       / Math.max(1, indicator.names.length)
                height: (index === indicator.current ? 22 : 14) * indicator.u
                radius: height / 2
                color: index < indicator.current ? Theme.brand
                     : (index === indicator.current ? Theme.accent : Theme.disabled)
                border.color: index === indicator.current ? Theme.brandDark : "transparent"
                border.width: 2 * indicator.u
                Accessible.name: indicator.names[index]
            }
        }
    }
}
