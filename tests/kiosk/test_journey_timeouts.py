"""Remote timeouts (issue #9): ``Journey.set_timeouts`` takes effect at the next state
change, never in the middle of a running countdown."""

from __future__ import annotations

import pytest

from kiosk.domain.catalog import demo_catalog
from kiosk.domain.journey import Journey, State, Timeouts


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_new_timeouts_wait_for_the_next_state_change() -> None:
    clock = FakeClock()
    journey = Journey(demo_catalog(), clock, Timeouts(inactivity_s=60, done_s=15))
    journey.start()
    clock.now += 20
    journey.set_timeouts(Timeouts(inactivity_s=10, done_s=5))
    # The countdown under way keeps its 60 s: 40 s left, no timeout yet.
    assert journey.seconds_left() == 40
    assert not journey.tick()
    assert journey.timeouts == Timeouts(60, 15)

    journey.choose_language("nl")  # the next state change: the new limit from here
    assert journey.timeouts == Timeouts(10, 5)
    assert journey.seconds_left() == 10
    clock.now += 9
    assert not journey.tick()
    clock.now += 1
    assert journey.tick() and journey.state is State.ATTRACT


def test_set_on_the_attract_screen_applies_to_the_next_session() -> None:
    clock = FakeClock()
    journey = Journey(demo_catalog(), clock, Timeouts(inactivity_s=60, done_s=15))
    journey.set_timeouts(Timeouts(inactivity_s=7, done_s=4))
    assert journey.seconds_left() is None  # attract has no countdown
    journey.start()
    assert journey.seconds_left() == 7
    clock.now += 7
    assert journey.tick() and journey.state is State.ATTRACT
    assert journey.timeouts == Timeouts(7, 4)  # and it stays for the sessions after


@pytest.mark.parametrize("bad", [{"inactivity_s": 0}, {"done_s": -1}, {"warning_s": 0}])
def test_a_timeout_must_be_positive(bad: dict) -> None:
    with pytest.raises(ValueError, match="must be > 0"):
        Timeouts(**bad)
