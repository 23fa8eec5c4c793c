"""Codes reach the library screens from the camera (generated labels through the
simulated camera's decode path), from a keyboard-wedge scanner's key events, and
patrons identify with their eID; the session ends when the card comes out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent

from common.eid.model import EidCardData, Verification
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.backend.library.seed import item_barcode
from tests.ui.test_library_journeys import (
    SOPHIE,
    T,
    acs_fixture,  # noqa: F401  (the embedded library system: fixture "acs")
    device,
    identify,
    running_library,
    shown,
    state,
)
from ui.scripted import tap, wait_until


@pytest.fixture
def kiosk(qapp, tmp_path, registry, acs):
    with running_library(qapp, tmp_path, registry, acs.port) as ui:
        yield ui


def type_code(ui, text: str) -> None:
    """What a USB scanner in keyboard mode does: key presses for the characters, then
    Enter, delivered to the window like the keyboard's."""
    keys = [(Qt.Key(ord(c.upper())), c) for c in text] + [(Qt.Key.Key_Return, "\r")]
    for key, char in keys:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QGuiApplication.sendEvent(
                ui.window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )


def test_a_blurred_rotated_label_under_the_camera_borrows_the_item(kiosk, acs):
    ui = kiosk
    identify(ui)
    tap(ui.window, "borrowButton")
    state(ui, "borrow")
    device(ui, "camera").show(item_barcode(4), "CODE128", blur=1.0, rotate=8)
    shown(ui, f"result_{item_barcode(4)}_ok")
    assert acs.system.items[item_barcode(4)].patron == SOPHIE


def test_a_codabar_library_card_identifies_the_patron(kiosk):
    ui = kiosk
    state(ui, "attract")
    device(ui, "camera").show(f"A{SOPHIE}B", "CODABAR")  # start/stop characters around
    state(ui, "overview")
    assert ui.view_model.cardLabel == "••••0101"


def test_wedge_scanner_identifies_and_returns(kiosk, acs):
    ui, vm = kiosk, kiosk.view_model
    state(ui, "attract")
    type_code(ui, SOPHIE)
    state(ui, "overview")
    tap(ui.window, "returnButton")
    state(ui, "return")
    type_code(ui, item_barcode(10))
    shown(ui, f"result_{item_barcode(10)}_ok")
    assert acs.system.loans(SOPHIE) == []
    assert vm.results[0]["detail"] == "Rendu"


def test_eid_identifies_and_taking_it_out_ends_the_session_with_a_slip(kiosk, acs):
    ui, vm = kiosk, kiosk.view_model
    state(ui, "attract")
    identity, address, photo = citizen_card(demo_citizen("sophie"))
    reader = device(ui, "eid_reader")
    reader.insert(EidCardData(identity, address, photo, Verification(True, True, True)))
    state(ui, "overview")
    assert vm.cardLabel == "••••0101"
    tap(ui.window, "borrowButton")
    state(ui, "borrow")
    type_code(ui, item_barcode(5))
    shown(ui, f"result_{item_barcode(5)}_ok")

    reader.remove()
    state(ui, "attract")
    assert vm.patronName == "" and vm.results == []
    printer = device(ui, "printer")
    wait_until(lambda: any("L'Étranger" in p for p in printer.printed), T, "the slip")
    assert acs.system.items[item_barcode(5)].patron == SOPHIE
