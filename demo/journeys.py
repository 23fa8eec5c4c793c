"""The demo's journey tour: every screen of every citizen journey, in FR, NL and EN.

Certificate (data check, delivery, review, payment), appointment (site, day, slot,
confirmation), case follow-up, paying a letter (scan, amount, payment) and the failure
screens (declined card, paid but no receipt, request queued offline), saved as
``screens/<lang>-<journey>-<screen>.png``. The live services talk to a real backend
(uvicorn on 127.0.0.1 over a throwaway SQLite database, seeded with the demo data).
"""

from __future__ import annotations

import contextlib
import dataclasses
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ui.scripted import ScriptError, screenshot, tap, wait_until

STEP_TIMEOUT_S = 15.0
PAY_TIMEOUT_S = 60.0
SITE = "bxl-centre"
# Long enough for the reader to see the slot empty (it polls every ~0.3 s).
CARD_OUT_S = 0.6


@dataclass(frozen=True)
class DemoBackend:
    url: str
    token: str  # the demo kiosk's credential
    # How many card sessions the platform holds open (the PIN step opens one; it ends
    # when the card leaves the reader).
    open_card_sessions: Callable[[], int] = lambda: 0


# The demo card's PIN (drivers.eid.card_image.build_card_image's default).
DEMO_PIN = "1234"


def enter_demo_pin(ui: Any, tap_item: Callable[[str], None],
                   before: Callable[[], None] = lambda: None) -> bool:
    """The PIN step, when there is one (a real card behind pcscd can sign; the simulated
    reader has none): wait for the pad, ``before()`` (a screenshot), type the PIN."""
    pin = ui.card_pin
    if pin is None:
        return False
    wait_until(lambda: pin.model.stage == "entry" or bool(ui.view_model.citizenName), 30,
               "the PIN pad or the identified citizen")
    if pin.model.stage != "entry":
        return False
    before()
    for digit in DEMO_PIN:
        tap_item(f"cardPin_{digit}")
    tap_item("cardPin_ok")
    return True


@contextlib.contextmanager
def demo_backend(kiosk_id: str, site: str = SITE, eid_roots: tuple[Any, ...] | None = None,
                 eid_crls: tuple[Any, ...] = (), **settings: Any) -> Iterator[DemoBackend]:
    """The City's platform for the demo: the real app under uvicorn on a thread, on
    127.0.0.1, over a throwaway database; stopped (bounded) when the block ends.

    ``eid_roots``: the demo card's test root; citizens' data then needs a card session
    (the PIN step), checked against ``eid_crls`` (the test CAs' CRLs: without a
    revocation source the backend refuses every card). Without (the in-process simulated
    reader, which cannot sign), the demo backend lets the kiosk read cases without one.
    ``settings``: more
    :class:`BackendSettings` fields (the document seal)."""
    import uvicorn  # the demo only: never on the kiosk's first frame
    from sqlalchemy import func, select

    from kiosk.backend import auth
    from kiosk.backend.app import create_app, prepare_database
    from kiosk.backend.database import Database
    from kiosk.backend.server import serving_on_a_thread
    from kiosk.backend.settings import BackendSettings
    from kiosk.backend.tables import CardSessionRow

    with tempfile.TemporaryDirectory(prefix="kiosk-demo-backend-") as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'backend.db'}"
        backend_settings = BackendSettings(
            db_url=db_url, require_card_session=eid_roots is not None, **settings)
        if eid_roots is not None:
            backend_settings = dataclasses.replace(backend_settings, eid_roots=eid_roots,
                                                   eid_crls=eid_crls)
        database = Database(db_url)
        try:
            prepare_database(database, backend_settings)
            with database.write() as session:
                token = auth.issue(
                    session, role="device", credential_id=kiosk_id, site=site,
                    now=backend_settings.clock()
                )
            # No access log: request paths are not for a demo's output either.
            config = uvicorn.Config(
                create_app(backend_settings, database),
                host="127.0.0.1",
                port=0,
                access_log=False,
                log_config=None,
                lifespan="off",
            )
            def open_card_sessions() -> int:
                with database.read() as session:
                    return session.scalar(select(func.count()).select_from(CardSessionRow))

            with serving_on_a_thread(config) as port:
                yield DemoBackend(f"http://127.0.0.1:{port}", token, open_card_sessions)
        finally:
            database.close()


def expect_card_sessions(backend: DemoBackend | None, eid: object | None, count: int,
                         what: str) -> None:
    """With a real card (``eid``) and the platform: wait until it holds ``count`` card
    sessions (the PIN step opens one; pulling the card ends it)."""
    if eid is not None and backend is not None:
        wait_until(lambda: backend.open_card_sessions() == count, STEP_TIMEOUT_S, what)


def screen_shown(ui: Any, state: str) -> bool:
    """The journey is in ``state`` and that state's screen is the one on display
    (screens are built off screen, then swapped in)."""
    return ui.view_model.state == state and bool(ui.window.property("settled"))


def record_platform_state(ui: Any, online: bool) -> None:  # a ui.app.KioskUi
    """Record what the sync process would (the demo runs none) and wait for the kiosk to
    see it: without it the demo showed the "Offline" banner on every screen while its
    backend was running (issue 24, defect 7)."""
    from sync.status import StatusRecorder

    wait_until(lambda: ui.running is not None,
               STEP_TIMEOUT_S, "the kiosk's services")
    recorder = StatusRecorder(ui.services.store, lambda: datetime.now(UTC))
    if online:
        recorder.succeeded()
    else:
        recorder.failed("backend unreachable")
    ui.running.platform_monitor.poll()
    devices = ui.core.devices
    wait_until(lambda: devices.platform_online() is online, STEP_TIMEOUT_S,
               "the platform state")


class JourneyTour:
    """Plays every journey in one language after the other and photographs each screen.

    ``set_card(inserted)`` puts the demo citizen's eID in the reader or takes it out;
    ``terminal`` is the card terminal simulator (for the declined card)."""

    def __init__(
        self,
        ui: Any,
        screens_dir: Path,
        shots: list[Path],
        set_card: Callable[[bool], None],
        terminal: Any,
        printer: Any,
        a4: Any = None,
    ) -> None:
        self._ui = ui
        self._dir = screens_dir
        self._shots = shots
        self._set_card = set_card
        self._terminal = terminal
        self._printer = printer
        self._a4 = a4  # the A4 printer (ippeveprinter) for certificates printed here
        self._pin_shot: set[str] = set()  # languages whose PIN pad is photographed

    # --- helpers ---------------------------------------------------------------------

    def shot(self, language: str, name: str) -> None:
        window = self._ui.window
        wait_until(lambda: bool(window.property("settled")), STEP_TIMEOUT_S, "the screen")
        self._shots.append(screenshot(window, self._dir / f"{language}-{name}.png"))

    def reach(self, state: str, timeout_s: float = STEP_TIMEOUT_S) -> None:
        wait_until(lambda: screen_shown(self._ui, state), timeout_s, f"the {state} screen")

    def step(self, step: str) -> None:
        vm = self._ui.view_model
        wait_until(
            lambda: screen_shown(self._ui, "details") and vm.detailsStep == step,
            STEP_TIMEOUT_S,
            f"the {step} step",
        )

    def tap(self, name: str) -> None:
        tap(self._ui.window, name, STEP_TIMEOUT_S)

    def set_online(self, online: bool) -> None:
        """What the sync process would record (the demo runs none)."""
        record_platform_state(self._ui, online)

    def begin(self, language: str, identified: bool) -> None:
        """From the attract screen to the services, with or without the eID."""
        self.reach("attract")
        self.tap("startButton")
        self.reach("language")
        self.tap(f"language_{language}")
        self.reach("identify")
        if identified:
            # The card stayed in the reader after the last session: out, then in.
            self._set_card(False)
            deadline = time.monotonic() + CARD_OUT_S
            wait_until(lambda: time.monotonic() >= deadline, CARD_OUT_S + 5, "a pause")
            self._set_card(True)
            self._type_pin(language)
            wait_until(
                lambda: (
                    screen_shown(self._ui, "choose_service") and self._ui.view_model.citizenName
                ),
                30,
                "identification",
            )
        else:
            self.tap("skipIdentification")
            self.reach("choose_service")

    def _type_pin(self, language: str) -> None:
        """The PIN pad is shot once per language, then the demo citizen types the PIN."""

        def first_shot() -> None:
            if language not in self._pin_shot:
                self._pin_shot.add(language)
                self.shot(language, "pin")

        enter_demo_pin(self._ui, self.tap, before=first_shot)

    def end(self) -> None:
        self.tap("finishButton")
        self.reach("attract")

    # --- the journeys ----------------------------------------------------------------

    def run(self, languages: tuple[str, ...]) -> None:
        ui = self._ui
        wait_until(lambda: ui.services is not None, STEP_TIMEOUT_S, "the kiosk's services")
        wait_until(lambda: ui.running is not None, STEP_TIMEOUT_S, "the monitor")
        try:
            for language in languages:
                self.set_online(True)
                self.certificate(language)
                # The A4 journeys take a while: the platform's last answer must stay fresh.
                self.set_online(True)
                self.appointment(language)
                self.cases(language)
                self.case_by_code(language)
                self.letter(language)
                self.set_online(False)
                self.offline_certificate(language)
            if self._a4 is not None:
                self.set_online(True)
                self.certificate_not_printed(languages)
        finally:
            self._terminal.faults.clear()
            self._printer.faults.clear()
            self.set_online(False)

    def certificate(self, language: str) -> None:
        """A paid certificate: data check, then delivery and amount on one screen
        (printed here when there is an A4 printer), a declined card, then paid and
        printed: "take your document"."""
        self.begin(language, identified=True)
        self.shot(language, "services-identified")
        self.tap("service_cert-residence")
        self.step("confirm_data")
        self.shot(language, "cert-data")
        self.tap("confirmData")
        self.reach("pay")
        delivery = "delivery_kiosk" if self._a4 is not None else "delivery_portal"
        if self._a4 is not None:
            self._wait_a4(True)
        self.tap(delivery)
        self.shot(language, "cert-pay")
        self._terminal.faults.inject("decline")
        self.tap("payCard")
        payment = self._ui.view_model.payment
        wait_until(lambda: payment.message and not payment.busy, PAY_TIMEOUT_S, "the refusal")
        self.shot(language, "fail-declined")
        self._terminal.faults.clear()
        if self._a4 is not None:
            self._a4.delay_jobs(2)  # paper takes a moment: the "printing" screen is seen
        self.tap("payCard")  # another try, accepted this time
        if self._a4 is not None:
            vm = self._ui.view_model
            wait_until(lambda: vm.document.outcome == "printing", PAY_TIMEOUT_S,
                       "the document to print")
            self.shot(language, "cert-printing")
        self.reach("done", PAY_TIMEOUT_S)
        if self._a4 is not None:
            self._a4.delay_jobs(0)
        self.shot(language, "cert-done")
        self.end()

    def certificate_not_printed(self, languages: tuple[str, ...]) -> None:
        """The A4 printer's troubles, after the other journeys (ippeveprinter keeps an
        empty tray until a person loads paper): a job that aborts after payment — the
        document is owed and the money's fate said — leaving the tray empty, which the
        next pay screen says before any payment. Each screen in every language (the
        language buttons), two sessions in all."""
        assert self._a4 is not None
        self._a4.fail_next_job()
        self._a4.report("+media-empty")
        for shot, ready in (("cert-a4-owed", True), ("cert-a4-nopaper", False)):
            self.begin(languages[0], identified=True)
            self.tap("service_cert-residence")
            self.step("confirm_data")
            self.tap("confirmData")
            self.reach("pay")
            self._wait_a4(ready)
            if ready:
                self.tap("delivery_kiosk")
                self.tap("payCard")
                self.reach("done", PAY_TIMEOUT_S)
            for language in languages:
                self.tap(f"switch_{language}")
                wait_until(lambda lang=language: self._ui.view_model.language == lang,
                           STEP_TIMEOUT_S, "the language")
                self.shot(language, shot)
            if ready:
                self.end()
            else:
                self.tap("cancelButton")
                self.reach("attract")

    def _wait_a4(self, ready: bool) -> None:
        document = self._ui.view_model.document
        wanted = "ready" if ready else "unavailable"
        wait_until(lambda: document.printState == wanted, STEP_TIMEOUT_S,
                   f"the A4 printer to be {wanted}")

    def offline_certificate(self, language: str) -> None:
        """The City unreachable: a free certificate is queued at the kiosk."""
        self.begin(language, identified=True)
        self.tap("service_cert-birth")
        self.step("confirm_data")
        self.tap("confirmData")
        self.step("delivery")
        self.tap("delivery_post")
        self.reach("done")
        if not self._ui.view_model.result.get("queued_offline"):
            raise ScriptError("the offline certificate request was not queued")
        self.shot(language, "fail-offline-queued")
        self.end()

    def appointment(self, language: str) -> None:
        vm = self._ui.view_model
        self.begin(language, identified=True)
        self.tap("service_appt-id-card")
        self.step("site")
        self.shot(language, "appt-site")
        self.tap(f"site_{SITE}")
        self.step("day")
        wait_until(lambda: vm.appointment.days, STEP_TIMEOUT_S, "the days")
        self.shot(language, "appt-day")
        self.tap(f"day_{vm.appointment.days[0]['iso']}")
        self.step("slot")
        wait_until(lambda: vm.appointment.slots, STEP_TIMEOUT_S, "the free slots")
        self.shot(language, "appt-slot")
        self.tap(f"slot_{vm.appointment.slots[0]['id']}")
        self.reach("review")
        self.shot(language, "appt-review")
        self.tap("acceptButton")
        self.reach("done")
        self.shot(language, "appt-done")
        self.end()

    def cases(self, language: str) -> None:
        self.begin(language, identified=True)
        self.tap("service_case-followup")
        self.reach("done")
        wait_until(lambda: self._ui.view_model.cases, STEP_TIMEOUT_S, "the cases")
        self.shot(language, "cases")
        self.end()

    def case_by_code(self, language: str) -> None:
        """No card at hand: the case of this language's certificate found from its
        confirmation, the camera offered, then the reference and code typed on the
        kiosk's keyboard (what a citizen does when the QR is crumpled)."""
        from sqlalchemy import select

        from kiosk.domain.cases import typed_code, verification_code
        from kiosk.store.models import RequestRow
        from sync.outbox import Outbox

        ui = self._ui
        store = ui.services.store
        with store.read() as session:  # the certificate paid a moment ago
            request = session.scalars(
                select(RequestRow).order_by(RequestRow.created_at.desc())).first()
        if request is None or ui.running.platform is None:
            raise ScriptError("no certificate request to follow up, or no City platform")
        reference, code = request.reference, verification_code(request.id)
        ui.running.platform.post_events(Outbox(store).pending(100))  # what sync would have sent
        self._set_card(False)
        self.reach("attract")
        self.tap("startButton")
        self.reach("language")
        self.tap(f"language_{language}")
        self.reach("identify")
        self.tap("scanCaseQr")
        wait_until(lambda: ui.view_model.caseScan.scanning, STEP_TIMEOUT_S, "the camera")
        self.shot(language, "case-scan")
        self.tap("typeCaseReference")
        self.tap("caseReferenceField")
        self.type_keys(reference.lower())
        self.shot(language, "case-type")
        self.tap("key_ok")
        self.type_keys(typed_code(code).lower())
        self.tap("key_ok")
        self.reach("done")
        wait_until(lambda: ui.view_model.cases, STEP_TIMEOUT_S, "the case")
        self.shot(language, "case-found")
        self.end()

    def type_keys(self, text: str) -> None:
        """Tap the on-screen keyboard's keys, one per character."""
        for character in text:
            self.tap("key_space" if character == " " else f"key_{character}")

    def letter(self, language: str) -> None:
        """Pay a City letter by its QR code; the printer runs out of paper just before
        the payment: paid, and the screen says the receipt could not be printed."""
        from kiosk.domain.letters import LetterPayment, epc_payload, make_communication

        letter = LetterPayment(
            make_communication(909337554), 1250, "Ville de Bruxelles", "BE68539007547034"
        )
        self.begin(language, identified=False)
        self.tap("service_letter-payment")
        self.step("scan")
        wait_until(lambda: self._ui.view_model.letter.scanning, STEP_TIMEOUT_S, "the camera")
        self.shot(language, "letter-scan")
        camera = self._ui.services.devices["camera"]
        # A read the case scan asked for just before may still be on the camera's thread:
        # it would take the one frame the simulator shows, and drop it (a real camera
        # keeps seeing the letter). Show the code once every earlier read is over.
        earlier_reads_over = camera.submit(lambda device: None)
        wait_until(earlier_reads_over.done, PAY_TIMEOUT_S, "the camera's earlier reads")
        camera.device.show(epc_payload(letter))
        self.reach("review")
        self.shot(language, "letter-amount")
        self.tap("acceptButton")
        self.reach("pay")
        self.shot(language, "letter-pay")
        self._printer.faults.inject("paper_out")
        try:
            self.tap("payCard")
            self.reach("done", PAY_TIMEOUT_S)
            if self._ui.view_model.result.get("printed", True):
                raise ScriptError("the receipt was printed with no paper")
            self.shot(language, "fail-no-receipt")
        finally:
            self._printer.faults.clear()
            monitor = self._ui.services.printer_monitor
            if monitor is not None:
                monitor.poll_once()
        self.end()
