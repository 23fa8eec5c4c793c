"""``kiosk demo``: the kiosk on simulated devices.

Without a display it plays scripted citizen journeys offscreen through the real QML
UI, saving a screenshot of every screen it passes and every printed receipt.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import msgspec
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from common.eid.model import EidCardData, Verification
from demo.config import demo_config
from demo.documents import KioskA4, start_kiosk_a4
from demo.journeys import (
    DemoBackend,
    JourneyTour,
    demo_backend,
    enter_demo_pin,
    expect_card_sessions,
    record_platform_state,
    screen_shown,
)
from drivers.cash.essp.simulator import EsspCashSimulator
from drivers.eid.demo import VirtualEidStack, virtual_eid_stack
from drivers.payment.nexo.simulator import NexoTerminalSimulator
from drivers.printer.simulator.device import PrintedReceipt, SimulatedPrinterDevice
from drivers.printer.simulator.server import TcpPrinterSimulator
from drivers.registry import default_registry
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.composition import JourneyCore, build_journey_core
from kiosk.config.schema import EidSection
from kiosk.services import CoreServices, build_services
from kiosk.technician import hash_pin
from sync.city_client import CityClient
from ui.app import KioskUi, start_ui
from ui.scripted import ScriptError, find_item, screenshot, tap, wait_until

log = logging.getLogger(__name__)
_T = TypeVar("_T")
STEP_TIMEOUT_S = 15.0
DEMO_CITIZEN = "sophie"
# The demo kiosk's technician PIN (a real kiosk's is set with `kiosk config hash-pin`).
DEMO_TECHNICIAN_PIN = "1234"
# The tour of every screen in every language: demo-out/screens/<lang>-<screen>.png.
SCREENS_DIR = "screens"
TOUR_LANGUAGES = ("fr", "nl", "en")


@dataclass
class DemoReport:
    out_dir: Path
    screenshots: list[Path] = field(default_factory=list)
    receipts: list[Path] = field(default_factory=list)
    receipt_images: list[Path] = field(default_factory=list)
    # Sealed certificates the A4 printer (ippeveprinter) received, and what happened.
    documents: list[Path] = field(default_factory=list)
    document_notes: list[str] = field(default_factory=list)
    # The library entrance (demo/entrance.py): access log, announcements, counts.
    entrance: list[Path] = field(default_factory=list)
    entrance_notes: list[str] = field(default_factory=list)
    # The non-visual mode's journey (demo/keypad.py): its screens and what it said.
    keypad: list[Path] = field(default_factory=list)
    speech: list[Path] = field(default_factory=list)


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
    for old in [*out_dir.glob("*.png"), *out_dir.glob("*.txt"), *out_dir.glob("kiosk.db*"),
                *out_dir.glob(f"{SCREENS_DIR}/*.png")]:
        old.unlink()


@dataclass
class DemoKiosk:
    ui: KioskUi
    printer: SimulatedPrinterDevice
    eid: VirtualEidStack | None
    cash: EsspCashSimulator
    resources: contextlib.ExitStack
    terminal: NexoTerminalSimulator | None = None
    a4: KioskA4 | None = None
    backend: DemoBackend | None = None

    def close(self) -> None:
        self.ui.close()  # devices first: the reader lets go of pcscd before it stops
        self.resources.close()


def start_eid_stack(resources: contextlib.ExitStack) -> VirtualEidStack | None:
    """A real pcscd with the demo citizen's virtual eID, or None where the machine
    cannot run one (then the demo uses the in-process simulated reader)."""
    identity, address, photo = citizen_card(demo_citizen(DEMO_CITIZEN))
    try:
        stack = resources.enter_context(
            virtual_eid_stack(identity, address, photo, inserted=False))
    except Exception as exc:  # no pcscd, no namespaces: a demo still runs without
        log.warning("no private PC/SC stack for the demo (%s); using the simulated reader",
                    exc)
        return None
    # libpcsclite reads this once per process, before the first PC/SC call.
    os.environ["PCSCLITE_CSOCK_NAME"] = stack.pcscd.socket_path
    return stack


def demo_eid_trust(resources: contextlib.ExitStack, eid: VirtualEidStack) -> EidSection:
    """``[eid]`` for the demo cards: the test PKI's roots (RSA for applet 1.7 cards, P-384
    for 1.8) and a fresh CRL of each citizen CA in one PEM file, in a directory removed
    with the demo (the technician screen shows the CRLs' age)."""
    folder = Path(resources.enter_context(tempfile.TemporaryDirectory(prefix="kiosk-eid-")))
    files = eid.authority.pki.write(folder)
    return EidSection(roots=str(files["roots"]), crl=str(files["crl"]))


def start_demo(app: QGuiApplication, out_dir: Path, report: DemoReport,
               fullscreen: bool) -> DemoKiosk:
    """The kiosk on simulators: the printer is a real ESC/POS peer on 127.0.0.1 and
    the eID a virtual card behind a real pcscd."""
    resources = contextlib.ExitStack()
    try:
        printer = SimulatedPrinterDevice(on_receipt=ReceiptFiles(out_dir, report))
        simulator = resources.enter_context(TcpPrinterSimulator(printer))
        eid = start_eid_stack(resources)
        # Cards are paid over nexo, as Brussels' acquirers' terminals take them (ZVT
        # stays covered by its own tests).
        terminal = resources.enter_context(NexoTerminalSimulator(card_delay=0.05))
        cash = resources.enter_context(EsspCashSimulator())
        registry = default_registry()
        a4 = start_kiosk_a4(resources)  # certificates printed here (None: no ippeveprinter)
        config = demo_config(out_dir, registry, printer_uri=simulator.uri,
                             eid_reader_uri="pcsc://" if eid else "sim://eid",
                             card_terminal_uri=terminal.start(), cash_uri=cash.start(),
                             document_printer_uri=a4.printer.uri if a4 else None)
        config = msgspec.structs.replace(config, ui=msgspec.structs.replace(
            config.ui, technician_pin_hash=hash_pin(DEMO_TECHNICIAN_PIN)))
        if eid is not None:  # offline, the kiosk checks the card against the card's test PKI
            config = msgspec.structs.replace(config, eid=demo_eid_trust(resources, eid))
        core: JourneyCore = build_journey_core(config)
        # The City's platform (appointments, cases): the real backend on 127.0.0.1.
        # The demo cards' test roots: the backend opens card sessions for them (the PIN step).
        roots = tuple(eid.authority.pki.roots()) if eid else None
        crls = eid.authority.pki.crls() if eid else ()
        backend = resources.enter_context(
            demo_backend(config.kiosk.id, config.kiosk.site, eid_roots=roots, eid_crls=crls,
                         **(a4.backend_settings if a4 else {})))

        def load_services() -> CoreServices:
            return build_services(config, registry, core.catalog)

        def city_platform() -> CityClient:
            return CityClient(backend.url, backend.token, 5.0)

        ui = start_ui(app, core, config.ui.width, config.ui.height, fullscreen, load_services,
                      city_platform=city_platform)
    except Exception:
        resources.close()
        raise
    return DemoKiosk(ui, printer, eid, cash, resources, terminal, a4, backend)


def pause(seconds: float) -> None:
    """Let the event loop run for ``seconds`` (a person's pause between two actions)."""
    deadline = time.monotonic() + seconds
    wait_until(lambda: time.monotonic() >= deadline, seconds + 5, "a pause")


class HeadlessScript:
    """Plays journeys on the UI and photographs each screen as NN-name.png."""

    def __init__(self, ui: KioskUi, report: DemoReport) -> None:
        self._ui = ui
        self._report = report

    def shot(self, name: str) -> None:
        window = self._ui.window
        wait_until(lambda: bool(window.property("settled")), STEP_TIMEOUT_S, "the screen")
        number = len(self._report.screenshots) + 1
        path = self._report.out_dir / f"{number:02d}-{name}.png"
        self._report.screenshots.append(screenshot(self._ui.window, path))
        if self._ui.status is not None and self._ui.status.offline:
            raise ScriptError(f"{path.name}: the offline banner is shown while the demo's "
                              "backend runs")

    def tap_to(self, item: str, state: str) -> None:
        tap(self._ui.window, item, STEP_TIMEOUT_S)
        wait_until(lambda: screen_shown(self._ui, state), STEP_TIMEOUT_S, f"the {state} screen")

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

    def identify_with_eid(self, kiosk: DemoKiosk) -> None:
        """A citizen inserts their eID (a virtual card behind a real pcscd), is greeted,
        asks for a birth certificate by post, then takes the card out: the session
        ends and is wiped."""
        vm = self._ui.view_model
        wait_until(lambda: vm.state == "attract", STEP_TIMEOUT_S, "the attract screen")
        self.tap_to("startButton", "language")
        self.tap_to("language_fr", "identify")
        self.set_card(kiosk, inserted=True)
        enter_demo_pin(self._ui, lambda name: tap(self._ui.window, name, STEP_TIMEOUT_S))
        wait_until(lambda: vm.state == "choose_service" and vm.citizenName, 30,
                   "the citizen to be identified")
        expect_card_sessions(kiosk.backend, kiosk.eid, 1, "the platform's card session")
        wait_until(lambda: find_item(self._ui.window, "citizenPhoto") is not None
                   and find_item(self._ui.window, "citizenPhoto").property("implicitWidth") > 1,
                   STEP_TIMEOUT_S, "the photo")
        self.shot("eid-identified")
        self.tap_to("service_cert-birth", "details")
        self.shot("eid-details")
        self.confirm_card_data()
        tap(self._ui.window, "delivery_post", STEP_TIMEOUT_S)
        wait_until(lambda: vm.state == "done", STEP_TIMEOUT_S, "the done screen")
        self.shot("eid-done")
        self.tap_to("finishButton", "attract")
        # The same citizen pays for two certificates: by card (nexo over HTTP), then cash
        # (eSSP over a pty), with the card still in the reader.
        wait_until(lambda: self._ui.core.devices.payment_methods() == {"card", "cash"},
                   STEP_TIMEOUT_S, "payments to be offered")
        self.pay_for("cert-residence", "nl", "card", kiosk)
        kiosk.cash.queue_insert(500)  # a 5 € note for a 3 € fee: 2 € change
        self.pay_for("cert-household", "en", "cash", kiosk)
        self.set_card(kiosk, inserted=False)
        wait_until(lambda: vm.state == "attract", STEP_TIMEOUT_S, "the session to end")
        expect_card_sessions(kiosk.backend, kiosk.eid, 0,
                             "the platform's card session to end with the card")
        self.shot("eid-removed")

    def confirm_card_data(self) -> None:
        """The certificate journey's first detail step: the citizen confirms what was
        read from the card (skipped where the journey has no such step)."""
        window = self._ui.window
        wait_until(lambda: find_item(window, "confirmData") is not None
                   or find_item(window, "delivery_portal") is not None,
                   STEP_TIMEOUT_S, "the certificate details")
        if find_item(window, "confirmData") is not None:
            tap(window, "confirmData", STEP_TIMEOUT_S)

    def set_card(self, kiosk: DemoKiosk, inserted: bool) -> None:
        if kiosk.eid is not None:
            (kiosk.eid.insert if inserted else kiosk.eid.remove)()
            return
        reader = self._ui.services.devices["eid_reader"].device  # type: ignore[union-attr]
        if inserted:
            identity, address, photo = citizen_card(demo_citizen(DEMO_CITIZEN))
            reader.insert(EidCardData(identity, address, photo, Verification(True, True, True)))
        else:
            reader.remove()

    def pay_for(self, service: str, language: str, method: str, kiosk: DemoKiosk) -> None:
        vm = self._ui.view_model
        self.tap_to("startButton", "language")
        self.tap_to(f"language_{language}", "identify")
        # The card stayed in the reader after the last session ended: the citizen takes
        # it out and puts it back, as the identify screen asks.
        self.set_card(kiosk, inserted=False)
        pause(1.0)  # long enough for the reader to see the slot empty (~0.3 s)
        self.set_card(kiosk, inserted=True)
        enter_demo_pin(self._ui, lambda name: tap(self._ui.window, name, STEP_TIMEOUT_S))
        wait_until(lambda: vm.state == "choose_service", 30, "identification")
        self.tap_to(f"service_{service}", "details")
        self.confirm_card_data()
        tap(self._ui.window, "delivery_portal", STEP_TIMEOUT_S)
        wait_until(lambda: vm.state in ("review", "pay"), STEP_TIMEOUT_S, "the review")
        if vm.state == "review":  # the confirmation before paying
            self.tap_to("acceptButton", "pay")
        self.shot(f"pay-{method}")
        tap(self._ui.window, "payCard" if method == "card" else "payCash", STEP_TIMEOUT_S)
        wait_until(lambda: vm.state == "done", 60, "the payment to complete")
        self.shot(f"paid-{method}")
        self.tap_to("finishButton", "attract")


def run_headless(out_dir: Path) -> DemoReport:
    report = DemoReport(out_dir)
    prepare_out_dir(out_dir)
    # The sealed certificates need no screen: printed on a thread meanwhile.
    documents = DocumentSection(out_dir)
    documents.start()
    # The library entrance (Open+ evening, visitor counting) is Qt-free too: on a thread.
    from demo.entrance import EntranceSection

    entrance = EntranceSection(out_dir / "entrance")
    entrance.start()
    app = QGuiApplication.instance() or QGuiApplication([])
    kiosk = start_demo(app, out_dir, report, fullscreen=False)
    failures: list[str] = []
    try:
        # The demo's backend is running: the kiosk is online, as a sync process would say.
        record_platform_state(kiosk.ui, True)
        script = HeadlessScript(kiosk.ui, report)
        script.queue_ticket("fr", "population", "")
        # The same journey in Dutch with the printer out of paper: the ticket is
        # committed anyway and the citizen is told to remember the number.
        kiosk.printer.faults.inject("paper_out")
        # The printer monitor's next poll, as on a kiosk: the citizen is told before the
        # ticket (the counter choice says it), not only at the end.
        kiosk.ui.services.printer_monitor.poll_once()  # type: ignore[union-attr]
        script.queue_ticket("nl", "civil-status", "nopaper-")
        kiosk.printer.faults.clear()
        kiosk.ui.services.printer_monitor.poll_once()  # type: ignore[union-attr]
        kiosk.ui.view_model.refresh_services()
        _section(failures, "eID and payments", kiosk, lambda: script.identify_with_eid(kiosk))
        tour = ScreenTour(kiosk, report)
        _section(failures, "the screen tour", kiosk, tour.run)
        script_card = HeadlessScript(kiosk.ui, report)
        journeys = JourneyTour(
            kiosk.ui, report.out_dir / SCREENS_DIR, report.screenshots,
            lambda inserted: script_card.set_card(kiosk, inserted), kiosk.terminal,
            kiosk.printer, kiosk.a4.printer if kiosk.a4 else None)
        _section(failures, "the journeys tour", kiosk, lambda: journeys.run(TOUR_LANGUAGES))
        _section(failures, "the keypad journey", kiosk, lambda: _keypad_journey(kiosk, report))
    finally:
        kiosk.close()
    _timed("waiting for the sealed documents", lambda: documents.finish(report, failures))
    # Library mode, on a terminal of its own: screens, slips and the replay in library/.
    from demo.library import add_library_demo

    _timed("library mode", lambda: add_library_demo(app, report, failures))
    entered = _timed("waiting for the library entrance", lambda: entrance.finish(failures))
    if entered is not None:
        report.entrance, report.entrance_notes = entered.files, entered.notes
    if failures:
        # Everything else still ran (and was saved); the demo fails loudly at the end.
        raise ScriptError("demo sections failed: " + "; ".join(failures))
    return report


def _timed(name: str, part: Callable[[], _T]) -> _T:
    """``part()``, logged with how long it took (see :func:`_section`)."""
    start = time.monotonic()
    result = part()
    log.info("demo: %s done in %.1f s", name, time.monotonic() - start)
    return result


def _keypad_journey(kiosk: DemoKiosk, report: DemoReport) -> None:
    """A queue ticket without seeing the screen: keypad/*.png and speech/*.wav."""
    from demo.keypad import SPEECH_DIR, queue_ticket_by_keypad

    report.keypad = queue_ticket_by_keypad(kiosk.ui, report.out_dir)
    report.speech = sorted((report.out_dir / SPEECH_DIR).glob("*.wav"))


class DocumentSection:
    """Sealed certificates on the A4 printer (demo-out/documents/*.pdf + seal-root.pem),
    run on a thread of its own while the screens are played: it is Qt-free."""

    TIMEOUT_S = 120.0

    def __init__(self, out_dir: Path) -> None:
        self._out_dir = out_dir
        self._result: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="demo-documents", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        from demo.documents import run_document_demo

        try:
            self._result = run_document_demo(self._out_dir)
        except Exception as exc:  # reported with the others; the rest of the demo still ran
            log.exception("the sealed documents section failed")
            self._error = exc

    def finish(self, report: DemoReport, failures: list[str]) -> None:
        self._thread.join(self.TIMEOUT_S)
        if self._thread.is_alive():
            failures.append(f"the sealed documents: not done within {self.TIMEOUT_S:.0f} s")
            return
        if self._error is not None or self._result is None:
            failures.append(f"the sealed documents: {self._error}")
            return
        report.documents, report.document_notes = self._result.documents, self._result.notes
        # Without ippeveprinter the demo says why (in the notes) and goes on.
        if not self._result.documents and self._result.seal_root is not None:
            failures.append("the sealed documents: none printed (" +
                            "; ".join(self._result.notes) + ")")


def _section(failures: list[str], name: str, kiosk: DemoKiosk, run) -> None:
    """Run one part of the demo; a failure is recorded, the kiosk put back on its
    attract screen, and the next part runs. Each part logs how long it took, so a demo
    that overruns its time says which part did."""
    start = time.monotonic()
    log.info("demo: %s started", name)
    try:
        run()
        log.info("demo: %s done in %.1f s", name, time.monotonic() - start)
    except Exception as exc:
        log.error("demo: %s failed: %s", name, exc, exc_info=exc)
        failures.append(f"{name}: {exc}")
        vm = kiosk.ui.view_model
        kiosk.ui.tech.close()
        vm.cancel()
        with contextlib.suppress(ScriptError):
            wait_until(lambda: vm.state == "attract", STEP_TIMEOUT_S, "the attract screen")


class ScreenTour:
    """Every screen in every language, the accessibility variants and technician
    mode, saved as screens/<lang>-<screen>.png."""

    def __init__(self, kiosk: DemoKiosk, report: DemoReport) -> None:
        self._kiosk = kiosk
        self._ui = kiosk.ui
        self._report = report
        self._dir = report.out_dir / SCREENS_DIR
        self._dir.mkdir(exist_ok=True)

    def shot(self, name: str) -> None:
        window = self._ui.window
        wait_until(lambda: bool(window.property("settled")), STEP_TIMEOUT_S, "the screen")
        self._report.screenshots.append(screenshot(window, self._dir / f"{name}.png"))

    def to(self, item: str, state: str) -> None:
        tap(self._ui.window, item, STEP_TIMEOUT_S)
        wait_until(lambda: screen_shown(self._ui, state), STEP_TIMEOUT_S, f"the {state} screen")

    def run(self) -> None:
        vm = self._ui.view_model
        wait_until(lambda: vm.state == "attract", STEP_TIMEOUT_S, "the attract screen")
        self.shot("all-attract")
        for language in TOUR_LANGUAGES:
            self.ticket_in(language)
        self.accessibility_variants("fr")
        for language in TOUR_LANGUAGES:
            self.large_text(language)
        self.technician("fr")
        self._kiosk.printer.faults.inject("paper_out")
        self._ui.services.printer_monitor.poll_once()  # type: ignore[union-attr]
        self._ui.view_model.refresh_services()
        wait_until(lambda: self._ui.status.notices, STEP_TIMEOUT_S, "the paper notice")
        self.shot("all-attract-nopaper")
        self._kiosk.printer.faults.clear()
        self._ui.services.printer_monitor.poll_once()  # type: ignore[union-attr]
        self._ui.view_model.refresh_services()

    def ticket_in(self, language: str) -> None:
        self.to("startButton", "language")
        if language == TOUR_LANGUAGES[0]:
            self.shot("all-language")
        self.to(f"language_{language}", "identify")
        self.shot(f"{language}-identify")
        self.to("skipIdentification", "choose_service")
        self.shot(f"{language}-services")
        tap(self._ui.window, "accessibilityButton", STEP_TIMEOUT_S)
        self.shot(f"{language}-accessibility")
        tap(self._ui.window, "closeAccessibility", STEP_TIMEOUT_S)
        self.to("service_queue-ticket", "details")
        self.shot(f"{language}-details-ticket")
        tap(self._ui.window, "desk_population", STEP_TIMEOUT_S)
        wait_until(lambda: self._ui.view_model.state == "done", STEP_TIMEOUT_S, "the ticket")
        self.shot(f"{language}-done-ticket")
        self.to("finishButton", "attract")

    def accessibility_variants(self, language: str) -> None:
        self.to("startButton", "language")
        self.to(f"language_{language}", "identify")
        for toggle, name in (("toggle_highContrast", "high-contrast"),
                             ("toggle_largeText", "large-text"),
                             ("toggle_lowLayout", "low-layout")):
            tap(self._ui.window, "accessibilityButton", STEP_TIMEOUT_S)
            tap(self._ui.window, toggle, STEP_TIMEOUT_S)
            tap(self._ui.window, "closeAccessibility", STEP_TIMEOUT_S)
            self.shot(f"{language}-{name}-identify")
            tap(self._ui.window, "accessibilityButton", STEP_TIMEOUT_S)
            tap(self._ui.window, toggle, STEP_TIMEOUT_S)  # one mode at a time
            tap(self._ui.window, "closeAccessibility", STEP_TIMEOUT_S)
        self.to("skipIdentification", "choose_service")
        tap(self._ui.window, "accessibilityButton", STEP_TIMEOUT_S)
        tap(self._ui.window, "toggle_lowLayout", STEP_TIMEOUT_S)
        tap(self._ui.window, "toggle_highContrast", STEP_TIMEOUT_S)
        self.shot(f"{language}-low-high-contrast-panel")
        tap(self._ui.window, "closeAccessibility", STEP_TIMEOUT_S)
        self.shot(f"{language}-low-high-contrast-services")
        self.to("cancelButton", "attract")

    def large_text(self, language: str) -> None:
        """Large text in every language: each screenshot checks its texts still fit."""
        self.to("startButton", "language")
        self.to(f"language_{language}", "identify")
        tap(self._ui.window, "accessibilityButton", STEP_TIMEOUT_S)
        tap(self._ui.window, "toggle_largeText", STEP_TIMEOUT_S)
        tap(self._ui.window, "closeAccessibility", STEP_TIMEOUT_S)
        if language != "fr":  # French's is among the accessibility variants
            self.shot(f"{language}-large-text-identify")
        self.to("skipIdentification", "choose_service")
        self.shot(f"{language}-large-text-services")
        self.to("cancelButton", "attract")

    def technician(self, language: str) -> None:
        ui = self._ui
        corner = find_item(ui.window, "technicianCorner")
        if corner is None:
            raise ScriptError("no technician corner on the attract screen")
        point = corner.mapToScene(QPointF(10, 10)).toPoint()
        QTest.mousePress(ui.window, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, point)
        try:
            wait_until(lambda: find_item(ui.window, "technicianPinView") is not None,
                       STEP_TIMEOUT_S, "the technician PIN pad")
        finally:
            QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton,
                               Qt.KeyboardModifier.NoModifier, point)
        for digit in DEMO_TECHNICIAN_PIN[:2]:
            tap(ui.window, f"pin_{digit}", STEP_TIMEOUT_S)
        self.shot(f"{language}-technician-pin")
        for digit in DEMO_TECHNICIAN_PIN[2:]:
            tap(ui.window, f"pin_{digit}", STEP_TIMEOUT_S)
        tap(ui.window, "pin_ok", STEP_TIMEOUT_S)
        wait_until(lambda: find_item(ui.window, "technicianView") is not None
                   and ui.tech.status, STEP_TIMEOUT_S, "the technician screen")
        self.shot(f"{language}-technician")
        tap(ui.window, "techSelfTest", STEP_TIMEOUT_S)
        wait_until(lambda: ui.tech.busy == "" and len(ui.tech.report) > 1, 60, "the self-test")
        self.shot(f"{language}-technician-selftest")
        tap(ui.window, "techClose", STEP_TIMEOUT_S)
        wait_until(lambda: ui.tech.stage == "", STEP_TIMEOUT_S, "technician mode to close")


def run_windowed(fullscreen: bool, out_dir: Path) -> int:
    report = DemoReport(out_dir)
    prepare_out_dir(out_dir)
    app = QGuiApplication.instance() or QGuiApplication([])
    kiosk = start_demo(app, out_dir, report, fullscreen)
    if kiosk.eid is not None:
        eid = kiosk.eid
        vm = kiosk.ui.view_model
        inserted: list[bool] = []

        def play_the_citizen() -> None:
            # Nobody can push a virtual card into a reader: on the identify screen the
            # demo citizen inserts it after a moment, and takes it out when done.
            if vm.state == "identify" and not inserted:
                QTimer.singleShot(2500, lambda: vm.state == "identify" and not inserted
                                  and (eid.insert(), inserted.append(True)))
            elif vm.state == "attract" and inserted:
                eid.remove()
                inserted.clear()

        vm.stateChanged.connect(play_the_citizen)
    try:
        return app.exec()
    finally:
        kiosk.close()
