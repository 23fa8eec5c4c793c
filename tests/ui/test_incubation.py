"""The next screen is built in short slices (ui/incubation.py): an asynchronous Loader
completes, built by the kiosk's controller a few milliseconds at a time.

The window's own controller builds for about 11 ms at a time with a renderer on the GUI
thread; together with a frame that made the journey's longest stall (bench/journey.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine

from ui.incubation import SLICE_MS, SlicedIncubation
from ui.scripted import wait_until

# A screen's worth of objects and more: 600 items with text and bindings.
SCREEN = "import QtQuick\nColumn {\n" + "".join(
    f"    Rectangle {{ width: 200; height: 4; color: \"#{i % 250:02x}0000\"\n"
    f"        Text {{ text: \"row {i} \" + parent.width; font.pixelSize: 3 }} }}\n"
    for i in range(600)) + "}\n"
LOADER = """import QtQuick
Item {
    readonly property bool ready: loader.status === Loader.Ready
    property string screen
    Loader { id: loader; asynchronous: true; source: parent.screen }
}
"""


class CountedSlices(SlicedIncubation):
    """SlicedIncubation keeping how long each slice was allowed to build."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[int] = []

    def incubateFor(self, msecs: int) -> None:  # noqa: N802 (Qt's name)
        self.asked.append(msecs)
        super().incubateFor(msecs)


def test_a_screen_is_built_in_short_slices(qapp, tmp_path):
    screen = tmp_path / "Screen.qml"
    screen.write_text(SCREEN)
    engine = QQmlEngine()
    slices = CountedSlices()
    slices.install(engine)
    component = QQmlComponent(engine)
    component.setData(LOADER.encode(), QUrl.fromLocalFile(str(tmp_path / "Root.qml")))
    root = component.createWithInitialProperties(
        {"screen": QUrl.fromLocalFile(str(screen)).toString()})
    assert root is not None, component.errorString()
    try:
        wait_until(lambda: root.property("ready"), 20, "the screen built")
        # Built by this controller, a few milliseconds at a time (the window's own asks
        # for two thirds of a frame), the event loop running between the slices.
        assert slices.asked and set(slices.asked) == {SLICE_MS}
    finally:
        root.deleteLater()
        del engine


def test_slices_must_have_a_length():
    with pytest.raises(ValueError, match="slice_ms"):
        SlicedIncubation(slice_ms=0)
