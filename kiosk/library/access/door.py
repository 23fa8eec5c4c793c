"""One entry attempt at the door: ask the library system, decide, pulse the door, log.

"Online, else the allow-list": the library system's answer decides and refreshes the
allow-list (a keyed hash of the card, never the card); when it does not answer, a patron
it confirmed within ``allow_list_max_age`` is let in. The controller and the SIP2 client
are passed in (their owner thread calls :meth:`DoorService.attempt`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal, Protocol

from drivers.errors import DeviceError
from drivers.relay.interface import RelayController
from drivers.sip2.errors import Sip2Error
from kiosk.config.opening_hours import Mode
from kiosk.config.schema import LibraryAccessSection
from kiosk.library.access.decision import EntryDecision, PatronFacts, decide
from kiosk.library.access.journal import AccessJournal
from kiosk.library.eid import card_key

if TYPE_CHECKING:
    from pysip2 import PatronInformationResponse, PatronStatusResponse

log = logging.getLogger(__name__)

Via = Literal["card", "eid"]


class PatronStatusSource(Protocol):
    """The SIP2 client's patron status (23 → 24), and patron information (63 → 64) with
    the birth date (the ``PB`` extension) when the age rule needs it."""

    def patron_status(
        self, patron: str, patron_password: str = ""
    ) -> PatronStatusResponse: ...

    def patron_birth_date(
        self, patron: str, patron_password: str | None = None
    ) -> tuple[PatronInformationResponse, date | None]: ...


@dataclass(frozen=True)
class EntryResult:
    decision: EntryDecision
    door_pulsed: bool
    online: bool
    door_error: str = ""

    def as_json(self) -> dict[str, object]:
        return {"result": self.decision.result, "reason": self.decision.reason,
                "online": self.online, "door_pulsed": self.door_pulsed,
                **({"door_error": self.door_error} if self.door_error else {})}


OFF_TRIES = 3


def pulse(controller: RelayController, coil: int, seconds: float,
          wait: Callable[[float], object]) -> None:
    """Coil on, ``wait(seconds)``, coil off — the off sent whatever happened before it: an
    "on" whose answer was lost may well have reached the controller (the door is then
    unlocked), and an "off" that fails is tried again. Raises the last DeviceError when
    the door could not be confirmed locked (the building's schedule loop corrects it)."""
    try:
        controller.set_coil(coil, True)
        wait(seconds)
    finally:
        for attempt in range(OFF_TRIES):
            try:
                controller.set_coil(coil, False)
                break
            except DeviceError:
                if attempt == OFF_TRIES - 1:
                    raise


class DoorService:
    def __init__(
        self,
        settings: LibraryAccessSection,
        controller: RelayController,
        library: PatronStatusSource,
        journal: AccessJournal,
        link_key: str,
        *,
        today: Callable[[], date] = date.today,
        wait: Callable[[float], object] | None = None,
        on_unlock: Callable[[float], None] | None = None,
    ) -> None:
        self._settings = settings
        self._controller = controller
        self._library = library
        self._journal = journal
        self._link_key = link_key
        self._today = today
        self._wait = wait or threading.Event().wait
        self._on_unlock = on_unlock

    def attempt(
        self, identifier: str, mode: Mode, *, via: Via = "card", birth_date: date | None = None
    ) -> EntryResult:
        """One patron at the door: ``identifier`` is a card barcode or an eID patron token;
        ``birth_date`` the eID's. A card gives no age: with an age rule configured the
        library system is asked for patron information instead of the patron status,
        for the birth date it may send (no birth date there: the rule cannot apply)."""
        key = card_key(identifier, self._link_key)
        online = True
        if mode == "self-service":
            try:
                status: PatronStatusResponse | PatronInformationResponse
                if self._settings.min_age_self_service and birth_date is None:
                    status, birth_date = self._library.patron_birth_date(identifier)
                else:
                    status = self._library.patron_status(identifier)
            except Sip2Error as exc:
                online = False
                log.warning("library system unreachable at the door: %s", type(exc).__name__)
                decision = self._offline(key)
            else:
                decision = decide(
                    mode,
                    PatronFacts(valid=status.valid_patron == "Y",
                                status_flags=status.patron_status or ""),
                    min_age=self._settings.min_age_self_service,
                    birth_date=birth_date, today=self._today())
                if decision.granted:
                    self._journal.confirm(key)
                elif decision.reason != "too_young":
                    self._journal.withdraw(key)
        else:
            decision = decide(mode, PatronFacts(valid=False, status_flags=""))
        pulsed, door_error = False, ""
        # Staffed hours: the door already opens freely (the schedule holds it unlocked).
        if decision.granted and mode != "staffed":
            if self._on_unlock is not None:
                self._on_unlock(self._settings.door_open_s)
            try:
                pulse(self._controller, self._settings.door_coil, self._settings.door_open_s,
                      self._wait)
                pulsed = True
            except DeviceError as exc:
                door_error = str(exc)
                self._journal.raise_alert("controller_unreachable", door_error)
        self._journal.log_entry(decision.result, decision.reason, mode, via, key[:12])
        log.info("door: %s (%s, %s, %s)", decision.result, decision.reason, mode,
                 "online" if online else "offline")
        return EntryResult(decision, pulsed, online, door_error)

    def refuse_unread_eid(self, mode: Mode, why: str = "") -> EntryResult:
        """An eID at the door that could not be read, is not genuine or is not valid
        today (``why``: "expired", "not_yet_valid"): refused (in any mode but staffed
        hours, when the door is free anyway) and journaled, no key."""
        if mode == "staffed":
            decision = decide(mode, PatronFacts(valid=False, status_flags=""))
        else:
            decision = EntryDecision("refused", "eid_expired" if why in (
                "expired", "not_yet_valid") else "eid_not_accepted")
        self._journal.log_entry(decision.result, decision.reason, mode, "eid", "")
        log.info("door: %s (%s, %s)", decision.result, decision.reason, mode)
        return EntryResult(decision, False, True)

    def _offline(self, key: str) -> EntryDecision:
        max_age = timedelta(hours=self._settings.allow_list_max_age_h)
        if self._journal.allowed_offline(key, max_age):
            return EntryDecision("granted", "offline_allow_list")
        return EntryDecision("refused", "offline_unknown")
