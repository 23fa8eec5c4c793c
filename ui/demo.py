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

from drivers.printer.simulator.device import PrintedReceipt, SimulatedPrinterDevice
from drivers.printer.simulator.server import TcpPrinterSimulator
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
    receipt_images: list[Path] = field(default_factory=list)


class ReceiptFiles:
    """Writes every receipt the printer simulator renders: text and a PNG of the roll."""

    def __init__(self, out_dir: Path, report: DemoReport) -> None:
        self._out_dir = out_dir
        self._report = report

    def __call__(self, receipt: PrintedReceipt) -> None:
        title = next((line.strip() for line in receipt.text.splitlines()[3:] if line.strip()
                      and not line.startswith("-")), "receipt")
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "receipt"
        stem = self._out_dir / f"receipt-{len(self._report.receipts) + 1:02d}-{slug}"
        stem.with_suffix(".txt").write_text(receipt.text, encoding="utf-8")
        stem.with_suffix(".png").write_bytes(receipt.png)
        self._report.receipts.append(stem.with_suffix(".txt"))
        self._report.receipt_images.append(stem.with_suffix(".png"))


def prepare_out_dir(out_dir: Path) -> None:
    """Start from an empty demo folder so old screenshots never pass for new ones."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in [*out_dir.glob("*.png"), *out_dir.glob("*.txt"), *out_dir.glob("kiosk.db*")]:
        old.unlink()


@dataclass
class DemoKiosk:
    ui: KioskUi
    printer: SimulatedPrinterDevice
    printer_simulator: TcpPrinterSimulator

    def close(self) -> None:
        self.ui.close()
        self.printer_simulator.stop()


def start_demo(app: QGuiApplication, out_dir: Path, report: DemoReport,
               fullscreen: bool) -> DemoKiosk:
    """The kiosk on simulators; the printer is a real ESC/POS peer on 127.0.0.1."""
    printer = SimulatedPrinterDevice(on_receipt=ReceiptFiles(out_dir, report))
    simulator = TcpPrinterSimulator(printer).start()
    registry = default_registry()
    config = demo_config(out_dir, registry, printer_uri=simulator.uri)
    core: JourneyCore = build_journey_core(config)

    def load_services() -> CoreServices:
        return build_services(config, registry, core.catalog)

    try:
        ui = start_ui(app, core, config.ui.width, config.ui.height, fullscreen, load_services)
    except Exception:
        simulator.stop()
        raise
    return DemoKiosk(ui, printer, simulator)


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
    kiosk = start_demo(app, out_dir, report, fullscreen=False)
    try:
        script = HeadlessScript(kiosk.ui, report)
        script.queue_ticket("fr", "population", "")
        # The same journey in Dutch with the printer out of paper: the ticket is
        # committed anyway and the citizen is told to remember the number.
        kiosk.printer.faults.inject("paper_out")
        script.queue_ticket("nl", "civil-status", "nopaper-")
        kiosk.printer.faults.clear()
    finally:
        kiosk.close()
    return report


def run_windowed(fullscreen: bool, out_dir: Path) -> int:
    report = DemoReport(out_dir)
    prepare_out_dir(out_dir)
    app = QGuiApplication.instance() or QGuiApplication([])
    kiosk = start_demo(app, out_dir, report, fullscreen)
    try:
        return app.exec()
    finally:
        kiosk.close()
