"""The library session at the self-checkout terminal as a Qt-free state machine.

attract → (card or eID) → overview ⇄ borrow / return / renew / pay → slip → attract.
Modelled on the citizen :class:`~kiosk.domain.journey.Journey`: the same
:class:`~kiosk.domain.journey.Timeouts` from ``[journey]`` (inactivity, its warning,
the goodbye screen), an injected monotonic clock, and a refusal for any move the state
does not allow. A card payment in progress holds the session (no timeout, no leaving)
until the payment ends. The view-model (ui/viewmodels/library.py) only adapts this.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from kiosk.domain.journey import Timeouts


class LibraryState(StrEnum):
    ATTRACT = "attract"
    OVERVIEW = "overview"
    BORROW = "borrow"
    RETURN = "return"
    RENEW = "renew"
    PAY = "pay"
    SLIP = "slip"


SESSION_SCREENS = frozenset({LibraryState.OVERVIEW, LibraryState.BORROW, LibraryState.RETURN,
                             LibraryState.RENEW, LibraryState.PAY})


class LibraryJourneyError(Exception):
    """A move the session's state does not allow (a late tap, a second card)."""


Listener = Callable[[LibraryState, LibraryState], None]


class LibraryJourney:
    def __init__(self, clock: Callable[[], float], timeouts: Timeouts | None = None) -> None:
        self._clock = clock
        self._timeouts = timeouts or Timeouts()
        self._state = LibraryState.ATTRACT
        self._paying = False
        self._last_activity = clock()
        self._slip_started = 0.0
        self._listeners: list[Listener] = []

    @property
    def state(self) -> LibraryState:
        return self._state

    @property
    def paying(self) -> bool:
        return self._paying

    @property
    def in_session(self) -> bool:
        return self._state != LibraryState.ATTRACT

    @property
    def timeouts(self) -> Timeouts:
        return self._timeouts

    def set_timeouts(self, timeouts: Timeouts) -> None:
        """Remote config: takes effect from the next tick."""
        self._timeouts = timeouts or Timeouts()

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    # --- moves -------------------------------------------------------------------------

    def identified(self) -> None:
        """A patron's card or eID was accepted: their overview opens."""
        if self._state != LibraryState.ATTRACT:
            raise LibraryJourneyError(f"a patron is already in session ({self._state})")
        self.touch()
        self._move(LibraryState.OVERVIEW)

    def open(self, screen: str) -> None:
        """One of the session's screens (overview, borrow, return, renew, pay)."""
        target = LibraryState(screen) if screen in LibraryState._value2member_map_ else None
        if target not in SESSION_SCREENS:
            raise LibraryJourneyError(f"{screen!r} is not a screen of the session")
        if self._state not in SESSION_SCREENS or self._paying:
            raise LibraryJourneyError(f"cannot open {screen} from {self._state}")
        self._move(target)  # type: ignore[arg-type]

    def payment_started(self) -> None:
        if self._state != LibraryState.PAY or self._paying:
            raise LibraryJourneyError(f"no payment can start in {self._state}")
        self._paying = True

    def payment_ended(self) -> None:
        self._paying = False
        self.touch()

    def finish(self) -> None:
        """The patron is done: the slip (goodbye) screen, for ``done_s``."""
        if self._state not in SESSION_SCREENS or self._paying:
            raise LibraryJourneyError(f"cannot finish from {self._state}")
        self._slip_started = self._clock()
        self._move(LibraryState.SLIP)

    def slip_ready(self) -> None:
        """The slip is out (or there was none): the goodbye screen's ``done_s`` starts now."""
        if self._state == LibraryState.SLIP:
            self._slip_started = self._clock()

    def end(self) -> None:
        """Back to the attract screen from anywhere (done, card out, timeout)."""
        self._paying = False
        self._move(LibraryState.ATTRACT)

    def touch(self) -> None:
        self._last_activity = self._clock()

    # --- time ----------------------------------------------------------------------------

    def seconds_left(self, now: float | None = None) -> float | None:
        """Until this state's timeout; None where nothing times out."""
        now = self._clock() if now is None else now
        if self._state == LibraryState.ATTRACT or self._paying:
            return None
        if self._state == LibraryState.SLIP:
            return self._timeouts.done_s - (now - self._slip_started)
        return self._timeouts.inactivity_s - (now - self._last_activity)

    def warning_seconds(self, now: float | None = None) -> int:
        """Seconds left while the "still there?" warning shows, else -1."""
        if self._state == LibraryState.SLIP:
            return -1
        left = self.seconds_left(now)
        if left is None or left > self._timeouts.warning_s:
            return -1
        return max(int(left), 0)

    def tick(self, now: float | None = None) -> bool:
        """True when the session timed out (the caller ends it: wipe, end patron session)."""
        left = self.seconds_left(now)
        return left is not None and left <= 0

    def _move(self, target: LibraryState) -> None:
        before = self._state
        self._state = target
        if before != target:
            for listener in self._listeners:
                listener(before, target)
