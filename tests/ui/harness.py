"""A kiosk on simulated devices for the UI tests of accessibility, keyboard,
technician mode and responsiveness (the real QML, driven by taps)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.services import build_services
from ui.app import KioskUi, start_ui
from ui.scripted import iter_items, wait_until

DEVICES = {
    "eid_reader": "sim://eid",
    "printer": "sim://printer",
    "card_terminal": "sim://payment",
    "cash": "sim://cash",
}


@contextmanager
def running_kiosk(
    app,
    tmp_path,
    registry,
    ui_section: Mapping[str, Any] | None = None,
    overrides: Mapping[str, Any] | None = None,
    exits: list[int] | None = None,
    width: int = 540,
    height: int = 960,
    sections: Mapping[str, Mapping[str, Any]] | None = None,
) -> Iterator[KioskUi]:
    config = config_from_mapping(
        {
            "store": {"path": str(tmp_path / "kiosk.db")},
            "devices": DEVICES,
            "ui": dict(ui_section or {}),
            # The state directory the UI shares with sync (screenshots): under tmp_path.
            "updates": {"state_dir": str(tmp_path / "state")},
            **{name: dict(values) for name, values in (sections or {}).items()},
        },
        registry,
    )
    core = build_journey_core(config)
    ui = start_ui(
        app,
        core,
        width,
        height,
        False,
        lambda: build_services(config, registry, core.catalog, overrides or {}),
        city_platform=lambda: None,
        on_technician_exit=(exits.append if exits is not None else None),
    )
    try:
        wait_until(lambda: ui.services is not None or ui.startup_error, 15, "the services")
        if ui.startup_error is not None:
            raise ui.startup_error
        yield ui
    finally:
        ui.close()


def touch_targets(window: QQuickWindow) -> list[QQuickItem]:
    """Every visible item marked as a touch target (KioskButton, keys, switches)."""
    return [
        item
        for item in iter_items(window.contentItem())
        if item.isVisible()
        and item.property("touchTarget") is True
        and item.width() > 0
        and _shown(item)
    ]


def _shown(item: QQuickItem) -> bool:
    # Items with opacity 0 or inside a hidden parent are not on screen.
    node: QQuickItem | None = item
    while node is not None:
        if not node.isVisible() or node.opacity() == 0:
            return False
        node = node.parentItem()
    return True


def scene_rect(item: QQuickItem) -> QRectF:
    """Where the item is drawn, transforms (the low layout's scale) included."""
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def screen_of(ui: KioskUi, state: str) -> bool:
    """The journey is in ``state`` and that state's screen is the one shown (a new
    screen is built off screen, then swapped in: wait for this, not the state alone,
    before looking for what the screen shows)."""
    return ui.view_model.state == state and bool(ui.window.property("settled"))
