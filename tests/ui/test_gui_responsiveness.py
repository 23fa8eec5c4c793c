"""The GUI thread never waits on a device: with a device taking 5 seconds, the
window keeps rendering frames and the GUI thread's timer keeps ticking.

Counts, not timings: a 5-second stall would leave both counts near zero."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QTimer

from common.eid.model import EidCardData, Verification
from drivers.eid.simulated import SimulatedEidReader
from drivers.printer.simulated import SimulatedReceiptPrinter
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from tests.ui.harness import running_kiosk, screen_of
from ui.scripted import find_item, tap, wait_until

DELAY_S = 5.0


class FrameCounter:
    """Counts frames the window swaps and ticks of a 10 ms timer on the GUI thread;
    asks for a new frame on every tick, so frames come as long as the thread is free."""

    def __init__(self, window) -> None:
        self.frames = 0
        self.ticks = 0
        self._window = window
        window.frameSwapped.connect(self._frame)
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def _frame(self) -> None:
        self.frames += 1

    def _tick(self) -> None:
        self.ticks += 1
        self._window.update()

    def __enter__(self) -> FrameCounter:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()
        self._window.frameSwapped.disconnect(self._frame)


class SlowPrinter(SimulatedReceiptPrinter):
    """The simulated printer with a 5-second delay on every receipt."""

    def __init__(self) -> None:
        super().__init__()
        self.started = False

    def print_receipt(self, document) -> None:
        self.started = True
        time.sleep(DELAY_S)
        super().print_receipt(document)


def test_a_5_second_card_read_does_not_stop_the_screen(qapp, tmp_path, registry):
    reader = SimulatedEidReader(faults=["slow"], slow_seconds=DELAY_S)
    gc.unfreeze()  # whatever an earlier test left
    with running_kiosk(qapp, tmp_path, registry, overrides={"eid_reader": reader}) as ui:
        # Nor does a full garbage collection: the running kiosk's objects are out of its
        # sight (ui/qt_runtime.py), and given back when it closes (checked below).
        assert gc.get_freeze_count() > 10_000
        tap(ui.window, "startButton")
        tap(ui.window, "language_fr")
        wait_until(lambda: screen_of(ui, "identify"), 5, "the identify screen")
        identity, address, photo = citizen_card(demo_citizen("sophie"))
        with FrameCounter(ui.window) as counter:
            reader.insert(EidCardData(identity, address, photo, Verification(True, True, True)))
            wait_until(lambda: ui.view_model.identifyMessage != "", 10, "the reading message")
            frames_before, ticks_before = counter.frames, counter.ticks
            # Meanwhile the citizen can still use the screen.
            tap(ui.window, "switch_nl")
            assert ui.view_model.language == "nl"
            wait_until(
                lambda: ui.view_model.state == "choose_service", DELAY_S + 15, "the card to be read"
            )
            frames, ticks = (counter.frames - frames_before, counter.ticks - ticks_before)
        assert ticks >= 50, f"the GUI thread ticked only {ticks} times during the read"
        assert frames >= 10, f"only {frames} frames were rendered during the read"
    assert gc.get_freeze_count() == 0


def test_a_5_second_print_does_not_stop_the_screen(qapp, tmp_path, registry):
    printer = SlowPrinter()
    with running_kiosk(qapp, tmp_path, registry, overrides={"printer": printer}) as ui:
        tap(ui.window, "startButton")
        tap(ui.window, "language_en")
        tap(ui.window, "skipIdentification")
        tap(ui.window, "service_queue-ticket")
        with FrameCounter(ui.window) as counter:
            tap(ui.window, "desk_population")
            wait_until(lambda: printer.started, 10, "the printing to start")
            frames_before, ticks_before = counter.frames, counter.ticks
            assert find_item(ui.window, "accessibilityButton") is not None
            wait_until(lambda: screen_of(ui, "done"), DELAY_S + 15, "the ticket")
            frames, ticks = (counter.frames - frames_before, counter.ticks - ticks_before)
        assert ticks >= 50, f"the GUI thread ticked only {ticks} times during the print"
        assert frames >= 10, f"only {frames} frames were rendered during the print"
        assert "Queue ticket" in printer.printed[-1]
