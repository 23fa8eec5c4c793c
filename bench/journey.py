"""Journey benchmark: a certificate request paid by card, through the real QML
(offscreen, software renderer) and the in-process simulators, with no human delays.

Prints one JSON object: the median machine time per journey (target < 1 s) and the
longest gap between two ticks of a 1 ms timer on the GUI thread during the journeys
(target: no stall over one frame, 16 ms). The script taps items by objectName and follows
whatever screen the journey shows, so new steps (data confirmation, review) are
walked through as long as they have a known button.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
JOURNEY_TIMEOUT_S = 30.0
TARGET_JOURNEY_S = 1.0
TARGET_STALL_MS = 16.0  # one frame at 60 Hz
SERVICE = "cert-residence"
# What to tap on each screen, first visible wins.
TAPS = {
    "attract": ("startButton",),
    "language": ("language_fr",),
    "choose_service": (f"service_{SERVICE}",),
    "details": ("confirmData", "delivery_portal"),
    "review": ("acceptButton",),
    "done": ("finishButton",),
}


class StallMeter:
    """A 1 ms timer on the GUI thread; the longest gap between two ticks is the
    longest time the GUI thread could not run its event loop. The GUI thread's own CPU
    time over that gap is kept too (``max_busy_s``): on a loaded machine a gap can be the
    OS running other processes, while the busy time is the kiosk's own work."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.max_gap_s = 0.0
        self.max_busy_s = 0.0
        self._last = 0.0
        self._last_cpu = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.max_gap_s = max(self.max_gap_s, now - self._last)
        self.max_busy_s = max(self.max_busy_s, cpu - self._last_cpu)
        self._last, self._last_cpu = now, cpu

    def start(self) -> None:
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


def run_journey(ui, card, meter: StallMeter) -> float:
    """One citizen from the attract screen back to it; returns the seconds it took."""
    from ui.scripted import ScriptError, find_item, tap, wait_until

    vm = ui.view_model
    reader = ui.services.devices["eid_reader"].device
    paid = inserted = False
    start = time.perf_counter()
    meter.start()
    deadline = start + JOURNEY_TIMEOUT_S
    finished = False
    while not finished:
        if time.perf_counter() > deadline:
            raise ScriptError(f"journey stuck on the {vm.state} screen")
        state = vm.state
        if state == "identify" and not inserted:
            reader.insert(card)
            inserted = True
        elif state == "pay" and not paid:
            # The pay screen asks how the certificate is delivered first (issue 20); it is
            # built off screen, so look once its pay button is there.
            wait_until(lambda: find_item(ui.window, "payCard") is not None, 5, "the pay screen")
            if find_item(ui.window, "delivery_portal") is not None:
                tap(ui.window, "delivery_portal", 5)
            tap(ui.window, "payCard", 5)
            paid = True
        elif state in TAPS:
            name = next((n for n in TAPS[state] if find_item(ui.window, n) is not None), None)
            if name is not None:
                tap(ui.window, name, 5)
                finished = state == "done"
        if not finished:
            wait_until(
                lambda s=state: vm.state != s or _has_tap(ui, vm.state),
                10,
                f"progress from the {state} screen",
            )
    wait_until(lambda: vm.state == "attract", 5, "the attract screen")
    elapsed = time.perf_counter() - start
    meter.stop()
    reader.remove()
    return elapsed


def _has_tap(ui, state: str) -> bool:
    from ui.scripted import find_item

    # Walk the item tree only once the state's screen is built and shown (Main.qml's
    # ``settled``): the walk is the bench's own work on the GUI thread, and looking every
    # 5 ms while the kiosk builds the screen counted it into the stalls it measures.
    if state not in TAPS or not ui.window.property("settled"):
        return False
    return any(find_item(ui.window, n) is not None for n in TAPS[state])


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    from common.eid.model import EidCardData, Verification
    from drivers.registry import default_registry
    from kiosk.backend.demo_citizens import citizen_card, demo_citizen
    from kiosk.composition import build_journey_core
    from kiosk.config.loader import config_from_mapping
    from kiosk.services import build_services
    from ui.app import start_ui
    from ui.scripted import wait_until

    app = QGuiApplication(sys.argv[:1])
    registry = default_registry()
    result: dict[str, object] = {"bench": "journey", "runs": RUNS, "service": SERVICE}
    with tempfile.TemporaryDirectory() as tmp:
        config = config_from_mapping(
            {
                "store": {"path": str(Path(tmp) / "kiosk.db")},
                "devices": {
                    "eid_reader": "sim://eid",
                    "printer": "sim://printer",
                    "card_terminal": "sim://payment",
                    "cash": "sim://cash",
                },
            },
            registry,
        )
        core = build_journey_core(config)
        ui = start_ui(
            app,
            core,
            config.ui.width,
            config.ui.height,
            False,
            lambda: build_services(config, registry, core.catalog),
            city_platform=lambda: None,
            on_technician_exit=lambda code: None,
        )
        try:
            wait_until(lambda: ui.services is not None, 30, "the services")
            wait_until(lambda: "card" in core.devices.payment_methods(), 30, "card payments")
            identity, address, photo = citizen_card(demo_citizen("sophie"))
            card = EidCardData(identity, address, photo, Verification(True, True, True))
            meter = StallMeter()
            run_journey(ui, card, meter)  # warm-up: QML compiled, caches filled
            meter.max_gap_s = meter.max_busy_s = 0.0
            times = [run_journey(ui, card, meter) for _ in range(RUNS)]
            median_s = statistics.median(times)
            stall_ms = meter.max_gap_s * 1000
            result.update(
                {
                    "journey_s_median": round(median_s, 3),
                    "journey_s_max": round(max(times), 3),
                    "target_journey_s": TARGET_JOURNEY_S,
                    "gui_stall_ms_max": round(stall_ms, 1),
                    # Information, not the target: the GUI thread's CPU in that longest
                    # stretch (what is left of a stall once the machine's load is removed).
                    "gui_busy_ms_max": round(meter.max_busy_s * 1000, 1),
                    "target_stall_ms": TARGET_STALL_MS,
                    "ok": median_s < TARGET_JOURNEY_S and stall_ms <= TARGET_STALL_MS,
                }
            )
        except Exception as exc:  # one JSON object, whatever happens
            result.update({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
        finally:
            ui.close()
    sys.stdout.write(json.dumps(result) + "\n")
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
