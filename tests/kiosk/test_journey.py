"""The citizen journey state machine: every transition, cancel, timeout, wipe."""

from __future__ import annotations

from datetime import date

import pytest

from drivers.eid.model import Address, EidCardData, Identity
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.journey import (
    SESSION_ENDING,
    TRANSITIONS,
    Event,
    Journey,
    JourneyError,
    State,
    Timeouts,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def a_card() -> EidCardData:
    return EidCardData(
        identity=Identity(
            card_number="592123456789", national_number="85073003328", surname="Peeters",
            first_names="Anna Maria", nationality="Belge", birth_place="Bruxelles",
            birth_date=date(1985, 7, 30), sex="F", document_type="1",
            issuing_municipality="Bruxelles", validity_begin=date(2022, 1, 1),
            validity_end=date(2032, 1, 1)),
        address=Address("Rue de la Loi 16", "1000", "Bruxelles"),
        photo=b"\xff\xd8jpeg",
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def journey(clock: FakeClock) -> Journey:
    def only_tickets(service):
        return "" if service.kind == "queue_ticket" or service.id == "cert-residence" else "x"

    return Journey(demo_catalog(), clock, Timeouts(inactivity_s=60, done_s=15),
                   is_available=only_tickets)


# How to bring a fresh journey into each state, and how to fire each event there.
def drive_to(journey: Journey, state: State, paid: bool = False) -> None:
    if state is State.ATTRACT:
        return
    journey.start()
    if state is State.LANGUAGE:
        return
    journey.choose_language("nl")
    if state is State.IDENTIFY:
        return
    journey.identified(a_card())
    if state is State.CHOOSE_SERVICE:
        return
    journey.choose_service("cert-residence" if paid or state is State.PAY else "queue-ticket")
    if state is State.DETAILS:
        return
    journey.confirm_details({"desk": "population"})
    if state in (State.PAY, State.FULFIL) and journey.state is state:
        return
    if journey.state is State.PAY:
        journey.payment_completed({"method": "card"})
    if state is State.FULFIL:
        return
    journey.fulfilled({"ticket_number": "P-001"})
    assert journey.state is State.DONE


FIRE = {
    Event.START: lambda j: j.start(),
    Event.CHOOSE_LANGUAGE: lambda j: j.choose_language("en"),
    Event.IDENTIFIED: lambda j: j.identified(a_card()),
    Event.SKIP_IDENTIFICATION: lambda j: j.skip_identification(),
    Event.CHOOSE_SERVICE: lambda j: j.choose_service("queue-ticket"),
    Event.CONFIRM_DETAILS: lambda j: j.confirm_details({"desk": "population"}),
    Event.PAYMENT_COMPLETED: lambda j: j.payment_completed({"method": "card"}),
    Event.FULFILLED: lambda j: j.fulfilled({"ticket_number": "P-001"}),
    Event.FINISH: lambda j: j.finish(),
    Event.BACK: lambda j: j.back(),
}

ALLOWED = [(s, e, t) for s, events in TRANSITIONS.items() for e, t in events.items()]


@pytest.mark.parametrize(("state", "event", "target"), ALLOWED,
                         ids=[f"{s}-{e}" for s, e, _ in ALLOWED])
def test_every_allowed_transition_lands_where_the_table_says(journey, state, event, target):
    drive_to(journey, state)
    assert journey.state is state
    FIRE[event](journey)
    if event is Event.CONFIRM_DETAILS:
        target = State.FULFIL  # the queue ticket is free: no payment step
    assert journey.state is target


FORBIDDEN = [(s, e) for s in State for e in FIRE if e not in TRANSITIONS[s]]


@pytest.mark.parametrize(("state", "event"), FORBIDDEN, ids=[f"{s}-{e}" for s, e in FORBIDDEN])
def test_every_other_event_is_refused_and_changes_nothing(journey, state, event):
    drive_to(journey, state)
    session_id = journey.session.id
    with pytest.raises(JourneyError):
        FIRE[event](journey)
    assert journey.state is state
    assert journey.session.id == session_id


def test_paid_service_goes_through_pay_and_back_returns_to_details(journey):
    drive_to(journey, State.PAY)
    assert journey.state is State.PAY
    journey.back()
    assert journey.state is State.DETAILS
    journey.confirm_details({})
    journey.payment_completed({"method": "cash", "amount_cents": 300})
    assert journey.state is State.FULFIL
    assert journey.session.result["payment"]["amount_cents"] == 300


@pytest.mark.parametrize("state", list(State))
def test_cancel_from_every_state_wipes_the_session(journey, state):
    drive_to(journey, state)
    old = journey.session
    changes = []
    journey.subscribe(lambda a, b, e: changes.append((a, b, e)))
    journey.cancel()
    assert journey.state is State.ATTRACT
    assert journey.session is not old
    assert old.card is None and not old.details and not old.result and old.service_id is None
    assert journey.session.language == "fr"  # back to the kiosk's default
    assert changes == [(state, State.ATTRACT, Event.CANCEL)]


@pytest.mark.parametrize("state", [s for s in State if s not in (State.ATTRACT, State.DONE)])
def test_inactivity_timeout_from_every_state_wipes_the_session(journey, clock, state):
    drive_to(journey, state)
    old = journey.session
    clock.now += 59
    assert journey.tick() is False
    assert journey.state is state
    clock.now += 1.5
    assert journey.tick() is True
    assert journey.state is State.ATTRACT
    assert old.card is None and not old.details


def test_touch_restarts_the_countdown(journey, clock):
    drive_to(journey, State.CHOOSE_SERVICE)
    clock.now += 50
    journey.touch()
    clock.now += 50
    assert journey.tick() is False
    assert journey.seconds_left() == pytest.approx(10)


def test_done_screen_times_out_sooner_and_attract_never(journey, clock):
    drive_to(journey, State.DONE)
    clock.now += 16
    assert journey.tick() is True
    assert journey.state is State.ATTRACT
    assert journey.seconds_left() is None
    clock.now += 10_000
    assert journey.tick() is False


def test_removing_the_card_ends_an_identified_session_only(journey):
    drive_to(journey, State.DETAILS)
    journey.card_removed()
    assert journey.state is State.ATTRACT
    drive_to(journey, State.IDENTIFY)
    journey.skip_identification()
    journey.card_removed()  # nobody's card was in: nothing to end
    assert journey.state is State.CHOOSE_SERVICE


def test_services_needing_eid_are_refused_without_a_card(journey):
    drive_to(journey, State.IDENTIFY)
    journey.skip_identification()
    residence = journey.catalog.service("cert-residence")
    assert journey.unavailable_reason(residence) == "needs_eid"
    with pytest.raises(JourneyError, match="needs_eid"):
        journey.choose_service("cert-residence")
    with pytest.raises(JourneyError, match="no service"):
        journey.choose_service("does-not-exist")
    assert journey.state is State.CHOOSE_SERVICE


def test_unavailable_services_are_refused_with_the_reason(journey):
    drive_to(journey, State.CHOOSE_SERVICE)
    with pytest.raises(JourneyError, match="cannot be chosen"):
        journey.choose_service("appt-passport")


def test_language_is_kept_for_the_session_and_switchable(journey):
    drive_to(journey, State.CHOOSE_SERVICE)
    assert journey.session.language == "nl"
    journey.switch_language("en")
    assert journey.session.language == "en"
    assert journey.state is State.CHOOSE_SERVICE
    with pytest.raises(JourneyError):
        journey.switch_language("de")


def test_session_repr_never_shows_card_data(journey):
    drive_to(journey, State.CHOOSE_SERVICE)
    text = repr(journey.session) + repr(journey.session.card)
    for secret in ("85073003328", "Peeters", "Anna", "Rue de la Loi", "592123456789"):
        assert secret not in text


def test_session_ending_events_are_the_three_documented():
    assert {Event.CANCEL, Event.TIMEOUT, Event.CARD_REMOVED} == SESSION_ENDING
