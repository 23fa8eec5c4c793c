// Payment arrives with the payments issue; no service reaches this screen before then.
import QtQuick

Item {
    id: view
    property var vm
    property real u: 1
    objectName: "payView"
}
