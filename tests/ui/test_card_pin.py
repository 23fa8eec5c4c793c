"""The eID PIN pad through the real QML (pytest-qt, offscreen): a fixed digit layout,
masked entry, the tries-left line, the last-try warning in words, the blocked message,
and speech that never says a digit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.i18n import Translator
from ui.app import QML_DIR
from ui.scripted import find_item, tap, wait_until
from ui.viewmodels.card_pin import CardPinModel

VIEW = """
import QtQuick
import QtQuick.Controls
import "%s"

ApplicationWindow {
    id: win
    width: 540; height: 960; visible: true
    property var texts: ({})
    CardPinView { anchors.fill: parent; u: 0.5; pin: cardPin; texts: win.texts }
}
"""


class Pad:
    def __init__(self, qapp, tmp_path, language: str) -> None:
        self.sent: list[bytes] = []
        self.spoken: list[str] = []
        self.cancelled = 0
        self.handed: list[bytearray] = []

        def on_pin(pin: bytearray) -> None:
            self.handed.append(pin)
            self.sent.append(bytes(pin))

        def on_cancel() -> None:
            self.cancelled += 1

        self.model = CardPinModel(on_pin, on_cancel, language, self.spoken.append)
        path = tmp_path / "Pin.qml"
        path.write_text(VIEW % QML_DIR.as_uri(), encoding="utf-8")
        self.engine = QQmlApplicationEngine()
        self.warnings: list[str] = []
        self.engine.warnings.connect(lambda ws: self.warnings.extend(w.toString() for w in ws))
        self.engine.rootContext().setContextProperty("cardPin", self.model)
        self.engine.load(QUrl.fromLocalFile(str(path)))
        assert self.engine.rootObjects(), self.warnings
        self.window = self.engine.rootObjects()[0]
        self.window.setProperty("texts", Translator(language).all())

    def item(self, name: str):
        return find_item(self.window, name)

    def text(self, name: str) -> str:
        found = self.item(name)
        return found.property("text") if found is not None else ""

    def visible(self, name: str) -> bool:
        found = self.item(name)
        return found is not None and bool(found.property("visible"))

    def type(self, digits: str) -> None:
        for digit in digits:
            tap(self.window, f"cardPin_{digit}")


def dots(pad: Pad) -> list:
    """The dots row's items (the Repeater itself is one of its children, not a dot)."""
    return [c for c in pad.item("cardPinDots").childItems() if c.property("radius")]


@pytest.fixture
def pad(qapp, tmp_path):
    opened = Pad(qapp, tmp_path, "en")
    yield opened
    assert opened.warnings == []


def test_typed_digits_show_as_dots_and_go_to_the_card_flow_on_ok(pad):
    pad.model.ask(3)
    wait_until(lambda: pad.visible("cardPinView"), 5, "the PIN pad")
    assert pad.text("pinTries") == "3 tries left"
    assert not pad.visible("pinLastTryWarning")
    spoken_before = len(pad.spoken)
    pad.type("1234")
    wait_until(lambda: len(dots(pad)) == 4, 5, "four dots")
    tap(pad.window, "cardPin_erase")
    pad.type("5")
    tap(pad.window, "cardPin_ok")
    assert pad.sent == [b"1235"]
    assert pad.model.stage == "checking" and pad.text("pinMessage") == "Checking your card…"
    # Speech says that a digit was typed, never which.
    assert pad.spoken[spoken_before:] == ["Digit entered"] * 5


def test_the_layout_is_fixed_with_large_keys(pad):
    pad.model.ask(3)
    wait_until(lambda: pad.visible("cardPinView"), 5, "the PIN pad")
    keys = [pad.item(f"cardPin_{k}") for k in "123456789"]
    positions = [(k.property("x"), k.property("y")) for k in keys]
    assert positions == sorted(positions, key=lambda p: (p[1], p[0]))  # 1-2-3 on top
    assert len({p[1] for p in positions}) == 3
    assert all(k.property("width") >= 100 and k.property("height") >= 70 for k in keys)


def test_a_wrong_pin_says_so_and_warns_in_words_before_the_last_try(pad):
    pad.model.ask(1, wrong=True)
    wait_until(lambda: pad.visible("pinLastTryWarning"), 5, "the last-try warning")
    assert pad.text("pinMessage") == "Wrong PIN."
    assert pad.text("pinTries") == "1 try left"
    assert "blocks your card" in pad.item("pinLastTryWarning").childItems()[0].property("text")
    assert any("last try" in line for line in pad.spoken)


def test_a_blocked_card_says_what_to_do_and_takes_no_digit(pad):
    pad.model.blocked()
    wait_until(lambda: pad.text("pinMessage") != "", 5, "the blocked message")
    assert "counter" in pad.text("pinMessage") and "PUK" in pad.text("pinMessage")
    assert not pad.visible("pinTries")
    pad.model.digit("1")
    assert pad.model.pinLength == 0
    tap(pad.window, "cardPinCancel")
    assert pad.cancelled == 1 and pad.model.stage == ""


def test_too_short_a_pin_is_not_sent_and_cancel_wipes_it(pad):
    pad.model.ask(3)
    wait_until(lambda: pad.visible("cardPinView"), 5, "the PIN pad")
    pad.type("12")
    tap(pad.window, "cardPin_ok")
    assert pad.sent == []
    buffer = pad.model._pin
    pad.model.close()
    assert buffer == bytearray(2)  # wiped in place, not just dropped


@pytest.mark.parametrize(("language", "title"), [
    ("fr", "Tapez le code PIN de votre carte d'identité"),
    ("nl", "Typ de pincode van uw identiteitskaart"),
    ("en", "Type the PIN of your identity card"),
])
def test_the_pad_speaks_each_language(qapp, tmp_path, language, title):
    pad = Pad(qapp, tmp_path, language)
    pad.model.ask(2)
    wait_until(lambda: pad.text("pinTitle") == title, 5, "the title")
    assert " 2 " in f" {pad.text('pinTries')} "
    assert pad.warnings == []


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_key_label_fits_its_key(qapp, tmp_path, language):
    """'✔ Bevestigen' spilled over the OK key in Dutch (seen on the demo's screens)."""
    pad = Pad(qapp, tmp_path, language)
    pad.model.ask(3)
    wait_until(lambda: pad.visible("cardPinView"), 5, "the PIN pad")
    for name in ("ok", "erase", "0"):
        key = pad.item(f"cardPin_{name}")
        labels = [c for c in key.childItems() if c.property("paintedWidth") is not None]
        assert labels, name
        for label in labels:
            assert label.property("paintedWidth") <= key.property("width"), (language, name)
    assert pad.warnings == []
