"""Personal data in one place (issue 25, item 4): the session holds all of it and is wiped
in one go; the journey queues events raised while it tells of a move; it returns the
effects of each move for the view-model to run."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.domain import journey_effects as fx
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.journey import Event, Journey, State, Timeouts
from kiosk.domain.session import NOT_PERSONAL, CitizenSession
from tests.kiosk.test_journey import DETAILS, FakeClock, a_card, drive_to


@pytest.fixture
def journey() -> Journey:
    return Journey(demo_catalog(), FakeClock(), Timeouts(inactivity_s=60, done_s=15))


# One non-default value per personal field. A field added to CitizenSession without a
# value here fails the first test: whoever adds it decides it is wiped (or not personal).
PERSONAL_SAMPLES = {
    "card": a_card(),
    "card_session": "session-token",
    "pending_card": a_card(),
    "pending_card_session": "pending-token",
    "by_case_code": True,
    "scanned_case": {"reference": "2026/0042", "holder": "Anna Peeters"},
    "service_id": "cert-residence",
    "details": {"national_number": "85073003328"},
    "step": 2,
    "result": {"payment": {"card": "4999********0001"}},
    "outcome": {"ok": True, "cases": [{"holder": "Anna Peeters"}]},
    "printed": {"document": "printed", "reference": "BXL-2026-0042"},
}


def test_the_wipe_clears_every_personal_field_of_the_session():
    names = {item.name for item in dataclasses.fields(CitizenSession)}
    assert names - NOT_PERSONAL == set(PERSONAL_SAMPLES), (
        "a new CitizenSession field needs a sample here (and to be wiped)")
    session = CitizenSession(language="nl")
    for name, value in PERSONAL_SAMPLES.items():
        setattr(session, name, value)
    containers = {name: getattr(session, name)
                  for name in ("details", "result", "outcome", "printed")}
    session_id = session.id
    session.wipe()
    fresh = CitizenSession(language="nl")
    for name in PERSONAL_SAMPLES:
        assert getattr(session, name) == getattr(fresh, name), f"{name} survived the wipe"
    for name, held in containers.items():
        assert held == {}, f"{name} kept its contents for whoever still held it"
    assert session.id == session_id and session.language == "nl"


def test_ending_a_session_wipes_what_was_gathered_on_the_way(journey):
    drive_to(journey, State.LANGUAGE)
    journey.card_read(a_card(), "pending-token")  # waits for the identify step
    old = journey.session
    assert old.pending_card is not None
    journey.cancel()
    assert old.pending_card is None and old.pending_card_session is None
    assert journey.session is not old and journey.session.pending_card is None


def test_a_card_read_on_the_language_screen_identifies_at_the_identify_step(journey):
    moves: list[tuple[State, State, Event]] = []
    journey.subscribe(lambda old, new, event: moves.append((old, new, event)))
    journey.start()
    journey.card_read(a_card(), "token")
    assert journey.state is State.LANGUAGE and not journey.session.identified
    journey.choose_language("en")
    assert journey.state is State.CHOOSE_SERVICE
    assert journey.session.card_session == "token" and journey.session.pending_card is None
    assert [event for _, _, event in moves] == [
        Event.START, Event.CHOOSE_LANGUAGE, Event.IDENTIFIED]


def test_removing_a_card_read_early_forgets_it(journey):
    journey.start()
    journey.card_read(a_card())
    journey.card_removed()
    journey.choose_language("fr")
    assert journey.state is State.IDENTIFY and journey.session.card is None


def test_events_raised_by_a_listener_are_queued_after_the_move_in_order(journey):
    first: list[tuple[Event, State]] = []  # what the re-entering listener saw
    second: list[tuple[State, State, Event]] = []  # a listener subscribed after it

    def reenter(old: State, new: State, event: Event) -> None:
        if event is Event.START:
            journey.choose_language("nl")  # queued: START is still being told
            journey.skip_identification()  # queued behind it
            first.append((event, journey.state))  # nothing moved under the listener
        else:
            first.append((event, journey.state))

    journey.subscribe(reenter)
    journey.subscribe(lambda old, new, event: second.append((old, new, event)))
    assert journey.start() is None
    assert journey.state is State.CHOOSE_SERVICE
    assert first == [(Event.START, State.LANGUAGE), (Event.CHOOSE_LANGUAGE, State.IDENTIFY),
                     (Event.SKIP_IDENTIFICATION, State.CHOOSE_SERVICE)]
    # Every listener hears of each move before the next one, in the order raised.
    assert second == [(State.ATTRACT, State.LANGUAGE, Event.START),
                      (State.LANGUAGE, State.IDENTIFY, Event.CHOOSE_LANGUAGE),
                      (State.IDENTIFY, State.CHOOSE_SERVICE, Event.SKIP_IDENTIFICATION)]


def test_a_queued_event_made_stale_by_the_one_before_is_dropped(journey):
    moves: list[Event] = []

    def reenter(old: State, new: State, event: Event) -> None:
        moves.append(event)
        if len(moves) == 1:
            journey.cancel()  # back to attract …
            journey.choose_language("fr")  # … so this one is stale by its turn: dropped
            journey.start()  # and this one is allowed again

    journey.subscribe(reenter)
    journey.start()
    assert moves == [Event.START, Event.CANCEL, Event.START]
    assert journey.state is State.LANGUAGE


def effects_of(journey: Journey) -> list[list[fx.Effect]]:
    seen: list[list[fx.Effect]] = []
    journey.subscribe_effects(lambda old, new, event, effects: seen.append(list(effects)))
    return seen


def test_the_journey_returns_the_effects_of_each_move(journey):
    seen = effects_of(journey)
    journey.start()
    journey.choose_language("fr")
    journey.identified(a_card(), "token")
    journey.choose_service("cert-residence")
    journey.step_done({"confirmed": True})  # the data confirmed: on to the pay screen
    assert seen[:3] == [[fx.SessionStarted()], [], [fx.CitizenIdentified()]]
    assert fx.OpenPayment() in seen[-1] and fx.CheckPrinter() in seen[-1]
    journey.session.outcome = {"ok": True, "method": "card"}
    journey.payment_completed({"method": "card"})
    assert seen[-1] == [fx.DeliverPaid({"ok": True, "method": "card"})]
    journey.fulfilled({"reference": "R-1"})
    journey.finish()
    assert seen[-1] == [fx.SessionEnded()]


def test_a_request_carries_who_asks_and_keeps_it_out_of_its_repr(journey):
    seen = effects_of(journey)
    drive_to(journey, State.IDENTIFY)
    journey.identified(a_card(), "token")
    journey.choose_service("queue-ticket")
    journey.step_done(DETAILS["queue-ticket"])
    fulfil = seen[-1][-1]
    assert isinstance(fulfil, fx.Fulfil) and fulfil.service.id == "queue-ticket"
    assert fulfil.details == {"service_id": "queue-ticket", "national_number": "85073003328",
                              "card_session": "token", "desk": "population"}
    assert "85073003328" not in repr(fulfil)


def test_a_case_scanned_is_shown_as_found_and_a_lost_slot_reloads_the_slots(journey):
    seen = effects_of(journey)
    drive_to(journey, State.IDENTIFY)
    journey.follow_case_by_code("case-followup", {"cases": [{"reference": "2026/0042"}]})
    assert seen[-1] == [fx.ShowFound({"cases": [{"reference": "2026/0042"}]})]
    journey.cancel()
    drive_to(journey, State.DETAILS, "appt-id-card")
    for details in ({"site": "laeken"}, {"day": "2026-01-05"}):
        journey.step_done(details)
    assert seen[-1] == [fx.LoadSlots("laeken", "2026-01-05", "appt-id-card", taken=False)]
    journey.step_done({"slot_id": 7})
    journey.accept()
    journey.slot_taken()
    assert seen[-1] == [fx.LoadSlots("laeken", "2026-01-05", "appt-id-card", taken=True)]


def test_the_photo_is_served_for_the_current_session_only(journey):
    drive_to(journey, State.CHOOSE_SERVICE)
    session_id = journey.session.id
    assert journey.photo(session_id) == a_card().photo
    assert journey.photo("another-session") == b""
    journey.cancel()
    assert journey.photo(session_id) == b""
