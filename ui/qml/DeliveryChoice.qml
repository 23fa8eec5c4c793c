// How a certificate reaches the citizen: printed here (offered only once the A4 printer
// said it can print; else the reason is shown, before any payment), the portal or the
// post. On a paid certificate's pay screen the choice stays marked (✓, not by colour
// alone); on a free one's delivery step a tap moves on.
import QtQuick

Column {
    id: choice
    property var vm
    property real u: 1
    property string selected: ""
    property bool compact: false
    readonly property var doc: choice.vm.document
    spacing: 20 * choice.u

    KioskButton {
        objectName: "delivery_kiosk"
        visible: choice.doc.offered
        u: choice.u
        compact: choice.compact
        width: choice.width
        primary: choice.selected === "kiosk"
        enabledForUse: choice.doc.printState === "ready"
        label: choice.vm.texts["delivery.kiosk"]
        sublabel: choice.doc.printState === "checking" ? choice.vm.texts["delivery.checking"]
                                                       : choice.vm.texts["delivery.kiosk.hint"]
        trailing: choice.selected === "kiosk" ? "✓" : ""
        selected: choice.selected === "kiosk"
        onTapped: choice.vm.chooseDelivery("kiosk")
    }
    Text {
        objectName: "deliveryUnavailable"
        visible: text !== ""
        width: choice.width
        text: choice.doc.unavailableText
        wrapMode: Text.WordWrap
        color: Theme.danger
        font.pixelSize: 34 * choice.u * Theme.textScale
        font.bold: true
    }
    KioskButton {
        objectName: "delivery_portal"
        u: choice.u
        compact: choice.compact
        width: choice.width
        primary: choice.selected === "portal" || (!choice.compact && !choice.doc.offered)
        label: choice.vm.texts["delivery.portal"]
        sublabel: choice.vm.texts["delivery.portal.hint"]
        trailing: choice.selected === "portal" ? "✓" : ""
        selected: choice.selected === "portal"
        onTapped: choice.vm.chooseDelivery("portal")
    }
    KioskButton {
        objectName: "delivery_post"
        u: choice.u
        compact: choice.compact
        width: choice.width
        primary: choice.selected === "post"
        label: choice.vm.texts["delivery.post"]
        sublabel: choice.vm.texts["delivery.post.hint"]
        trailing: choice.selected === "post" ? "✓" : ""
        selected: choice.selected === "post"
        onTapped: choice.vm.chooseDelivery("post")
    }
}
