"""``kiosk demo``: the kiosk on simulated devices.

Without a display it plays scripted citizen journeys offscreen through the real QML
UI, saving a screenshot of every screen it passes and every printed receipt.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from drivers.printer.document import ReceiptDocument
from drivers.printer.simulated import SimulatedReceiptPrinter
from drivers.registry import default_registry
from kiosk.composition import JourneyCore, build_journey_core
from kiosk.demo import demo_config
from kiosk.services import CoreServices, build_services
from ui.app import KioskUi, start_ui
from ui.scripted import screenshot, tap, wait_until

log = logging.getLogger(__name__)
STEP_TIMEOUT_S = 15.0


@dataclass
class DemoReport:
    out_dir: Path
    screenshots: list[Path] = field(default_factory=list)
    receipts: list[Path] = field(default_factory=list)


class ReceiptFiles:
    """Writes every receipt the simulated printer prints to the output folder."""

    def __init__(self, out_dir: Path, report: DemoReport) -> None:
        self._out_dir = out_dir
        self._report = report

    def __call__(self, document: ReceiptDocument, text: str) -> None:
        slug = re.sub(r"[^a-z0-9]+", "-", document.title.lower()).strip("-") or "receipt"
        path = self._out_dir / f"receipt-{len(self._report.receipts) + 1:02d}-{slug}.txt"
        path.write_text(text, encoding="utf-8")
        self._report.receipts.append(path)


def prepare_out_dir(out_dir: Path) -> None:
    """Start from an empty demo folder so old screenshots never pass for new ones."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in [*out_dir.glob("*.png"), *out_dir.glob("*.txt"), *out_dir.glob("kiosk.db*")]:
        old.unlink()


def start_demo(app: QGuiApplication, out_dir: Path, report: DemoReport,
               fullscreen: bool) -> tuple[KioskUi, SimulatedReceiptPrinter]:
    printer = SimulatedReceiptPrinter(on_print=ReceiptFiles(out_dir, report))
    registry = default_registry()
    config = demo_config(out_dir, registry)
    core: JourneyCore = build_journey_core(config)

    def load_services() -> CoreServices:
        return build_services(config, registry, core.catalog, {"printer": printer})

    ui = start_ui(app, core, config.ui.width, config.ui.height, fullscreen, load_services)
    return ui, printer


class HeadlessScript:
    """Plays journeys on the UI and photographs each screen as NN-name.png."""

    def __init__(self, ui: KioskUi, report: DemoReport) -> None:
        self._ui = ui
        self._report = report

    def shot(self, name: str) -> None:
        number = len(self._report.screenshots) + 1
        path = self._report.out_dir / f"{number:02d}-{name}.png"
        self._report.screenshots.append(screenshot(self._ui.window, path))

    def tap_to(self, item: str, state: str) -> None:
        tap(self._ui.window, item, STEP_TIMEOUT_S)
        vm = self._ui.view_model
        wait_until(lambda: vm.state == state, STEP_TIMEOUT_S, f"the {state} screen")

    def queue_ticket(self, language: str, desk: str, prefix: str) -> None:
        vm = self._ui.view_model
        wait_until(lambda: vm.state == "attract", STEP_TIMEOUT_S, "the attract screen")
        wait_until(lambda: self._ui.services is not None or self._ui.startup_error,
                   STEP_TIMEOUT_S, "the kiosk's services")
        if self._ui.startup_error is not None:
            raise self._ui.startup_error
        self.shot(f"{prefix}attract")
        self.tap_to("startButton", "language")
        self.shot(f"{prefix}language")
        self.tap_to(f"language_{language}", "identify")
        self.shot(f"{prefix}identify")
        self.tap_to("skipIdentification", "choose_service")
        self.shot(f"{prefix}services")
        self.tap_to("service_queue-ticket", "details")
        self.shot(f"{prefix}details")
        tap(self._ui.window, f"desk_{desk}", STEP_TIMEOUT_S)
        wait_until(lambda: vm.state == "done", STEP_TIMEOUT_S, "the done screen")
        self.shot(f"{prefix}done")
        self.tap_to("finishButton", "attract")


def run_headless(out_dir: Path) -> DemoReport:
    report = DemoReport(out_dir)
    prepare_out_dir(out_dir)
    app = QGuiApplication.instance() or QGuiApplication([])
    ui, printer = start_demo(app, out_dir, report, fullscreen=False)
    try:
        script = HeadlessScript(ui, report)
        script.queue_ticket("fr", "population", "")
        # The same journey in Dutch with the printer out of paper: the ticket is
        # committed anyway and the citizen is told to remember the number.
        printer.faults.inject("paper_out")
        script.queue_ticket("nl", "civil-status", "nopaper-")
        printer.faults.clear()
    finally:
        ui.close()
    return report


def run_windowed(fullscreen: bool, out_dir: Path) -> int:
    report = DemoReport(out_dir)
    prepare_out_dir(out_dir)
    app = QGuiApplication.instance() or QGuiApplication([])
    ui, _printer = start_demo(app, out_dir, report, fullscreen)
    try:
        return app.exec()
    finally:
        ui.close()
