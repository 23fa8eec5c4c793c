"""Technician mode's view-model: the PIN pad (or a technician's eID card), then the
kiosk's insides.

Everything that touches the store or a device (the PIN's scrypt too) runs on the
background runner; results land back here on the GUI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.i18n import Translator, format_money
from kiosk.l10n import BRUSSELS, format_number
from kiosk.recent_errors import RecentErrors
from kiosk.technician import (
    PIN_MAX_DIGITS,
    TECHNICIAN_ACTOR,
    PinResult,
    TechnicianCardNews,
    TechnicianCardRouter,
    TechnicianGate,
)
from ui.operations import BackgroundRunner

if TYPE_CHECKING:
    from kiosk.selftest import Check
    from kiosk.services import CoreServices

log = logging.getLogger(__name__)

# Exit to the desktop: the kiosk unit is told apart from a crash by this code.
EXIT_TECHNICIAN = 5
DEVICE_ORDER = ("eid_reader", "printer", "card_terminal", "cash")
# The sync process's own words for its states that have a catalog text (the rest, a
# network error's text, is shown as it is: diagnostics for the technician).
SYNC_REASONS = {"sync has not run yet": "sync.reason.not_run", "starting": "sync.reason.starting"}


class TechnicianViewModel(QObject):
    changed = Signal()

    def __init__(
        self,
        gate: TechnicianGate,
        runner: BackgroundRunner,
        language: Callable[[], str],
        errors: RecentErrors,
        on_exit: Callable[[int], None],
        kiosk_id: str = "",
        site_name: str = "",
        version: str = "",
        idle_close_s: float = 120.0,
        clock: Callable[[], float] = time.monotonic,
        at_attract: Callable[[], bool] = lambda: True,
        revocation: Callable[[], dict[str, Any]] = lambda: {"crl": "not_configured"},
    ) -> None:
        super().__init__()
        # eID revocation (kiosk.eid_trust.py): the cached CRL's age, read on a worker.
        self._revocation = revocation
        self._gate = gate
        self._at_attract = at_attract
        self._by_card = False  # opened by a technician card: its removal closes
        self._runner = runner
        # The kiosk's services, once they are up (set_services): technician mode opens
        # from the attract screen before them and shows what it can meanwhile.
        self._services: CoreServices | None = None
        self._language = language
        self._errors = errors
        self._on_exit = on_exit
        self._kiosk_id, self._site_name, self._version = kiosk_id, site_name, version
        self._idle_close_s = idle_close_s
        self._clock = clock
        self._stage = ""  # "" (closed) | "pin" | "main" | "exit_pin"
        self._pin = ""
        self._pin_message = ""
        self._checking = False
        self._busy = ""
        self._status: dict[str, Any] = {}
        self._report: list[str] = []
        self._last_activity = clock()
        # Built before the store: logins are noted as not recorded until the services
        # bring their audit log (set_services).
        self._audit_pending = not gate.audited
        if self._audit_pending:
            gate.use_audit(NoAuditYet())

    def set_services(self, services: CoreServices) -> None:
        """The kiosk's services are up (GUI thread): the status, reprints, the self-test
        and the end of day use them from now on, and logins go to their audit log."""
        self._services = services
        if self._audit_pending:
            self._gate.use_audit(services.audit)

    # --- properties -------------------------------------------------------------------

    @Property(str, notify=changed)
    def stage(self) -> str:
        return self._stage

    @Property(int, notify=changed)
    def pinLength(self) -> int:
        return len(self._pin)

    @Property(str, notify=changed)
    def pinMessage(self) -> str:
        return self._pin_message

    @Property(str, notify=changed)
    def busy(self) -> str:
        return self._busy

    @Property("QVariantMap", notify=changed)
    def status(self) -> dict[str, Any]:
        return dict(self._status)

    @Property(bool, constant=True)
    def cardsAccepted(self) -> bool:
        """Technician cards are configured: the PIN pad says a card works too."""
        return self._gate.has_cards

    @Property(bool, notify=changed)
    def openedByCard(self) -> bool:
        return self._by_card and self._stage != ""

    @Property("QVariantList", notify=changed)
    def report(self) -> list[dict[str, str]]:
        """The last action's outcome, line by line (self-test, end of day, reprint): each
        ``{"text", "kind", "detail"}``, the text in the screen's language (``kind`` "") or
        technical data (``kind`` "technical"), the detail an exception's or a device's own
        words, shown apart as technical data."""
        return [dict(line) for line in self._report]

    # --- taps -------------------------------------------------------------------------

    @Slot()
    def openPin(self) -> None:
        """The hidden gesture: show the PIN pad."""
        if self._stage == "":
            self._go("pin")

    @Slot(str)
    def digit(self, value: str) -> None:
        self._touch()
        if value.isdigit() and len(value) == 1 and len(self._pin) < PIN_MAX_DIGITS:
            self._pin += value
            self._pin_message = ""
            self.changed.emit()

    @Slot()
    def erase(self) -> None:
        self._touch()
        self._pin = self._pin[:-1]
        self.changed.emit()

    @Slot()
    def submitPin(self) -> None:
        self._touch()
        if self._checking or self._stage not in ("pin", "exit_pin"):
            return
        pin, self._pin = self._pin, ""  # the digits leave the view-model at once
        self._checking = True
        self._pin_message = self._tr()("tech.working")
        self.changed.emit()
        stage = self._stage
        self._runner.run(
            lambda: self._gate.check(pin),
            lambda result: self._pin_checked(stage, result),
            self._pin_failed,
        )

    @Slot()
    def close(self) -> None:
        self._go("")

    @Slot()
    def askExit(self) -> None:
        if self._stage == "main":
            self._go("exit_pin")

    @Slot()
    def refresh(self) -> None:
        self._touch()
        services = self._services
        if services is None:
            return
        self._runner.run(
            lambda: collect_status(services, self._errors, self._revocation),
            self._status_ready, self._action_failed
        )

    @Slot(str)
    def reprint(self, receipt_id: str) -> None:
        services = self._services
        if services is None:
            return
        language = self._language()
        self._start("reprint", lambda: _reprint(services, receipt_id, language))

    @Slot()
    def selfTest(self) -> None:
        services = self._services
        if services is None:
            return
        language = self._language()

        def run() -> list[dict[str, str]]:
            # Imported here, on the worker: technician mode is not the first screen.
            from kiosk.selftest import Limits, OwnedDevices, SelfTestPage, run_device_checks

            # The same checks as `kiosk provision selftest`, through the owner threads.
            limits = Limits()
            checks = run_device_checks(
                OwnedDevices(services.devices, limits.call_timeout_s),
                SelfTestPage(self._kiosk_id, self._site_name, self._version, language),
                limits,
            )
            # Central IT reads the failures in English, as the command line records them.
            services.device_state.selftest(
                all(check.ok for check in checks),
                [f"{check.name}: {check.reason}" for check in checks if not check.ok],
            )
            tr = Translator(language)
            return [_check_line(check, tr) for check in checks]

        self._start("selftest", run)

    @Slot()
    def endOfDay(self) -> None:
        services = self._services
        if services is None:
            return
        language = self._language()
        self._start("endofday", lambda: _end_of_day_lines(services, language))

    @Slot()
    def tick(self) -> None:
        """Every second: an unattended technician screen closes by itself."""
        if self._stage and self._clock() - self._last_activity > self._idle_close_s:
            log.info("technician mode closed after inactivity")
            self._go("")

    # --- technician cards ---------------------------------------------------------------

    def card_router(self, post: Callable[[Any], None]) -> TechnicianCardRouter:
        """For the card watcher (its thread): technician cards told apart from citizens'
        there, with the gate's scrypt off the GUI thread; ``post`` hops to the GUI."""
        return TechnicianCardRouter(self._gate, post)

    def card_news_to(self, citizen: Callable[[Any], None]) -> Callable[[Any], None]:
        """On the GUI thread: technician card news is ours, the rest the citizen's."""

        def deliver(news: Any) -> None:
            if isinstance(news, TechnicianCardNews):
                self.technician_card(news)
            else:
                citizen(news)

        return deliver

    def technician_card(self, news: TechnicianCardNews) -> None:
        """A listed card opens technician mode from the attract screen or the PIN pad;
        during a citizen's session it is ignored (never taken as the citizen's card).
        Its removal closes a mode it opened and wipes what it showed."""
        if news.kind == "inserted":
            if self._stage == "pin" or (self._stage == "" and self._at_attract()):
                self._by_card = True
                self._go("main")
            elif self._stage == "":
                log.info("technician card ignored: a citizen session is under way")
        elif self._by_card:
            self._by_card = False
            if self._stage:
                log.info("technician card removed: technician mode closed")
                self._go("")

    # --- machinery --------------------------------------------------------------------

    def _tr(self) -> Translator:
        return Translator(self._language())

    def _touch(self) -> None:
        self._last_activity = self._clock()

    def _go(self, stage: str) -> None:
        self._touch()
        self._stage = stage
        self._pin = ""
        self._pin_message = ""
        if stage in ("", "pin"):
            self._report = []
        if stage == "":
            self._by_card = False
            self._status = {}  # nothing of the insides lingers once closed
        self.changed.emit()
        if stage == "main":
            self.refresh()

    def _pin_checked(self, stage: str, result: PinResult) -> None:
        self._checking = False
        if self._stage != stage:
            return  # closed meanwhile
        if result.ok:
            if stage == "exit_pin":
                log.warning("technician exit to the desktop")
                self._on_exit(EXIT_TECHNICIAN)
                return
            self._go("main")
            return
        tr = self._tr()
        if result.reason == "not_configured":
            self._pin_message = tr("tech.not_configured")
        elif result.locked_for_s > 0:
            self._pin_message = tr("tech.locked").format(
                seconds=int(result.locked_for_s + 0.999))
        else:
            self._pin_message = tr("tech.wrong_pin")
        self.changed.emit()

    def _pin_failed(self, error: BaseException) -> None:
        self._checking = False
        log.error("technician PIN check failed: %s", type(error).__name__)
        self._pin_message = self._tr()("tech.failed")
        self.changed.emit()

    def _start(self, name: str, work: Callable[[], list[dict[str, str]]]) -> None:
        self._touch()
        if self._busy or self._stage != "main":
            return
        self._busy = name
        self._report = [report_line(self._tr()("tech.working"))]
        self.changed.emit()
        self._runner.run(work, self._action_done, self._action_failed)

    def _action_done(self, lines: list[dict[str, str]]) -> None:
        self._busy = ""
        self._report = list(lines)
        self.changed.emit()
        self.refresh()

    def _action_failed(self, error: BaseException) -> None:
        log.error("technician action failed: %s", error)
        self._busy = ""
        self._report = [report_line(self._tr()("tech.failed"), detail=str(error))]
        self.changed.emit()

    def _status_ready(self, status: dict[str, Any]) -> None:
        self._status = status
        self.changed.emit()


def collect_status(services: CoreServices, errors: RecentErrors,
                   revocation: Callable[[], dict[str, Any]] | None = None) -> dict[str, Any]:
    """Everything the technician screen shows, read on a worker."""
    from kiosk.devicestate import read_device_state
    from sync.status import read_status

    sync = read_status(services.store)
    recorded = read_device_state(services.store).get("devices", {})
    devices = []
    for name in DEVICE_ORDER:
        if name not in services.devices and name not in services.device_problems:
            continue
        problem = services.device_problems.get(name, "")
        detail = problem or _device_words(name, recorded.get(name) or {})
        devices.append({"name": name, "ok": not problem and detail == "ok", "detail": detail})
    owed = [
        {
            "id": r.receipt_id,
            "kind": r.kind,
            "reference": r.reference or "",
            "attempts": r.attempts,
            "error": r.error,
        }
        for r in services.spool.owed()
    ]
    return {
        "online": sync.online,
        "syncState": sync.state,
        "syncReason": sync.reason,
        "syncReasonKey": SYNC_REASONS.get(sync.reason, ""),
        "pending": sync.pending,
        "deadLetters": sync.dead_letters,
        "devices": devices,
        "owed": owed,
        "revocation": revocation() if revocation is not None else {"crl": "not_configured"},
        "errors": [
            f"{datetime.fromtimestamp(e.at, BRUSSELS):%H:%M:%S} {e.source}: {e.message}"
            for e in errors.latest()[:8]
        ],
    }


def _device_words(name: str, state: dict[str, Any]) -> str:
    if state.get("error"):
        return str(state["error"])
    if name == "printer":
        if state.get("paper") == "out":
            return "paper out"
        if state.get("cover_open"):
            return "cover open"
    if state.get("online") is False or state.get("present") is False:
        return "offline"
    return "ok"


class NoAuditYet:
    """The gate's audit log until the services bring theirs (the gate is built before
    the store opens): an attempt is logged as not recorded. Called on the PIN check's
    worker, never the GUI thread."""

    def record(self, kind: str, actor: str, details: Any = None) -> None:
        log.warning("%s not recorded: the store is not open yet", kind)


def report_line(text: str, kind: str = "", detail: str = "") -> dict[str, str]:
    """One line of the report: ``kind`` "" for a text in the screen's language (checked
    against its catalog), "technical" for the kiosk's own English words."""
    return {"text": text, "kind": kind, "detail": detail}


def _check_line(check: Check, tr: Translator) -> dict[str, str]:
    """"✔ Imprimante — en ligne, papier OK, page de test imprimée": the device by its
    name and the outcome in the screen's language; an exception's words apart."""
    mark = "–" if check.skipped else "✔" if check.ok else "✖"
    device = tr(f"device.{check.name}")
    text = check.outcome.text(tr)
    return report_line(f"{mark} {device} — {text}" if text else f"{mark} {device}",
                       detail=check.outcome.detail)


def _reprint(services: CoreServices, receipt_id: str, language: str) -> list[dict[str, str]]:
    outcome = services.spool.print(receipt_id)
    tr, code = Translator(language), receipt_id[:8]
    if outcome.printed:
        return [report_line(f"✔ {tr('tech.reprinted').format(code=code)}")]
    return [report_line(f"✖ {tr('tech.not_reprinted').format(code=code)}",
                        detail=str(outcome.error or ""))]


def _end_of_day_lines(services: CoreServices, language: str) -> list[dict[str, str]]:
    """The day's totals in the screen's language; each difference the payments module
    found is shown in its own (English, journal) words as the detail of a translated line."""
    report = services.payments.end_of_day(actor=TECHNICIAN_ACTOR)
    tr = Translator(language)
    money = lambda cents: format_money(cents, language)  # noqa: E731
    count = lambda n: format_number(n, language)  # noqa: E731
    texts = [
        tr("eod.card").format(n=count(report.card_count), amount=money(report.card_cents)),
        tr("eod.cash").format(n=count(report.cash_count), amount=money(report.cash_cents)),
        tr("eod.cash_flow").format(inserted=money(report.cash_in_cents),
                                   change=money(report.cash_out_cents)),
    ]
    if report.levels_cents is not None:
        texts.append(tr("eod.levels").format(amount=money(report.levels_cents)))
    lines = [report_line(text) for text in texts]
    differences = [report_line(f"✖ {tr('eod.difference')}", detail=d)
                   for d in report.differences]
    return lines + (differences or [report_line(f"✔ {tr('tech.ok')}")])
