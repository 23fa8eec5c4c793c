"""The kiosk's first frame (issue 25, bench/startup.py): the real attract screen in every
language the kiosk offers, drawn before technician mode and the non-visual mode are
built; both are handed to the window right after it, before the services, and work."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from demo.keypad import KeypadCitizen
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.i18n import Translator
from kiosk.services import build_services
from tests.ui.harness import DEVICES, screen_of
from ui.app import start_ui
from ui.scripted import find_item, iter_items, wait_until


def built(ui, name: str) -> bool:
    """Whether an item called ``name`` exists in the window, shown or not."""
    return any(item.objectName() == name for item in iter_items(ui.window.contentItem()))


@pytest.fixture(scope="module")
def first_frame(qapp, tmp_path_factory):
    """What the window holds at its first frame, and the kiosk started that way."""
    from drivers.registry import default_registry

    registry = default_registry()
    tmp = tmp_path_factory.mktemp("first-frame")
    config = config_from_mapping(
        {"store": {"path": str(tmp / "kiosk.db")}, "devices": DEVICES,
         "kiosk": {"languages": ["nl", "fr", "en"]},
         "ui": {"headphone_jack": "fixed://unplugged"},
         "updates": {"state_dir": str(tmp / "state")}},
        registry)
    core = build_journey_core(config)
    ui = start_ui(qapp, core, 540, 960, False,
                  lambda: build_services(config, registry, core.catalog),
                  city_platform=lambda: None)
    seen: dict[str, Any] = {}

    def at_first_frame() -> None:
        title = find_item(ui.window, "attractTitle")
        corner = find_item(ui.window, "technicianCorner")
        spot = find_item(ui.window, "voiceSpot")
        seen.update(
            settled=ui.window.property("settled"), state=ui.view_model.state,
            title=title.property("text") if title is not None else None,
            assistants=ui.assistants, tech=ui.window.property("tech"),
            voice=ui.window.property("voice"), services=ui.services,
            corner=corner is not None and corner.isVisible(),
            top_bar=built(ui, "topBar"), panel=built(ui, "accessibilityPanel"),
            spot=spot is not None and spot.isVisible())

    ui.window.frameSwapped.connect(at_first_frame, Qt.ConnectionType.SingleShotConnection)
    try:
        wait_until(lambda: bool(seen), 15, "the first frame")
        wait_until(lambda: ui.services is not None or ui.startup_error, 15, "the services")
        if ui.startup_error is not None:
            raise ui.startup_error
        yield ui, seen
    finally:
        ui.close()


def test_the_first_frame_is_the_attract_screen_in_every_language(first_frame):
    _, seen = first_frame
    assert seen["state"] == "attract" and seen["settled"] is True
    assert seen["title"] == " · ".join(Translator(code)("attract.title")
                                       for code in ("nl", "fr", "en"))
    # The non-visual mode's raised mark is drawn with the attract screen.
    assert seen["spot"] is True
    # What it does not show is built after it: the top bar, the accessibility panel.
    assert seen["top_bar"] is False and seen["panel"] is False


def test_technician_mode_and_the_voice_guide_come_after_the_first_frame(first_frame):
    ui, seen = first_frame
    assert seen["assistants"] is None and seen["services"] is None
    assert seen["tech"] is None and seen["voice"] is None
    assert seen["corner"] is False  # no door to a technician mode not built yet
    # Then handed to the window, before the services that plug into them.
    assert ui.assistants is not None
    assert ui.window.property("tech") is ui.tech
    assert ui.window.property("voice") is ui.voice
    assert find_item(ui.window, "technicianCorner").isVisible()
    wait_until(lambda: built(ui, "topBar") and built(ui, "accessibilityPanel"), 10,
               "the top bar and the accessibility panel, built after the first frame")


def test_the_technician_door_and_the_voice_guide_work_once_the_services_are_up(first_frame):
    ui, _ = first_frame
    wait_until(lambda: screen_of(ui, "attract"), 10, "the attract screen")
    ui.tech.openPin()  # what the corner's 3-second press calls (tests/ui/test_technician.py)
    wait_until(lambda: find_item(ui.window, "technicianPinView") is not None, 10,
               "the technician PIN pad, built when first opened")
    ui.tech.close()
    wait_until(lambda: find_item(ui.window, "technicianPinView") is None, 10,
               "the PIN pad to close")
    # The help key starts the non-visual mode, which reads the screen aloud.
    KeypadCitizen(ui).key(Qt.Key.Key_Help, keypad=False)
    wait_until(lambda: ui.voice.active, 5, "the non-visual mode")
    wait_until(lambda: ui.voice.history, 10, "the first prompt to be spoken")
    ui.view_model.cancel()
    wait_until(lambda: screen_of(ui, "attract") and not ui.voice.active, 10, "the session end")
