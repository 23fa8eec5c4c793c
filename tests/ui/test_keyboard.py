"""The kiosk's own on-screen keyboard and numeric pad, typed on by taps."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem

from kiosk.i18n import Translator
from tests.ui.harness import scene_rect, screen_of, touch_targets
from ui.app import QML_DIR
from ui.scripted import find_item, iter_items, tap, wait_until

FORM = """
import QtQuick
import QtQuick.Controls
import "%s"

ApplicationWindow {
    id: win
    width: 540; height: 960; visible: true
    property string accepted: ""
    property var texts: ({})
    property string language: "fr"
    Column {
        y: 40; width: parent.width; spacing: 20
        KioskTextField {
            objectName: "nameField"; width: parent.width; u: 0.5
            language: win.language; texts: win.texts
            placeholder: "Nom"
            onAccepted: (text) => win.accepted += "[" + text + "]"
        }
        KioskTextField {
            objectName: "codeField"; width: parent.width; u: 0.5; mode: "digits"
            maxLength: 6; texts: win.texts
        }
        KioskTextField {
            objectName: "amountField"; width: parent.width; u: 0.5; mode: "amount"
            texts: win.texts
        }
    }
}
"""


@pytest.fixture
def form(qapp, tmp_path):
    path = tmp_path / "Form.qml"
    path.write_text(FORM % QML_DIR.as_uri(), encoding="utf-8")
    engine = QQmlApplicationEngine()
    warnings: list[str] = []
    engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    engine.load(QUrl.fromLocalFile(str(path)))
    assert engine.rootObjects(), warnings
    window = engine.rootObjects()[0]
    window.setProperty("texts", Translator("fr").all())
    yield window
    assert warnings == []
    window.close()
    del engine


def field_text(window, name: str) -> str:
    return find_item(window, name).property("text")


def test_typing_with_accents_capitals_and_erase(form):
    tap(form, "nameField")
    wait_until(lambda: find_item(form, "keyboard") is not None, 5, "the keyboard")
    # AZERTY in French: the second letter of the first row is "z".
    row = [find_item(form, f"key_{c}") for c in "azerty"]
    wait_until(
        lambda: scene_rect(row[-1]).left() > scene_rect(row[0]).right(),
        5,
        "the keyboard to be laid out",
    )
    assert [round(scene_rect(k).left()) for k in row] == sorted(
        round(scene_rect(k).left()) for k in row
    )
    for key in [
        "key_shift",
        "key_h",
        "key_é",
        "key_l",
        "key_è",
        "key_n",
        "key_e",
        "key_space",
        "key_x",
        "key_x",
        "key_erase",
        "key_ç",
    ]:
        tap(form, key)
    assert field_text(form, "nameField") == "Hélène xç"
    tap(form, "key_ok")
    wait_until(lambda: find_item(form, "keyboard") is None, 5, "the keyboard to close")
    assert form.property("accepted") == "[Hélène xç]"


def keys_built(window) -> int:
    """Keys that exist, shown or not: in the window's items (an open popup's, on the
    overlay) or among its objects (a closed popup is in no item tree)."""
    items = [*iter_items(window.contentItem()), *window.findChildren(QQuickItem)]
    return len({shiboken6.getCppPointer(item)[0] for item in items
                if item.objectName().startswith(("key_", "fieldnum_"))})


def test_a_keyboard_is_built_only_while_its_field_is_edited(form):
    # Three fields, no keyboard nor pad built: a screen with fields is built as fast as
    # one without (issue 25). Opened, the field's own keyboard only; closed, gone.
    assert keys_built(form) == 0
    tap(form, "nameField")
    wait_until(lambda: find_item(form, "keyboard") is not None, 5, "the keyboard")
    assert find_item(form, "fieldnum_1") is None
    letters = keys_built(form)
    assert letters >= 50
    tap(form, "key_ok")
    wait_until(lambda: keys_built(form) == 0, 5, "the keyboard to go")
    tap(form, "codeField")
    wait_until(lambda: find_item(form, "fieldnum_1") is not None, 5, "the numeric pad")
    assert 10 <= keys_built(form) < letters


def test_dutch_and_english_get_qwerty(form):
    form.setProperty("language", "nl")
    form.setProperty("texts", Translator("nl").all())
    tap(form, "nameField")
    wait_until(lambda: find_item(form, "key_w") is not None, 5, "the keyboard")
    q, w = find_item(form, "key_q"), find_item(form, "key_w")
    assert abs(scene_rect(q).top() - scene_rect(w).top()) < 1  # same row: QWERTY
    assert "Spatie" in find_item(form, "key_space").property("label")


def test_every_key_is_a_2_cm_target(form):
    per_cm = 102.5 / 2.54 / 2  # this window is half the kiosk's 1080 px
    tap(form, "nameField")
    wait_until(lambda: find_item(form, "keyboard") is not None, 5, "the keyboard")
    keys = [k for k in touch_targets(form) if k.objectName().startswith("key_")]
    assert len(keys) >= 50
    assert min(min(scene_rect(k).width(), scene_rect(k).height()) for k in keys) >= 2 * per_cm


def test_the_numeric_pad_for_codes_and_amounts(form):
    tap(form, "codeField")
    wait_until(lambda: find_item(form, "fieldnum_1") is not None, 5, "the numeric pad")
    assert find_item(form, "keyboard") is None  # digits only: no letters
    for key in "12345678":
        tap(form, f"fieldnum_{key}")
    assert field_text(form, "codeField") == "123456"  # maxLength
    tap(form, "fieldnum_erase")
    tap(form, "fieldnum_ok")
    assert field_text(form, "codeField") == "12345"
    tap(form, "amountField")
    wait_until(lambda: find_item(form, "fieldnum_,") is not None, 5, "the amount pad")
    for key in ["1", "2", ",", ",", "5", "0"]:
        tap(form, f"fieldnum_{key}")
    assert field_text(form, "amountField") == "12,50"


def test_no_text_field_keeps_its_text_when_its_screen_goes(qapp, tmp_path, registry):
    """Form fields live in the QML of their screen: a session that ends unloads the
    screen, and nothing typed survives (the next citizen gets empty fields)."""
    from tests.ui.harness import running_kiosk

    with running_kiosk(qapp, tmp_path, registry) as ui:
        tap(ui.window, "startButton")
        screen = find_item(ui.window, "screen")
        first = screen.property("item")
        ui.view_model.cancel()
        wait_until(lambda: screen_of(ui, "attract"), 5, "the attract screen")
        # The next screen is built off screen and then replaces the old one.
        wait_until(lambda: screen.property("item") is not first, 5, "the screen to be replaced")
        assert screen.property("item") is not None
        assert Path(QML_DIR / "KioskTextField.qml").exists()
