"""The citizen journey state machine: every transition, cancel, timeout, wipe."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from common.eid.model import Address, EidCardData, Identity
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.journey import (
    BRANCHES,
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
            card_number="592123456789",
            national_number="85073003328",
            surname="Peeters",
            first_names="Anna Maria",
            nationality="Belge",
            birth_place="Bruxelles",
            birth_date=date(1985, 7, 30),
            sex="F",
            document_type="1",
            issuing_municipality="Bruxelles",
            validity_begin=date(2022, 1, 1),
            validity_end=date(2032, 1, 1),
        ),
        address=Address("Rue de la Loi 16", "1000", "Bruxelles"),
        photo=b"\xff\xd8jpeg",
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def journey(clock: FakeClock) -> Journey:
    offered = {
        "queue-ticket",
        "cert-residence",
        "cert-birth",
        "appt-id-card",
        "case-followup",
        "letter-payment",
    }

    def only_some(service):
        return "" if service.id in offered else "x"

    return Journey(
        demo_catalog(), clock, Timeouts(inactivity_s=60, done_s=15), is_available=only_some
    )


# How to bring a fresh journey into each state (through the paid certificate request
# unless told otherwise — a letter for the review, which a certificate skips), and how to
# fire each event there.
def drive_to(journey: Journey, state: State, service_id: str | None = None) -> None:
    if service_id is None:
        service_id = "letter-payment" if state is State.REVIEW else "cert-residence"
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
    journey.choose_service(service_id)
    if state is State.DETAILS:
        return
    journey.confirm_details(DETAILS[service_id])
    if state is State.REVIEW:
        return
    if journey.state is State.REVIEW:
        journey.accept()
    if state is State.PAY:
        return
    if journey.state is State.PAY:
        journey.payment_completed({"method": "card"})
    if state is State.FULFIL:
        return
    journey.fulfilled({"ticket_number": "P-001"})
    assert journey.state is State.DONE


DETAILS = {
    "cert-residence": {"delivery": "portal"},
    "appt-id-card": {"site": "laeken", "day": "2026-01-05", "slot_id": 7},
    "queue-ticket": {"desk": "population"},
    "letter-payment": {"communication": "+++090/9337/55493+++", "amount_cents": 1250},
}

FIRE = {
    Event.START: lambda j: j.start(),
    Event.CHOOSE_LANGUAGE: lambda j: j.choose_language("en"),
    Event.IDENTIFIED: lambda j: j.identified(a_card()),
    Event.SKIP_IDENTIFICATION: lambda j: j.skip_identification(),
    Event.CHOOSE_SERVICE: lambda j: j.choose_service("cert-residence"),
    Event.STEP_DONE: lambda j: j.step_done({"confirmed": True}),
    Event.CONFIRM_DETAILS: lambda j: j.confirm_details({"delivery": "portal"}),
    Event.ACCEPT: lambda j: j.accept(),
    Event.PAYMENT_COMPLETED: lambda j: j.payment_completed({"method": "card"}),
    Event.FULFILLED: lambda j: j.fulfilled({"ticket_number": "P-001"}),
    Event.SLOT_TAKEN: lambda j: j.slot_taken(),
    Event.FINISH: lambda j: j.finish(),
    Event.BACK: lambda j: j.back(),
}

ALLOWED = [(s, e, t) for s, events in TRANSITIONS.items() for e, t in events.items()]


@pytest.mark.parametrize(
    ("state", "event", "target"), ALLOWED, ids=[f"{s}-{e}" for s, e, _ in ALLOWED]
)
def test_every_allowed_transition_lands_where_the_table_says(journey, state, event, target):
    # The services whose journey takes the table's road from there (a paid certificate
    # has a single detail step and no review: it takes the branches).
    if event is Event.SLOT_TAKEN or state is State.DETAILS:
        service = "appt-id-card"
    elif state is State.REVIEW or (state, event) == (State.PAY, Event.BACK):
        service = "letter-payment"
    else:
        service = "cert-residence"
    drive_to(journey, state, service)
    assert journey.state is state
    changes = []
    journey.subscribe(lambda a, b, e: changes.append(e))
    if event is Event.STEP_BACK:
        journey.step_done({"confirmed": True})
        changes.clear()
        journey.back()
    else:
        FIRE[event](journey)
    assert journey.state is target
    assert changes == [event]


# STEP_BACK has no call of its own: back() inside the details screen fires it.
FORBIDDEN = [(s, e) for s in State for e in FIRE if e not in TRANSITIONS[s]]


@pytest.mark.parametrize(("state", "event"), FORBIDDEN, ids=[f"{s}-{e}" for s, e in FORBIDDEN])
def test_every_other_event_is_refused_and_changes_nothing(journey, state, event):
    drive_to(journey, state)
    session_id = journey.session.id
    with pytest.raises(JourneyError):
        FIRE[event](journey)
    assert journey.state is state
    assert journey.session.id == session_id


@pytest.mark.parametrize(("state", "event"), sorted(BRANCHES))
def test_every_branch_is_taken_by_some_journey(journey, state, event):
    """Each documented alternative target is reachable (and nothing else is)."""
    service = {
        State.CHOOSE_SERVICE: "case-followup",
        State.DETAILS: "queue-ticket",
        State.REVIEW: "appt-id-card",
        State.PAY: "cert-residence",
    }[state]
    drive_to(journey, state, service)
    assert journey.state is state
    if state is State.CHOOSE_SERVICE:
        journey.choose_service(service)
    elif state is State.DETAILS:
        journey.confirm_details(DETAILS[service])
    elif state is State.PAY:
        journey.back()
    else:
        journey.accept()
    assert journey.state in BRANCHES[(state, event)]


def test_detail_steps_go_forward_and_back_one_at_a_time(journey):
    drive_to(journey, State.DETAILS, "appt-id-card")
    assert journey.steps() == ("site", "day", "slot")
    assert journey.step() == "site"
    journey.step_done({"site": "laeken"})
    journey.step_done({"day": "2026-01-05"})
    assert journey.step() == "slot"
    journey.back()
    assert (journey.state, journey.step()) == (State.DETAILS, "day")
    journey.step_done({"day": "2026-01-06"})
    journey.step_done({"slot_id": 9})  # the last step: on to the review
    assert journey.state is State.REVIEW
    assert journey.session.details == {"site": "laeken", "day": "2026-01-06", "slot_id": 9}
    journey.back()
    assert (journey.state, journey.step()) == (State.DETAILS, "slot")
    journey.confirm_details({"slot_id": 9})
    journey.accept()  # free: no payment
    assert journey.state is State.FULFIL
    journey.slot_taken()
    assert (journey.state, journey.step()) == (State.DETAILS, "slot")
    assert "slot_id" not in journey.session.details


def test_a_paid_certificate_chooses_its_delivery_on_the_pay_screen_and_back_returns(journey):
    drive_to(journey, State.DETAILS)
    assert journey.steps() == ("confirm_data",)  # the delivery is on the pay screen
    journey.step_done({"national_number": "85073003328"})
    assert journey.state is State.PAY and journey.pay_screen_choice() == "delivery"
    with pytest.raises(JourneyError, match="unknown delivery"):
        journey.choose_delivery("pigeon")
    journey.choose_delivery("kiosk")  # printed here; owed on the portal should it fail
    assert journey.session.details["delivery"] == "portal"
    assert journey.session.details["print_here"] is True
    journey.choose_delivery("post")
    assert (journey.session.details["delivery"], journey.session.details["print_here"]) == (
        "post", False)
    journey.back()
    assert (journey.state, journey.step()) == (State.DETAILS, "confirm_data")
    with pytest.raises(JourneyError):
        journey.choose_delivery("post")  # only on the pay screen
    journey.confirm_details({})
    assert journey.state is State.PAY
    journey.payment_completed({"method": "cash", "amount_cents": 300})
    assert journey.state is State.FULFIL
    assert journey.session.result["payment"]["amount_cents"] == 300


def test_a_letter_is_paid_for_the_amount_on_the_letter(journey):
    drive_to(journey, State.IDENTIFY)
    journey.skip_identification()
    journey.choose_service("letter-payment")
    assert journey.is_paid() and journey.amount_due() == 0
    journey.step_done({"communication": "+++090/9337/55493+++", "amount_cents": 1250})
    assert journey.state is State.REVIEW
    assert journey.amount_due() == 1250
    journey.accept()
    assert journey.state is State.PAY


def test_case_followup_has_no_detail_steps(journey):
    drive_to(journey, State.CHOOSE_SERVICE)
    journey.choose_service("case-followup")
    assert journey.state is State.FULFIL


def test_progress_names_the_steps_of_each_journey(journey):
    drive_to(journey, State.IDENTIFY)
    assert journey.progress() == (("identify", "service", "details", "result"), 0)
    journey.identified(a_card())
    journey.choose_service("cert-residence")
    names = ("identify", "service", "confirm_data", "pay", "result")
    assert journey.progress() == (names, 2)
    journey.step_done({})
    assert journey.progress() == (names, 3)
    journey.cancel()
    journey.start()
    journey.choose_language("fr")
    journey.skip_identification()
    journey.choose_service("queue-ticket")
    assert journey.progress() == (("service", "desk", "result"), 1)
    journey.cancel()
    drive_to(journey, State.DETAILS, "cert-birth")  # free: no review, no payment
    assert journey.progress()[0] == ("identify", "service", "confirm_data", "delivery", "result")


def test_a_branch_outside_the_table_is_refused(journey):
    drive_to(journey, State.DETAILS)
    with pytest.raises(JourneyError, match="cannot lead"):
        journey._fire(Event.CONFIRM_DETAILS, State.DONE)
    assert journey.state is State.DETAILS


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


def test_a_site_with_one_desk_skips_the_desk_choice(clock):
    catalog = demo_catalog()
    single = dataclasses.replace(catalog, desks=catalog.desks[:1])
    journey = Journey(single, clock, Timeouts(inactivity_s=60, done_s=15))
    journey.start()
    journey.choose_language("fr")
    journey.skip_identification()
    journey.choose_service("queue-ticket")
    assert journey.state is State.FULFIL  # straight to the ticket
    assert journey.session.details == {"desk": catalog.desks[0].id}
    assert journey.progress()[0] == ("service", "result")
