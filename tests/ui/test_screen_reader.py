"""The non-visual mode's pieces on their own: the keypad's keys, the screen reader on a
small QML window, and espeak-ng's speed and one WAV per prompt."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtCore import QByteArray, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtQml import QQmlApplicationEngine

from ui.keypad import Action, action_of, keypad_digit
from ui.screen_reader import ScreenReader, speakable
from ui.scripted import wait_until
from ui.speech import Speaker, find_speech_command

KP = Qt.KeyboardModifier.KeypadModifier
NONE = Qt.KeyboardModifier.NoModifier


def key(code: Qt.Key, modifiers=NONE) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, code, modifiers)


@pytest.mark.parametrize("code, modifiers, action", [
    (Qt.Key.Key_8, KP, Action.PREVIOUS), (Qt.Key.Key_Up, KP, Action.PREVIOUS),  # Num Lock on/off
    (Qt.Key.Key_2, KP, Action.NEXT), (Qt.Key.Key_Down, NONE, Action.NEXT),
    (Qt.Key.Key_5, KP, Action.ACTIVATE), (Qt.Key.Key_Clear, KP, Action.ACTIVATE),
    (Qt.Key.Key_Enter, KP, Action.ACTIVATE), (Qt.Key.Key_Backspace, NONE, Action.BACK),
    (Qt.Key.Key_Delete, KP, Action.BACK), (Qt.Key.Key_0, KP, Action.REPEAT),
    (Qt.Key.Key_Insert, KP, Action.REPEAT), (Qt.Key.Key_Plus, KP, Action.LOUDER),
    (Qt.Key.Key_Minus, KP, Action.SOFTER), (Qt.Key.Key_Asterisk, KP, Action.FASTER),
    (Qt.Key.Key_Slash, KP, Action.SLOWER), (Qt.Key.Key_Help, NONE, Action.HELP),
])
def test_numeric_and_audio_keypad_keys(code, modifiers, action):
    assert action_of(key(code, modifiers)) is action


def test_top_row_digits_move_nothing_but_type_a_pin():
    assert action_of(key(Qt.Key.Key_8)) is None  # not the keypad: not an arrow
    assert keypad_digit(key(Qt.Key.Key_8)) == "8"
    assert keypad_digit(key(Qt.Key.Key_8, KP)) == "8"
    assert keypad_digit(key(Qt.Key.Key_Enter, KP)) is None


def test_pictograms_are_not_read():
    assert speakable("▶ Touchez l'écran") == "Touchez l'écran"
    assert speakable("▼") == "" and speakable("⌫") == ""
    assert speakable("‹ Retour") == "Retour" and speakable("€ 3,00") == "€ 3,00"


SCREEN = """
import QtQuick
import QtQuick.Window
Window {
    visible: true; width: 400; height: 600
    Item {
        objectName: "screen"
        property Item item: page
        anchors.fill: parent
        Column {
            id: page
            Text { text: "Vos données" }
            Text { text: "BE"; Accessible.ignored: true }
            Text { text: "Bonjour Dupont" }
            Text { text: "85.07.30-124.59" }
            Text { text: "Jean"; property bool personal: true }
            Text { text: "hidden"; visible: false }
            Rectangle {
                objectName: "ok"; width: 100; height: 80
                readonly property bool touchTarget: true
                property string label: "✔ Confirmer"; property string sublabel: "C'est exact"
                property string trailing: "€ 3,00"
                Text { text: "not read twice" }
            }
            Rectangle {
                objectName: "pad_1"; width: 100; height: 80; enabled: false
                readonly property bool touchTarget: true
                Accessible.name: "1"
            }
        }
    }
}
"""


def test_the_reader_reads_in_order_and_marks_personal_data(qapp):
    engine = QQmlApplicationEngine()
    engine.loadData(QByteArray(SCREEN.encode("utf-8")))
    window = engine.rootObjects()[0]
    reader = ScreenReader(window, lambda: ["Dupont", "85073012459", "x"])
    reading = reader.read()
    assert [(p.text, p.personal) for p in reading.pieces] == [
        ("Vos données", False), ("Bonjour Dupont", True),  # the session's surname
        ("85.07.30-124.59", True),  # its national number, however it is written
        ("Jean", True)]  # marked in QML
    assert [(t.name, t.label.text, t.enabled) for t in reading.targets] == [
        ("ok", "Confirmer, C'est exact, € 3,00", True), ("pad_1", "1", False)]
    assert reading.page == reader.read().page  # the same screen, read twice
    engine.deleteLater()


@pytest.fixture
def espeak() -> str:
    program = find_speech_command("espeak-ng")
    assert program, "espeak-ng is installed on kiosks and in CI"
    return program


def frames(path) -> int:
    with wave.open(str(path)) as sound:
        return sound.getnframes()


def test_one_wav_per_prompt_and_the_speed_is_heard(espeak, tmp_path):
    speaker = Speaker([espeak], wav_dir=tmp_path)
    try:
        text = "Insérez votre carte d'identité"
        speaker.rate = 100
        speaker.say(text, "fr")
        speaker.rate = 300
        speaker.say_all([(text, "fr"), ("Steek uw identiteitskaart in", "nl")])
        wait_until(speaker.idle, 30, "espeak-ng to finish")
    finally:
        speaker.close()
    slow, fast, dutch = speaker.wav_files
    assert [p.name for p in speaker.wav_files] == ["001-fr.wav", "002-fr.wav", "003-nl.wav"]
    assert frames(slow) > 2 * frames(fast) > 0 and frames(dutch) > 1000


def test_speech_goes_to_the_jacks_own_device_only_while_headphones_are_in(qapp, tmp_path):
    """Where the jack has a sound device of its own, the guide names it to espeak-ng
    (-d); a stand-in program records the arguments it was started with."""
    import sys
    import time

    from drivers.audio.jack import FixedJack
    from kiosk.domain.catalog import demo_catalog
    from kiosk.domain.journey import Journey
    from ui.viewmodels.voice import VoiceGuide

    calls = tmp_path / "calls.txt"
    program = tmp_path / "espeak.py"
    program.write_text("import sys\nwith open(sys.argv[1], 'a') as f:\n"
                       "    f.write(' '.join(sys.argv[2:]) + '\\n')\n", encoding="utf-8")
    speaker = Speaker([sys.executable, str(program), str(calls)])
    jack = FixedJack(plugged=True)
    guide = VoiceGuide(Journey(demo_catalog(), time.monotonic), speaker, jack, ["fr"],
                       lambda: None, headphones_device="plughw:CARD=Keypad")
    try:
        guide.announce()
        wait_until(speaker.idle, 10, "the first announcement")
        jack.set(False)
        guide.announce()
        wait_until(speaker.idle, 10, "the second announcement")
    finally:
        speaker.close()
        guide.close()
    first, second = calls.read_text(encoding="utf-8").splitlines()
    assert "-d plughw:CARD=Keypad" in first and "-v fr" in first
    assert "-d" not in second.split()
    assert [u.route for u in guide.history] == ["headphones", "loudspeaker"]
