"""The citizen journey as an explicit state machine.

attract → language → identify → choose service → details (one or more steps, per kind
of service) → review (what will be paid or booked) → pay → fulfil → done

Every state can be cancelled, and every state but ``attract`` times out after a
period without a touch; both wipe the session. The machine is Qt-free and
synchronous: the UI feeds it events and the current time, and listens for changes.
Everything personal lives in its :class:`CitizenSession`, wiped in one place
(``_end_session``); each move comes with the effects the screens must carry out
(kiosk/domain/journey_effects.py); an event raised while a move is being told is
queued behind it, never run inside another listener's call.
"""

from __future__ import annotations

import functools
import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from common.eid.model import EidCardData
from kiosk.domain import journey_effects
from kiosk.domain.catalog import LANGUAGES, Catalog, Service, ServiceKind
from kiosk.domain.journey_effects import Effect
from kiosk.domain.journey_states import (
    BRANCHES,
    DELIVERY_CHOICES,
    PAID_ON_PAY_SCREEN,
    SESSION_ENDING,
    STEPS,
    TRANSITIONS,
    Event,
    State,
)
from kiosk.domain.session import CitizenSession

__all__ = ["BRANCHES", "DELIVERY_CHOICES", "PAID_ON_PAY_SCREEN", "SESSION_ENDING", "STEPS",
           "TRANSITIONS", "EffectListener", "Event", "Journey", "JourneyError", "Listener",
           "State", "Timeouts", "delivery_details"]

log = logging.getLogger(__name__)


def delivery_details(delivery: str) -> dict[str, Any]:
    """The session details of a delivery choice: the request names portal or post (a
    document printed here is also on the portal, where an unprinted one is owed)."""
    return {"delivery": "portal" if delivery == "kiosk" else delivery,
            "print_here": delivery == "kiosk"}


class JourneyError(Exception):
    """An event that is not allowed now; the journey stays where it was."""


@dataclass(frozen=True)
class Timeouts:
    inactivity_s: float = 60.0
    done_s: float = 15.0
    # The "are you still there?" warning shows this long before the inactivity reset.
    warning_s: float = 15.0

    def __post_init__(self) -> None:
        for name in ("inactivity_s", "done_s", "warning_s"):
            if not getattr(self, name) > 0:
                raise ValueError(f"Timeouts.{name} must be > 0, not {getattr(self, name)!r}")


Listener = Callable[[State, State, Event], None]
# The view-model's listener: also told what the screens must do for the move.
EffectListener = Callable[[State, State, Event, Sequence[Effect]], None]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _event(method: Callable[_P, _R]) -> Callable[_P, _R | None]:
    """An event method of :class:`Journey`. Called by a listener while the journey tells
    its listeners of a move, it is queued instead of re-entering: processed after the
    move it was raised in, once every listener has heard of that one, in the order raised.
    A queued event the journey no longer allows is dropped (logged), like a stale tap."""

    @functools.wraps(method)
    def handle(*args: _P.args, **kwargs: _P.kwargs) -> _R | None:
        journey = args[0]
        assert isinstance(journey, Journey)
        if journey._notifying:
            journey._queue.append(functools.partial(method, *args, **kwargs))
            return None
        if journey._handling:  # one event's own steps (step_done → confirm_details)
            return method(*args, **kwargs)
        journey._handling = True
        try:
            return method(*args, **kwargs)
        finally:
            try:
                journey._drain()
            finally:
                journey._handling = False
                journey._queue.clear()

    return handle


class Journey:
    """Drives one kiosk's citizen journeys, one session at a time."""

    def __init__(
        self,
        catalog: Catalog,
        clock: Callable[[], float],
        timeouts: Timeouts = Timeouts(),
        default_language: str = "fr",
        is_available: Callable[[Service], str] = lambda service: "",
    ) -> None:
        """``is_available`` returns why a service cannot be used now ("" when it can)."""
        if default_language not in LANGUAGES:
            raise ValueError(f"unknown language {default_language!r}")
        self._catalog = catalog
        self._clock = clock
        self._timeouts = timeouts
        # New timeouts wait here for the next state change (see set_timeouts).
        self._next_timeouts: Timeouts | None = None
        # The non-visual mode gives its citizen more time (set_timeout_scale); one session.
        self._timeout_scale = 1.0
        self._default_language = default_language
        self._is_available = is_available
        self._listeners: list[EffectListener] = []
        self._state = State.ATTRACT
        self._session = CitizenSession(language=default_language)
        self._last_activity = clock()
        # Events raised by listeners wait here for the move being told to finish.
        self._queue: deque[Callable[[], object]] = deque()
        self._notifying = False  # listeners are being told of a move
        self._handling = False  # an event is being processed

    # --- reading --------------------------------------------------------------

    @property
    def state(self) -> State:
        return self._state

    @property
    def session(self) -> CitizenSession:
        return self._session

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def service(self) -> Service | None:
        sid = self._session.service_id
        return self._catalog.service(sid) if sid else None

    def unavailable_reason(self, service: Service) -> str:
        """Why ``service`` cannot be chosen in this session ("" when it can).

        What the kiosk lacks (a device, a service not built yet) comes before what
        the citizen can fix (inserting a card)."""
        why = self._is_available(service)
        if why:
            return why
        by_code = self._session.by_case_code and service.kind == ServiceKind.CASE_FOLLOWUP
        if service.needs_eid and not self._session.identified and not by_code:
            return "needs_eid"
        return ""

    def seconds_left(self, now: float | None = None) -> float | None:
        """Seconds until the inactivity timeout, or None where there is none."""
        limit = self._timeout_for(self._state)
        if limit is None:
            return None
        now = self._clock() if now is None else now
        return max(0.0, limit - (now - self._last_activity))

    @property
    def timeouts(self) -> Timeouts:
        """The timeouts the running countdown uses (this session's scale applied)."""
        if self._timeout_scale == 1.0:
            return self._timeouts
        t, k = self._timeouts, self._timeout_scale
        return Timeouts(t.inactivity_s * k, t.done_s * k, t.warning_s * k)

    def set_timeout_scale(self, scale: float) -> None:
        """Every timeout × ``scale`` until the session ends (the non-visual mode: a
        citizen listening to the screen needs longer). Takes effect at once."""
        if not scale >= 1.0:
            raise ValueError(f"set_timeout_scale: scale must be >= 1, not {scale!r}")
        self._timeout_scale = float(scale)

    def set_timeouts(self, timeouts: Timeouts) -> None:
        """New timeouts (central IT's remote config), taken at the next state change:
        a countdown already running keeps the limit it started with."""
        self._next_timeouts = timeouts

    def subscribe(self, listener: Listener) -> None:
        """``listener(old, new, event)`` after every move, in the order subscribed."""
        self._listeners.append(lambda old, new, event, effects: listener(old, new, event))

    def subscribe_effects(self, listener: EffectListener) -> None:
        """``listener(old, new, event, effects)`` after every move: the view-model, which
        runs the effects (kiosk/domain/journey_effects.py) the move calls for."""
        self._listeners.append(listener)

    def requester_details(self) -> dict[str, Any]:
        """Who is asking, sent with every detail step and request: the service, the
        national number and the verified card session (when the card was read online)."""
        card = self._session.card
        service = self.service()
        details: dict[str, Any] = {"service_id": service.id if service else ""}
        if card is not None:
            details["national_number"] = card.identity.national_number
            if self._session.card_session:
                details["card_session"] = self._session.card_session
        return details

    def photo(self, session_id: str) -> bytes:
        """The card photo of the session named ``session_id``, while it lasts (b"" once
        it ended or without one): the screen's image provider asks, it keeps no copy."""
        session = self._session  # one read: the provider may ask from QML's image thread
        if session.id != session_id or session.card is None:
            return b""
        return session.card.photo or b""

    # --- events ---------------------------------------------------------------

    @_event
    def start(self) -> None:
        self._fire(Event.START)

    @_event
    def choose_language(self, language: str) -> None:
        self._check_language(language)
        self._require(Event.CHOOSE_LANGUAGE)
        self._session.language = language
        self._fire(Event.CHOOSE_LANGUAGE)

    @_event
    def switch_language(self, language: str) -> None:
        """Change language without moving (the language button on every screen)."""
        self._check_language(language)
        self._session.language = language
        self.touch()

    @_event
    def identified(self, card: EidCardData, card_session: str | None = None) -> None:
        self._require(Event.IDENTIFIED)
        self._session.card = card
        self._session.card_session = card_session
        self._fire(Event.IDENTIFIED)

    @_event
    def card_read(self, card: EidCardData, card_session: str | None = None) -> None:
        """A card was read: the citizen is identified now (identify and service screens)
        or once the identify step comes (read on the language screen); later it is
        ignored, the journey being past identification."""
        if self._state in (State.IDENTIFY, State.CHOOSE_SERVICE):
            self.identified(card, card_session)
        elif self._state is State.LANGUAGE:
            self._session.pending_card = card
            self._session.pending_card_session = card_session

    @_event
    def skip_identification(self) -> None:
        self._fire(Event.SKIP_IDENTIFICATION)

    @_event
    def follow_case_by_code(self, service_id: str,
                            found: dict[str, Any] | None = None) -> None:
        """From the identify step: the citizen scanned the case QR of a letter or
        receipt instead of inserting the eID; straight on to that case follow-up.
        ``found``: the case, looked up already (shown as is, not fetched again)."""
        self._require(Event.SKIP_IDENTIFICATION)
        try:
            service = self._catalog.service(service_id)
        except KeyError as exc:
            raise JourneyError(str(exc)) from None
        if service.kind != ServiceKind.CASE_FOLLOWUP:
            raise JourneyError(f"{service_id!r} is not a case follow-up")
        why = self._is_available(service)
        if why:  # checked before moving: no half-open session is left behind
            raise JourneyError(f"service {service_id!r} cannot be chosen now: {why}")
        self._fire(Event.SKIP_IDENTIFICATION)
        self._session.by_case_code = True
        self._session.scanned_case = None if found is None else dict(found)
        self.choose_service(service_id)

    @_event
    def choose_service(self, service_id: str) -> None:
        self._require(Event.CHOOSE_SERVICE)
        try:
            service = self._catalog.service(service_id)
        except KeyError as exc:
            raise JourneyError(str(exc)) from None
        reason = self.unavailable_reason(service)
        if reason:
            raise JourneyError(f"service {service_id!r} cannot be chosen now: {reason}")
        self._session.service_id = service_id
        self._session.details.clear()
        self._session.step = 0
        if service.kind == ServiceKind.QUEUE_TICKET and len(self._catalog.desks) == 1:
            self._session.details["desk"] = self._catalog.desks[0].id  # nothing to choose
        target = State.DETAILS if self.steps() else State.FULFIL
        self._fire(Event.CHOOSE_SERVICE, target)

    def steps(self) -> tuple[str, ...]:
        """The detail steps of the chosen service ("" before one is chosen); a choice
        the pay screen makes (a paid certificate's delivery) is not one of them."""
        service = self.service()
        if service is None:
            return ()
        on_pay_screen = PAID_ON_PAY_SCREEN.get(service.kind) if self.is_paid() else None
        # A choice with one option is no choice: a site with one desk skips the step.
        one_desk = "desk" if len(self._catalog.desks) == 1 else None
        return tuple(step for step in STEPS[service.kind] if step not in (on_pay_screen, one_desk))

    def step(self) -> str:
        """The detail step on screen ("" outside the details screen)."""
        steps = self.steps()
        if self._state is not State.DETAILS or not steps:
            return ""
        return steps[self._session.step]

    @_event
    def step_done(self, details: dict[str, Any]) -> None:
        """The citizen completed the current detail step: on to the next, or past the
        details when it was the last."""
        self._require(Event.STEP_DONE)
        if self._session.step + 1 >= len(self.steps()):
            self.confirm_details(details)
            return
        self._session.details.update(details)
        self._session.step += 1
        self._fire(Event.STEP_DONE)

    @_event
    def confirm_details(self, details: dict[str, Any]) -> None:
        """The details are complete: review them (paid services, bookings) or fulfil."""
        self._require(Event.CONFIRM_DETAILS)
        service = self.service()
        assert service is not None  # CHOOSE_SERVICE always set it
        self._session.details.update(details)
        self._session.step = max(0, len(self.steps()) - 1)
        if self.needs_review():
            target = State.REVIEW
        else:
            target = State.PAY if self.amount_due() > 0 else State.FULFIL
        self._fire(Event.CONFIRM_DETAILS, target)

    def needs_review(self) -> bool:
        """Whether the citizen confirms before paying or booking (a paid certificate's
        pay screen is its review: what, how it is delivered, how much)."""
        service = self.service()
        if service is None or service.kind in PAID_ON_PAY_SCREEN:
            return False
        return self.is_paid() or service.kind == ServiceKind.APPOINTMENT

    def pay_screen_choice(self) -> str:
        """The choice the pay screen asks for before paying ("" when none)."""
        service = self.service()
        if service is None or not self.is_paid():
            return ""
        return PAID_ON_PAY_SCREEN.get(service.kind, "")

    @_event
    def choose_delivery(self, delivery: str) -> None:
        """On the pay screen of a paid certificate, before paying: how it is delivered.
        "kiosk" is printed here; should the print fail, it goes to the portal."""
        if self._state is not State.PAY or self.pay_screen_choice() != "delivery":
            raise JourneyError(f"no delivery to choose in state {self._state}")
        if delivery not in DELIVERY_CHOICES:
            raise JourneyError(f"unknown delivery {delivery!r}; use one of {DELIVERY_CHOICES}")
        self._session.details.update(delivery_details(delivery))
        self.touch()

    def is_paid(self) -> bool:
        """Whether the chosen service costs money (a letter's amount comes from the
        letter, so a letter payment is always paid)."""
        service = self.service()
        return service is not None and (
            service.fee_cents > 0 or service.kind == ServiceKind.LETTER_PAYMENT
        )

    def amount_due(self) -> int:
        """What the citizen pays for the chosen service, in cents."""
        service = self.service()
        if service is None:
            return 0
        if service.kind == ServiceKind.LETTER_PAYMENT:
            return int(self._session.details.get("amount_cents", 0))
        return service.fee_cents

    @_event
    def accept(self) -> None:
        """The citizen confirmed the review screen: pay, or fulfil a free booking."""
        self._require(Event.ACCEPT)
        target = State.PAY if self.amount_due() > 0 else State.FULFIL
        self._fire(Event.ACCEPT, target)

    @_event
    def slot_taken(self) -> None:
        """The appointment slot went to someone else meanwhile: choose another."""
        self._require(Event.SLOT_TAKEN)
        steps = self.steps()
        if "slot" not in steps:
            raise JourneyError("only an appointment has a slot to lose")
        self._session.details.pop("slot_id", None)
        self._session.step = steps.index("slot")
        self._fire(Event.SLOT_TAKEN)

    @_event
    def payment_completed(self, payment: dict[str, Any]) -> None:
        self._require(Event.PAYMENT_COMPLETED)
        self._session.result["payment"] = dict(payment)
        self._fire(Event.PAYMENT_COMPLETED)

    @_event
    def fulfilled(self, result: dict[str, Any]) -> None:
        self._require(Event.FULFILLED)
        self._session.result.update(result)
        self._fire(Event.FULFILLED)

    def progress(self) -> tuple[tuple[str, ...], int]:
        """The steps of this journey as the step indicator names them, and where the
        citizen is (-1 where no indicator is shown)."""
        service = self.service()
        state = self._state
        if state in (State.ATTRACT, State.LANGUAGE):
            return (), -1
        if service is None:
            return ("identify", "service", "details", "result"), (
                0 if state is State.IDENTIFY else 1
            )
        # "identify" always counts: the citizen passed that screen with or without a card,
        # and dropping it renumbered the steps mid-journey (issue 24, defect 8).
        names = ("identify", "service", *self.steps())
        if self.needs_review():
            names += ("review",)
        if self.is_paid():
            names += ("pay",)
        names += ("result",)
        where = {
            State.IDENTIFY: "identify",
            State.CHOOSE_SERVICE: "service",
            State.REVIEW: "review",
            State.PAY: "pay",
        }.get(state)
        if state is State.DETAILS:
            where = self.step()
        if where is None or where not in names:
            return names, len(names) - 1
        return names, names.index(where)

    @_event
    def finish(self) -> None:
        self._fire(Event.FINISH)

    @_event
    def back(self) -> None:
        """One step back: the previous detail step inside the details screen."""
        if self._state is State.DETAILS and self._session.step > 0:
            self._session.step -= 1
            self._fire(Event.STEP_BACK)
            return
        if not self.allowed(Event.BACK):
            raise JourneyError(f"no way back from {self._state}")
        if self._state is State.PAY and not self.needs_review():
            self._fire(Event.BACK, State.DETAILS)
            return
        self._fire(Event.BACK)

    @_event
    def cancel(self) -> None:
        self._end_session(Event.CANCEL)

    @_event
    def card_removed(self) -> None:
        """The eID left the reader: an identified session ends at once; a card read
        before the identify step is forgotten."""
        self._session.pending_card = self._session.pending_card_session = None
        if self._session.identified:
            self._end_session(Event.CARD_REMOVED)

    def touch(self) -> None:
        """Any citizen activity: restarts the inactivity countdown."""
        self._last_activity = self._clock()

    @_event
    def tick(self, now: float | None = None) -> bool:
        """Check the inactivity timeout; returns True when it fired."""
        left = self.seconds_left(now)
        if left is None or left > 0:
            return False
        if self._state is State.DONE:
            self._fire(Event.FINISH)
        else:
            self._end_session(Event.TIMEOUT)
        return True

    # --- machinery -------------------------------------------------------------

    def allowed(self, event: Event) -> bool:
        return event in SESSION_ENDING or event in TRANSITIONS[self._state]

    def _require(self, event: Event) -> None:
        if not self.allowed(event):
            raise JourneyError(f"{event} is not allowed in state {self._state}")

    def _fire(self, event: Event, target: State | None = None) -> None:
        self._require(event)
        default = TRANSITIONS[self._state][event] if event not in SESSION_ENDING else None
        if target is None:
            target = default
        elif target is not default and target not in BRANCHES.get((self._state, event), ()):
            raise JourneyError(f"{event} cannot lead from {self._state} to {target}")
        assert target is not None
        if target is State.ATTRACT:
            self._end_session(event)
            return
        self._move(target, event)

    def _end_session(self, event: Event) -> None:
        self._session.wipe()  # the one place a citizen's data is dropped
        self._timeout_scale = 1.0
        self._session = CitizenSession(language=self._default_language)
        self._move(State.ATTRACT, event)

    def _move(self, target: State, event: Event) -> None:
        old = self._state
        self._state = target
        if self._next_timeouts is not None:  # a fresh countdown starts here
            self._timeouts, self._next_timeouts = self._next_timeouts, None
        self._last_activity = self._clock()
        session = self._session
        if target is State.IDENTIFY and session.pending_card is not None:
            card, session.pending_card = session.pending_card, None
            card_session, session.pending_card_session = session.pending_card_session, None
            self._queue.append(lambda: self.identified(card, card_session))
        effects = journey_effects.plan(self, old, target, event)
        self._notifying = True
        try:
            for listener in list(self._listeners):
                listener(old, target, event, effects)
        finally:
            self._notifying = False

    def _drain(self) -> None:
        """Process the events raised while the last ones were told, in order."""
        while self._queue:
            try:
                self._queue.popleft()()
            except JourneyError as exc:  # the move it came after made it stale
                log.info("queued event dropped: %s", exc)

    def _timeout_for(self, state: State) -> float | None:
        if state is State.ATTRACT:
            return None
        if state is State.DONE:
            return self.timeouts.done_s
        return self.timeouts.inactivity_s

    @staticmethod
    def _check_language(language: str) -> None:
        if language not in LANGUAGES:
            raise JourneyError(f"unknown language {language!r}; use one of {LANGUAGES}")
