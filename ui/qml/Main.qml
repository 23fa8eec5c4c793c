// The kiosk window: a top bar, the current journey screen, the inactivity warning.
import QtQuick
import QtQuick.Controls

ApplicationWindow {
    id: root
    objectName: "kioskWindow"
    required property var vm
    // Accessibility switches and device/online notices (ui/viewmodels).
    required property var a11y
    required property var status
    // Technician mode (ui/viewmodels/technician.py): set once the first frame is drawn
    // (ui/app.py); null until then, and the hidden door stays shut meanwhile.
    property var tech: null
    readonly property string techStage: tech !== null ? tech.stage : ""
    // The eID PIN pad (ui/viewmodels/card_pin.py): over the journey while a card's PIN
    // step runs, before any personal data is shown.
    property var cardPin: null
    // The non-visual mode (ui/viewmodels/voice.py): keypad and voice; set once the first
    // frame is drawn (ui/app.py), null until then.
    property var voice: null
    // Everything is drawn for a 1080 px wide portrait screen and scaled from there.
    readonly property real u: width / 1080
    visible: true
    title: "Brussels kiosk"
    color: Theme.background

    readonly property var viewFiles: ({
        "attract": "AttractView.qml",
        "language": "LanguageView.qml",
        "identify": "IdentifyView.qml",
        "choose_service": "ServicesView.qml",
        "details": "DetailsView.qml",
        "review": "ReviewView.qml",
        "pay": "PayView.qml",
        "fulfil": "FulfilView.qml",
        "done": "DoneView.qml"
    })

    // Two loaders take turns: the next screen is built off screen, in slices between
    // frames (asynchronous incubation), and only replaces the shown one when it is
    // complete. The GUI thread never stops for a whole screen at once, and the citizen
    // never sees a half-built or empty screen.
    property Loader front: null
    property Loader pending: null
    // True when the screen shown is the one for the view-model's current state (a new
    // screen is being built off screen otherwise). Tests and the demo wait for it.
    readonly property bool settled: front !== null && pending === null
                                    && front.forState === vm.state
    function showState() {
        var props = { "vm": vm, "u": u }
        if (vm.state === "attract" || vm.state === "details")
            props.status = status
        var next = front === loaderA ? loaderB : loaderA
        // The very first screen is built at once: there is nothing to show meanwhile.
        next.asynchronous = front !== null
        next.forState = vm.state
        pending = next
        next.setSource(viewFiles[vm.state], props)
        if (next.status === Loader.Ready)  // built at once: no status change to wait for
            reveal(next)
    }
    function reveal(loader) {
        if (loader.status !== Loader.Ready || loader === front)
            return
        var old = front
        if (pending === loader)
            pending = null
        loader.visible = true
        front = loader
        if (old !== null) {
            old.visible = false
            // The old screen goes, with whatever was typed in it, once the new one has
            // been drawn: its teardown and the new screen's first frame are two short
            // pieces of GUI work, not one long one.
            retire.loader = old
            retire.restart()
        }
    }
    Timer {
        id: retire
        property Loader loader: null
        interval: 40
        onTriggered: {
            // Unless it was picked meanwhile to build the next screen (which replaced
            // what it held already).
            if (loader !== null && loader !== root.front && loader !== root.pending)
                loader.source = ""
            loader = null
        }
    }

    Connections {
        target: root.vm
        function onStateChanged() { root.showState() }
    }
    Component.onCompleted: showState()

    // The session's accessibility modes drive the theme every view uses.
    Binding { target: Theme; property: "highContrast"; value: root.a11y.highContrast }
    Binding { target: Theme; property: "largeText"; value: root.a11y.largeText }

    // Low layout (wheelchair users): the screen is drawn smaller and pushed down, the
    // top bar goes under it, so every control is in the lower part of the screen.
    readonly property bool low: root.a11y.lowLayout
    readonly property real lowScale: 0.72
    readonly property real topH: topBar.visible ? topBar.height : 0
    readonly property real bannerH: offlineBanner.visible ? offlineBanner.height : 0

    // What the attract screen does not show (the top bar, the accessibility panel) is
    // built once its first frame is drawn, in slices between frames.
    property bool firstFrameShown: false  // set by ui/app.py

    Loader {
        id: topBar
        active: root.firstFrameShown
        asynchronous: true
        visible: root.vm.state !== "attract"
        y: root.low ? root.height - accessBar.height - height : 0
        anchors { left: parent.left; right: parent.right }
        sourceComponent: TopBar { objectName: "topBar"; vm: root.vm; u: root.u }
    }

    // Offline: said on every screen, with a sign and words.
    Rectangle {
        id: offlineBanner
        objectName: "offlineBanner"
        visible: root.status.offline && root.vm.state !== "attract"
        anchors { left: parent.left; right: parent.right }
        y: root.low ? topBar.y - height : root.topH
        height: bannerText.implicitHeight + 24 * root.u
        color: Theme.highContrast ? "#000000" : "#fff4cc"
        border.color: Theme.accent
        border.width: 3 * root.u
        Text {
            id: bannerText
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                      margins: 24 * root.u }
            text: "⚠ " + root.status.offlineText
            wrapMode: Text.WordWrap
            color: Theme.highContrast ? "#ffffff" : "#4a3b00"
            font.pixelSize: 32 * root.u * Theme.textScale
        }
    }

    Item {
        id: screen
        objectName: "screen"
        // The screen the citizen sees (tests and the demo look at it).
        readonly property Item item: root.front ? root.front.item : null
        width: parent.width
        height: parent.height - root.topH - root.bannerH - accessBar.height
        y: root.low ? parent.height - accessBar.height - root.topH - root.bannerH - height
                    : root.topH + root.bannerH
        transform: Scale {
            origin.x: screen.width / 2
            origin.y: screen.height
            xScale: root.low ? root.lowScale : 1
            yScale: root.low ? root.lowScale : 1
        }
        Loader {
            id: loaderA
            property string forState: ""
            anchors.fill: parent
            visible: false
            onStatusChanged: root.reveal(loaderA)
        }
        Loader {
            id: loaderB
            property string forState: ""
            anchors.fill: parent
            visible: false
            onStatusChanged: root.reveal(loaderB)
        }
    }

    // Low layout: the freed upper part says what happened, with no control in it.
    Text {
        objectName: "lowNotice"
        visible: root.low
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 60 * root.u }
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: "♿ " + root.vm.texts["a11y.low_notice"]
        color: Theme.text
        font.pixelSize: 44 * root.u * Theme.textScale
    }

    AccessBar {
        id: accessBar
        vm: root.vm
        a11y: root.a11y
        u: root.u
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }

    // The accessibility switches, just above the bar that opens them.
    Loader {
        active: root.firstFrameShown
        asynchronous: true
        visible: root.a11y.panelOpen
        anchors { left: parent.left; right: parent.right; bottom: accessBar.top
                  margins: 24 * root.u }
        sourceComponent: AccessibilityPanel { vm: root.vm; a11y: root.a11y; u: root.u }
    }

    // Technician mode's hidden door: a 3-second press on the top left corner of the
    // attract screen opens the PIN pad.
    MouseArea {
        objectName: "technicianCorner"
        visible: root.tech !== null && root.vm.state === "attract" && root.techStage === ""
        anchors { left: parent.left; top: parent.top }
        width: 160 * root.u
        height: 160 * root.u
        pressAndHoldInterval: 3000
        onPressAndHold: root.tech.openPin()
    }

    // The non-visual mode's raised mark (a tactile sticker on the glass at this spot), in
    // the top right corner, found by a hand along the bezel: a long press starts keypad
    // and voice; a short tap starts as anywhere else.
    Rectangle {
        objectName: "voiceSpot"
        readonly property bool touchTarget: true
        // Shown from the first frame; the voice guide it starts follows right after.
        visible: root.vm.state === "attract" && root.techStage === "" && !root.a11y.panelOpen
        anchors { right: parent.right; top: parent.top; margins: 20 * root.u }
        width: 150 * root.u
        height: 150 * root.u
        radius: width / 2
        color: Theme.accent
        border.color: Theme.highContrast ? "#ffffff" : Theme.brandDark
        border.width: 8 * root.u
        Accessible.role: Accessible.Button
        Accessible.name: root.vm.texts["voice.announce"] || ""
        Text {
            anchors.centerIn: parent
            text: "♪"
            color: "#000000"
            font.pixelSize: 80 * root.u
            font.bold: true
        }
        MouseArea {
            anchors.fill: parent
            pressAndHoldInterval: 2000
            onPressAndHold: if (root.voice !== null) root.voice.activate()
            onClicked: root.vm.start()
        }
    }

    Timer {
        interval: 1000
        running: true
        repeat: true
        onTriggered: {
            root.vm.tick()
            if (root.tech !== null)
                root.tech.tick()
        }
    }

    // "Are you still there?" shown before the session is wiped for inactivity.
    Rectangle {
        objectName: "inactivityWarning"
        visible: root.vm.warningSeconds >= 0
        anchors.fill: parent
        color: "#cc000000"
        Column {
            anchors.centerIn: parent
            spacing: 40 * root.u
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: root.vm.texts["common.still_there"]
                color: "white"
                font.pixelSize: 64 * root.u
                font.bold: true
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                property string dataKind: "number"
                text: root.vm.warningSeconds
                color: Theme.accent
                font.pixelSize: 160 * root.u
                font.bold: true
            }
        }
        MouseArea {
            anchors.fill: parent
            onClicked: root.vm.touched()
        }
    }

    // The overlays name their screen by file, not as an inline component: a screen the
    // attract screen does not show is compiled when it is first opened, not before the
    // first frame. setSource() gives it its properties as it is built.
    Loader {
        objectName: "cardPinOverlay"
        anchors.fill: parent
        active: false
        readonly property string file: root.cardPin !== null && root.cardPin.stage !== ""
                                       ? "CardPinView.qml" : ""
        onFileChanged: {
            if (file === "") {
                active = false
                source = ""
                return
            }
            active = true
            setSource(file, { "pin": root.cardPin, "texts": root.vm.texts, "u": root.u })
        }
        onLoaded: {
            item.texts = Qt.binding(function() { return root.vm.texts })
            item.u = Qt.binding(function() { return root.u })
        }
    }

    // The non-visual mode's focus, drawn for those who see a little: a thick ring.
    Rectangle {
        objectName: "voiceFocus"
        readonly property rect area: root.voice ? root.voice.focusRect : Qt.rect(0, 0, 0, 0)
        visible: root.voice !== null && root.voice.active && area.width > 0
        x: area.x - 10 * root.u
        y: area.y - 10 * root.u
        width: area.width + 20 * root.u
        height: area.height + 20 * root.u
        radius: 24 * root.u
        color: "transparent"
        // Yellow inside black: seen on the white, the blue and the yellow of the screens.
        border.color: "#000000"
        border.width: 16 * root.u
        Rectangle {
            anchors { fill: parent; margins: 5 * root.u }
            radius: parent.radius
            color: "transparent"
            border.color: "#ffd100"
            border.width: 8 * root.u
        }
    }

    // Technician mode covers everything, the citizen's screens included.
    Loader {
        objectName: "technicianOverlay"
        anchors.fill: parent
        active: false
        readonly property string file: root.techStage === "" ? ""
                                       : root.techStage === "main" ? "TechnicianView.qml"
                                       : "TechnicianPinView.qml"
        onFileChanged: {
            if (file === "") {
                active = false
                source = ""
                return
            }
            active = true
            setSource(file, { "vm": root.vm, "tech": root.tech, "u": root.u })
        }
        onLoaded: item.u = Qt.binding(function() { return root.u })
    }
}
