"""Library mode's view-model: one patron session at the self-checkout terminal.

Screens (``state``): attract → overview → borrow / return / renew / pay → slip → attract.
Every library call runs on the library's owner thread (BackgroundRunner.run_on); codes
come from the camera's owner thread (ui/library/scanner.py) or from a keyboard-wedge
scanner's key events (drivers/camera/wedge.py). The patron's data lives here only for the
session: ``_wipe`` forgets it at the end, on inactivity and when the eID comes out.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QJSEngine

from drivers.camera.wedge import WedgeAccumulator
from kiosk.devices import DeviceOwner
from kiosk.domain.journey import Timeouts
from kiosk.i18n import Translator, format_money
from kiosk.library.journey import LibraryJourney, LibraryState
from kiosk.library.model import (
    Account,
    CircResult,
    FinePayment,
    LibraryRefusedError,
    RenewAllResult,
)
from kiosk.library.reasons import refusal_key, refusal_text
from ui.bridge import ThreadBridge
from ui.library import rows
from ui.library.rows import ATTRACT, BORROW, OVERVIEW, PAY, RENEW, RETURN, SLIP
from ui.library.scanner import CARD_FORMATS, ITEM_FORMATS, ScanLoop
from ui.library.session_calls import SessionCalls
from ui.operations import BackgroundRunner
from ui.texts import ScriptTexts
from ui.viewmodels.journey import LANGUAGE_NAMES

log = logging.getLogger(__name__)


class LibraryViewModel(QObject):
    stateChanged = Signal()
    changed = Signal()

    def __init__(
        self,
        runner: BackgroundRunner,
        languages: tuple[str, ...],
        default_language: str,
        timeouts: Timeouts,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``runner``: library and camera calls go to their owner threads through it;
        :meth:`close` closes it (late results of a closed screen are dropped)."""
        super().__init__()
        self._languages = languages
        self._default_language = default_language
        self._language = default_language
        self._texts = ScriptTexts()  # per language: built once, converted once
        self._clock = clock
        # The session's states and clocks (Qt-free, kiosk/library/journey.py).
        self._journey = LibraryJourney(clock, timeouts)
        self._journey.subscribe(self._state_moved)
        self._calls = runner
        self._scanner = ScanLoop(runner, self.code_scanned, self._camera_problem)
        self._wedge = WedgeAccumulator()
        self._prompts = ThreadBridge(self._on_prompt)
        self._library: DeviceOwner[Any] | None = None
        self._max_offline_items = 0
        self._card_payments = False
        self._online = True
        self._camera_broken = False
        self._bound = SessionCalls(runner, self.changed.emit)
        self._warning = -1
        self._wipe()

    # --- wiring (the app, once the services are up) ----------------------------------

    def set_library(self, owner: DeviceOwner[Any], max_offline_items: int) -> None:
        self._library = owner
        self._max_offline_items = max_offline_items
        self.changed.emit()

    def set_card_payments(self, available: bool) -> None:
        """The card terminal is there and no earlier payment is left unsettled."""
        self._card_payments = available
        self.changed.emit()

    def set_camera(self, owner: DeviceOwner[Any] | None) -> None:
        self._scanner.set_camera(owner)
        self._scan_for_state()

    def close(self) -> None:
        self._scanner.scan(frozenset())
        self._calls.close()

    # --- properties for QML ----------------------------------------------------------

    @property
    def _state(self) -> str:
        return str(self._journey.state)

    @property
    def _paying(self) -> bool:
        return self._journey.paying

    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._state

    @Property(str, notify=changed)
    def language(self) -> str:
        return self._language

    @Property("QVariantList", constant=True)
    def languages(self) -> list[dict[str, str]]:
        return [{"code": code, "name": LANGUAGE_NAMES[code]} for code in self._languages]

    @Property("QVariant", notify=changed)
    def texts(self) -> Any:
        return self._texts.for_qml(self._language)

    def use_script_engine(self, engine: QJSEngine) -> None:
        """Give QML its texts as one JS object per language (ui/texts.py)."""
        self._texts.use_engine(engine)

    @Property("QVariantList", constant=True)
    def attractLines(self) -> list[dict[str, str]]:
        return rows.attract_rows(self._languages)

    @Property(bool, notify=changed)
    def ready(self) -> bool:
        return self._library is not None

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._bound.under_way > 0

    @Property(bool, notify=changed)
    def online(self) -> bool:
        return self._online

    @Property(str, notify=changed)
    def offlineText(self) -> str:
        return self._tr("library.ui.offline").replace("{n}", str(self._max_offline_items))

    @Property(bool, notify=changed)
    def canPay(self) -> bool:
        """Fines can be paid now: online, a card terminal, something to pay."""
        return self._card_payments and self._online and self.finesCents > 0

    @Property(bool, notify=changed)
    def cameraBroken(self) -> bool:
        return self._camera_broken

    @Property(str, notify=changed)
    def message(self) -> str:
        # Our own key (translated in the session language) or the library system's words.
        if self._message_key:
            return self._tr(self._message_key)
        # The library system's own words: shown in the screen's language (raw → log only).
        return refusal_text(self._message_raw, self._tr) if self._message_raw else ""

    @Property(str, notify=changed)
    def patronName(self) -> str:
        return self._patron_name

    @Property(str, notify=changed)
    def cardLabel(self) -> str:
        return self._card_label

    @Property(str, notify=changed)
    def blockedReason(self) -> str:
        return self._tr(refusal_key(self._blocked)) if self._blocked else ""

    @Property("QVariantList", notify=changed)
    def loans(self) -> list[dict[str, Any]]:
        return rows.loan_rows(self._account, self._renewed_items, self._tr)

    @Property("QVariantList", notify=changed)
    def holds(self) -> list[dict[str, str]]:
        return rows.hold_rows(self._account, self._tr)

    @Property("QVariantList", notify=changed)
    def fines(self) -> list[dict[str, str]]:
        return rows.fine_rows(self._account, self._language)

    @Property(int, notify=changed)
    def finesCents(self) -> int:
        return self._account.fines_total_cents if self._account else 0

    @Property(str, notify=changed)
    def finesTotal(self) -> str:
        return format_money(self.finesCents, self._language)

    @Property(bool, notify=changed)
    def accountKnown(self) -> bool:
        return self._account is not None and not self._account.offline

    @Property("QVariantList", notify=changed)
    def results(self) -> list[dict[str, Any]]:
        """What was scanned or renewed on this screen, newest first."""
        return [
            rows.result_row(kind, result, self._tr)
            for kind, result in reversed(self._results)
            if kind == self._state or (self._state == RENEW and kind == "renew_all")
        ]

    @Property("QVariantList", notify=changed)
    def sessionLines(self) -> list[dict[str, Any]]:
        """The whole session's confirmed lines, for the slip screen."""
        return [rows.result_row(k, result, self._tr) for k, result in self._results if result.ok]

    @Property(str, notify=changed)
    def paidText(self) -> str:
        if not self._fines_paid:
            return ""
        tr = Translator(self._language)
        return tr.labelled(tr("library.fines_paid"), format_money(self._fines_paid, self._language))

    @Property(str, notify=changed)
    def prompt(self) -> str:
        return self._tr(f"prompt.{self._prompt_key}") if self._prompt_key else ""

    @Property(bool, notify=changed)
    def paying(self) -> bool:
        return self._paying

    @Property(str, notify=changed)
    def slipText(self) -> str:
        return self._tr(self._slip_key) if self._slip_key else ""

    @Property(int, notify=changed)
    def warningSeconds(self) -> int:
        return self._warning

    # --- taps ------------------------------------------------------------------------

    @Slot(str)
    def switchLanguage(self, code: str) -> None:
        if code in self._languages and code != self._language:
            self._language = code
            if self._session is not None:
                self._session.language = code  # the slip follows the screen's language
            self.changed.emit()

    @Slot(str)
    def go(self, screen: str) -> None:
        """Open a screen of the session (overview, borrow, return, renew, pay)."""
        if (
            self._session is None
            or self._paying
            or screen not in (OVERVIEW, BORROW, RETURN, RENEW, PAY)
        ):
            return
        self._message_key, self._message_raw = "", ""
        if screen == OVERVIEW:
            self._load_account()
        if screen != self._state:
            self._journey.open(screen)
        self.changed.emit()

    @Slot()
    def back(self) -> None:
        if self._session is not None and not self._paying:
            self.go(OVERVIEW)

    @Slot()
    def cancel(self) -> None:
        """The patron leaves: a slip when something happened, then the session ends."""
        if self._paying:
            return
        self.finish()

    @Slot()
    def finish(self) -> None:
        """Print the slip (when there is something on it) and show the goodbye screen."""
        session = self._session
        if session is None or self._paying or self._state == SLIP:
            return
        self._journey.finish()
        self._slip_key = "library.ui.slip_printing"
        self.changed.emit()
        self._run(lambda _lib: session.print_slip(), self._slip_done)

    @Slot()
    def done(self) -> None:
        """The patron is done on the slip screen: the session ends and is wiped."""
        self.end_session()

    @Slot(str)
    def renew(self, item_id: str) -> None:
        session = self._session
        if session is None or self._state != RENEW:
            return
        self._run(lambda _lib: session.renew(item_id), lambda r: self._circulated("renew", r))

    @Slot()
    def renewAll(self) -> None:
        session = self._session
        if session is None or self._state != RENEW:
            return
        self._run(lambda _lib: session.renew_all(), self._renewed_all)

    @Slot()
    def payFines(self) -> None:
        """The patron confirmed the amount shown: pay it by card."""
        session, amount = self._session, self.finesCents
        if session is None or self._state != PAY or self._paying or amount <= 0:
            return
        self._journey.payment_started()
        self._prompt_key = ""
        self._message_key, self._message_raw = "", ""
        self._run(
            lambda _lib: session.pay_fines(amount, on_progress=self._prompts.post), self._paid
        )

    @Slot(str, bool)
    def wedgeKey(self, text: str, enter: bool) -> None:
        """A key event on a scan screen (keyboard-wedge barcode scanner)."""
        # Real time, not the session clock: the burst test is about key gaps.
        now = time.monotonic()
        code = None
        for key in "\r" if enter else text:
            code = self._wedge.feed(key, now) or code
        if code is not None:
            self.code_scanned(code.text)

    @Slot()
    def touched(self) -> None:
        self._journey.touch()
        if self._warning >= 0:
            self._warning = -1
            self.changed.emit()

    @Slot()
    def tick(self) -> None:
        """Once a second: the inactivity wipe, the slip screen's timeout."""
        now = self._clock()
        if self._journey.tick(now):
            if self._state == SLIP:
                if not self._bound.under_way:  # the slip still printing holds the goodbye screen
                    self.end_session()
                return
            log.info("library session wiped after inactivity")
            self.end_session()
            return
        warning = self._journey.warning_seconds(now)
        if warning != self._warning:
            self._warning = warning
            self.changed.emit()

    # --- news from the devices ---------------------------------------------------------

    def code_scanned(self, text: str) -> None:
        """A code from the camera or the wedge scanner, on the GUI thread."""
        self.touched()
        if self._library is None or (self._bound.under_way and self._state == ATTRACT):
            return
        if self._state == ATTRACT:
            language = self._language
            self._message_key, self._message_raw = "", ""
            self._run(
                lambda lib: lib.identify_card(text, language), self._identified, session_bound=False
            )
        elif self._state in (BORROW, RETURN) and self._session is not None:
            session, kind = self._session, self._state
            if text in self._in_flight:
                return  # the same label read twice while its answer is on the way
            self._in_flight.add(text)
            call = session.checkout if kind == BORROW else session.checkin

            def answered(result: CircResult) -> None:
                self._in_flight.discard(text)
                self._circulated(kind, result)

            self._run(lambda _lib: call(text), answered, busy=False)

    def eid_news(self, kind: str, national_number: str | None = None) -> None:
        """The eID reader: "identified" (with the number) or "removed"."""
        if kind == "removed":
            if self._session is not None and self._by_eid:
                log.info("eID taken out: library session ends")
                # The patron leaves with the card: their slip, then nothing on screen.
                self.end_session(print_slip=self._state != SLIP)
            return
        if (
            kind == "identified"
            and national_number
            and self._state == ATTRACT
            and self._library is not None
            and not self._bound.under_way
        ):
            self.touched()
            language = self._language
            self._run(
                lambda lib: lib.identify_eid(national_number, language),
                lambda s: self._identified(s, by_eid=True),
                session_bound=False,
            )

    def set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            self.changed.emit()

    def check_library(self, on_done: Callable[[bool], None] | None = None) -> None:
        """Ask whether the library system answers (replaying what waits); attract only,
        so a patron's calls never queue behind a replay."""
        if self._library is None or self._state != ATTRACT or self._bound.under_way:
            return
        from kiosk.services import probe_library  # SIP2 errors: imported on first use

        def answered(online: bool) -> None:
            self.set_online(online)
            if on_done is not None:
                on_done(online)

        self._run(probe_library, answered, session_bound=False, busy=False)

    # --- the session -------------------------------------------------------------------

    def end_session(self, print_slip: bool = False) -> None:
        """End the patron's session (telling the library system) and wipe the screen.

        ``print_slip``: the slip is printed first (the session object keeps its lines
        until then, on the library's thread); the screen forgets the patron now."""
        session = self._session
        if session is not None and self._library is not None:

            def end(_lib: Any) -> None:
                try:
                    if print_slip:
                        session.print_slip()
                finally:
                    session.end()

            self._calls.run_on(
                self._library,
                end,
                lambda _r: None,
                lambda e: log.warning("end of session: %s", type(e).__name__),
            )
        self._bound.next_session()
        self._wipe()
        self._journey.end()
        self.changed.emit()

    def _wipe(self) -> None:
        self._session: Any = None
        self._by_eid = False
        self._patron_name = ""
        self._card_label = ""
        self._blocked = ""
        self._account: Account | None = None
        self._results: list[tuple[str, CircResult]] = []
        self._renewed_items: set[str] = set()
        self._in_flight: set[str] = set()
        self._fines_paid = 0
        if self._journey.paying:
            self._journey.payment_ended()
        self._prompt_key = ""
        self._slip_key = ""
        self._message_key = ""
        self._message_raw = ""
        self._bound.under_way = 0
        self._warning = -1
        self._language = self._default_language
        self._wedge.reset()

    def _identified(self, session: Any, by_eid: bool = False) -> None:
        if self._state != ATTRACT or self._session is not None:
            self._calls.run_on(
                self._library, lambda _lib: session.end(), lambda _r: None, lambda _e: None
            )  # two cards at once: keep the first
            return
        self._bound.next_session()
        self._session = session
        self._by_eid = by_eid
        # A public screen greets by the first given name only (issue 24, defect 11).
        self._patron_name = rows.greeting_name(session.patron.name)
        self._card_label = session.patron.card_label
        self._blocked = session.patron.blocked_reason
        self.set_online(session.online)
        self._message_key, self._message_raw = "", ""
        self._load_account()
        self._journey.identified()
        self.touched()
        self.changed.emit()

    def _load_account(self) -> None:
        session = self._session
        self._run(lambda _lib: session.account(), self._account_loaded)

    def _account_loaded(self, account: Account) -> None:
        self._account = account
        if account.offline:
            self.set_online(False)
        self.changed.emit()

    def _circulated(self, kind: str, result: CircResult) -> None:
        self._results.append((kind, result))
        if kind == "renew" and result.ok:
            self._renewed_items.add(result.item_id)
        if result.offline:
            self.set_online(False)
        self.changed.emit()

    def _renewed_all(self, outcome: RenewAllResult) -> None:
        if outcome.reason_key:
            self._results.append(
                ("renew_all", CircResult(False, "", reason_key=outcome.reason_key, offline=True))
            )
            self.set_online(False)
        for result in (*outcome.renewed, *outcome.refused):
            self._results.append(("renew_all", result))
            if result.ok:
                self._renewed_items.add(result.item_id)
        self.changed.emit()

    def _paid(self, payment: FinePayment) -> None:
        self._journey.payment_ended()
        self._prompt_key = ""
        if payment.ok:
            self._fines_paid += payment.amount_cents
            self._message_key = "library.ui.paid"
            self._load_account()
        elif payment.reversed:
            self._message_key = "library.ui.pay_reversed"
        elif payment.reason_key:
            self._message_key = payment.reason_key
        else:
            self._message_key = f"pay.{payment.status}"
        if payment.reason_key == "library.offline.no_payment":
            self.set_online(False)
        self.changed.emit()

    def _slip_done(self, outcome: Any) -> None:
        if outcome is None:
            self._slip_key = "library.ui.slip_nothing"
        elif outcome.printed:
            self._slip_key = "library.ui.slip_printed"
        else:
            self._slip_key = "library.ui.slip_not_printed"
        self._journey.slip_ready()
        self.changed.emit()

    def _on_prompt(self, prompt: Any) -> None:
        if self._paying:
            self._prompt_key = str(prompt)
            self.changed.emit()

    def _camera_problem(self, broken: bool) -> None:
        if broken != self._camera_broken:
            self._camera_broken = broken
            self.changed.emit()

    # --- machinery ---------------------------------------------------------------------

    def _run(self, call: Callable[[Any], Any], on_ok: Callable[[Any], None], *,
             session_bound: bool = True, busy: bool = True) -> None:
        """``call(library_service)`` on the library's owner thread (SessionCalls)."""
        if self._library is not None:
            self._bound.run(self._library, call, on_ok, self._failed,
                            session_bound=session_bound, busy=busy)

    def _failed(self, error: BaseException) -> None:
        if self._journey.paying:
            self._journey.payment_ended()
        self._in_flight.clear()
        if isinstance(error, LibraryRefusedError):
            reason_key = error.reason_key
            self._message_key, self._message_raw = reason_key or "", error.reason or ""
            if reason_key and reason_key.startswith("library.offline."):
                self.set_online(False)
        else:
            log.error("library call failed: %s", type(error).__name__, exc_info=error)
            self._message_key, self._message_raw = "library.ui.error", ""
        self.changed.emit()

    def _tr(self, key: str) -> str:
        return Translator(self._language)(key)

    def _state_moved(self, _before: LibraryState, _after: LibraryState) -> None:
        self._warning = -1
        self._scan_for_state()
        self.stateChanged.emit()

    def _scan_for_state(self) -> None:
        formats = {ATTRACT: CARD_FORMATS, BORROW: ITEM_FORMATS, RETURN: ITEM_FORMATS}
        self._scanner.scan(formats.get(self._state, frozenset()))
