"""The library session's state machine (Qt-free): every move, every refusal, the
[journey] timeouts on an injected clock."""

from __future__ import annotations

import pytest

from kiosk.domain.journey import Timeouts
from kiosk.library.journey import LibraryJourney, LibraryJourneyError, LibraryState

TIMEOUTS = Timeouts(inactivity_s=60, done_s=15, warning_s=15)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journey(clock) -> LibraryJourney:
    return LibraryJourney(clock, TIMEOUTS)


def test_a_whole_session(journey, clock):
    moves: list[tuple[str, str]] = []
    journey.subscribe(lambda before, after: moves.append((before, after)))
    journey.identified()
    for screen in ("borrow", "return", "renew", "pay", "overview"):
        journey.open(screen)
    journey.finish()
    assert journey.state == LibraryState.SLIP
    clock.t += 14
    assert not journey.tick()
    clock.t += 1
    assert journey.tick()
    journey.end()
    assert journey.state == LibraryState.ATTRACT
    assert [after for _, after in moves] == [
        "overview", "borrow", "return", "renew", "pay", "overview", "slip", "attract"]


@pytest.mark.parametrize("screen", ["attract", "slip", "desk", ""])
def test_only_session_screens_open(journey, screen):
    journey.identified()
    with pytest.raises(LibraryJourneyError):
        journey.open(screen)


def test_nothing_opens_before_a_patron_nor_twice(journey):
    with pytest.raises(LibraryJourneyError):
        journey.open("borrow")
    with pytest.raises(LibraryJourneyError):
        journey.finish()
    journey.identified()
    with pytest.raises(LibraryJourneyError, match="already in session"):
        journey.identified()  # a second card


def test_inactivity_warning_then_timeout_from_the_config(journey, clock):
    journey.identified()
    journey.open("borrow")
    clock.t += 44
    assert journey.warning_seconds() == -1
    clock.t += 2  # 14 s left: within warning_s
    assert journey.warning_seconds() == 14
    journey.touch()
    assert journey.warning_seconds() == -1 and not journey.tick()
    clock.t += 60
    assert journey.tick()


def test_a_payment_holds_the_session(journey, clock):
    journey.identified()
    with pytest.raises(LibraryJourneyError):
        journey.payment_started()  # only on the pay screen
    journey.open("pay")
    journey.payment_started()
    clock.t += 600
    assert not journey.tick() and journey.seconds_left() is None
    for move in (lambda: journey.open("overview"), journey.finish, journey.payment_started):
        with pytest.raises(LibraryJourneyError):
            move()
    journey.payment_ended()
    assert journey.seconds_left() == 60  # the end of the payment counts as activity
    journey.finish()


def test_the_slip_timer_starts_when_the_slip_is_out(journey, clock):
    journey.identified()
    journey.finish()
    clock.t += 30  # printing took long
    journey.slip_ready()
    assert not journey.tick() and journey.warning_seconds() == -1
    clock.t += 15
    assert journey.tick()


def test_end_from_anywhere_and_new_timeouts(journey, clock):
    journey.identified()
    journey.open("pay")
    journey.payment_started()
    journey.end()  # the card came out
    assert journey.state == LibraryState.ATTRACT and not journey.paying
    assert not journey.tick()  # nothing times out on the attract screen
    journey.set_timeouts(Timeouts(inactivity_s=20, done_s=5, warning_s=5))
    journey.identified()
    clock.t += 20
    assert journey.tick()
