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
        // The total only once the service is chosen: before, it is not known, and a
        // guess changed under the citizen ("Étape 2 sur 4" then "sur 3": issue 24).
        text: indicator.visible
              ? indicator.vm.texts[indicator.vm.detailsKind !== "" ? "step.counter" : "step.counter_open"]
                .replace("{n}", indicator.current + 1).replace("{total}", indicator.names.length)
                .replace("{name}", indicator.names[indicator.current])
              : ""
        color: Theme.brandDark
        font.pixelSize: 36 * indicator.u * Theme.textScale
        font.bold: true
        wrapMode: Text.WordWrap
    }
    Row {
        // One segment per step, once the journey (and so their number) is known.
        visible: indicator.vm.detailsKind !== ""
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
