"""Every citizen journey through the real QML, tapped by objectName, with simulated
devices and a real backend (uvicorn on 127.0.0.1, SQLite) for the live services."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from common.eid.model import EidCardData, Verification
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.backend.settings import BackendSettings
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.domain.letters import LetterPayment, epc_payload, make_communication
from kiosk.services import build_services
from kiosk.store.models import OutboxEvent, RequestRow
from sync.city_client import CityClient
from sync.status import StatusRecorder
from tests.backend.harness import free_port, threaded_backend
from tests.ui.harness import screen_of
from ui.app import start_ui
from ui.scripted import find_item, tap, wait_until
from ui.textfit import visible_texts

SITE = "bxl-centre"

# The city's internal counter codes ("c1"): never shown or printed to a citizen.
COUNTER_CODE = re.compile(r"\bc\d+\b")


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    db = tmp_path_factory.mktemp("backend") / "backend.db"
    # These journeys use the in-process simulated reader, which holds no card keys and so
    # cannot prove presence: this backend lets case follow-up read without a card session
    # (the PIN step itself: tests/e2e/test_eid_pin_step.py and the demo).
    settings = BackendSettings(db_url=f"sqlite:///{db}", require_card_session=False)
    with threaded_backend(f"sqlite:///{db}", settings) as running:
        kiosk_id, token = running.device(site=SITE, kiosk_id="k-journeys")
        yield running, kiosk_id, token


def make_kiosk(qapp, tmp_path, registry, platform_url: str, token: str, kiosk_id: str):
    config = config_from_mapping(
        {
            "kiosk": {"id": kiosk_id, "site": SITE, "site_name": "Brussels City Hall"},
            "journey": {"inactivity_timeout_s": 60, "done_timeout_s": 15},
            "store": {"path": str(tmp_path / "kiosk.db")},
            "devices": {
                "eid_reader": "sim://eid",
                "printer": "sim://printer",
                "card_terminal": "sim://payment",
                "cash": "sim://cash",
                "camera": "sim://camera",
            },
        },
        registry,
    )
    clock = FakeClock()
    core = build_journey_core(config, clock=clock)
    ui = start_ui(
        qapp,
        core,
        540,
        960,
        False,
        lambda: build_services(config, registry, core.catalog),
        city_platform=lambda: CityClient(platform_url, token, 5.0),
    )
    wait_until(lambda: ui.running is not None, 10, "the services")
    wait_until(lambda: ui.core.devices.payment_methods(), 10, "payments to be offered")
    ui.test_clock = clock
    return ui


@pytest.fixture
def kiosk(qapp, tmp_path, registry, backend):
    running, kiosk_id, token = backend
    ui = make_kiosk(qapp, tmp_path, registry, running.url, token, kiosk_id)
    yield ui
    ui.close()


def expect_text(ui, name: str, expected: str) -> None:
    def says() -> str | None:
        item = find_item(ui.window, name)
        return None if item is None else item.property("text")

    wait_until(lambda: says() == expected, 5, f"{name} to say {expected!r}")


def set_online(ui, online: bool) -> None:
    """What the sync process records, as the UI sees it through the shared store."""
    recorder = StatusRecorder(ui.services.store, lambda: datetime.now(UTC))
    if online:
        recorder.succeeded()
    else:
        recorder.failed("backend unreachable")
    ui.running.platform_monitor.poll()
    wait_until(lambda: ui.core.devices.platform_online() is online, 5, "the platform state")


def device(ui, kind: str):
    return ui.services.devices[kind].device


def start(ui, language: str, citizen: str | None = "sophie") -> None:
    tap(ui.window, "startButton")
    tap(ui.window, f"language_{language}")
    if citizen is None:
        tap(ui.window, "skipIdentification")
    else:
        identity, address, photo = citizen_card(demo_citizen(citizen))
        device(ui, "eid_reader").insert(
            EidCardData(identity, address, photo, Verification(True, True, True))
        )
    wait_until(lambda: screen_of(ui, "choose_service"), 5, "the services screen")


def text_of(ui, name: str) -> str:
    wait_until(lambda: find_item(ui.window, name) is not None, 5, f"{name} on screen")
    return find_item(ui.window, name).property("text")


def state_is(ui, state: str, timeout_s: float = 10) -> None:
    wait_until(lambda: screen_of(ui, state), timeout_s, f"the {state} screen")


def printed(ui) -> list[str]:
    return device(ui, "printer").printed


def rows(ui, model) -> list:
    with ui.services.store.read() as session:
        return list(session.scalars(select(model)))


# --- certificate ---------------------------------------------------------------------


def test_certificate_request_with_the_delivery_chosen_beside_the_amount_then_card_payment(
        kiosk):
    ui = kiosk
    set_online(ui, True)
    start(ui, "en")
    expect_text(ui, "stepText", "Step 2 · Service")  # not chosen yet: no total
    tap(ui.window, "service_cert-residence")
    state_is(ui, "details")
    expect_text(ui, "stepText", "Step 3 of 5 · Your details")
    assert find_item(ui.window, "confirmPhoto") is not None  # the photo, to its holder only
    summary = find_item(ui.window, "citizenSummary")
    assert summary is not None
    tap(ui.window, "confirmData")
    state_is(ui, "pay")  # what, how it comes and how much: one screen
    # Back returns to the data, not out of the service.
    tap(ui.window, "backButton")
    wait_until(lambda: ui.view_model.detailsStep == "confirm_data", 5, "the data step again")
    tap(ui.window, "confirmData")
    state_is(ui, "pay")
    expect_text(ui, "stepText", "Step 4 of 5 · Payment")
    expect_text(ui, "payDeliveryTitle", "How would you like your document?")
    expect_text(ui, "payAmount", "€3.00")
    assert find_item(ui.window, "delivery_kiosk") is None  # this kiosk has no A4 printer
    tap(ui.window, "payCard")  # not yet: the delivery comes first
    expect_text(ui, "payChooseFirst", "First choose how you would like your document.")
    assert ui.view_model.payment.busy == ""
    tap(ui.window, "delivery_post")
    assert rows(ui, OutboxEvent) == []  # nothing happens before the citizen pays
    tap(ui.window, "payCard")
    state_is(ui, "done", 15)
    reference = ui.view_model.result["reference"]
    assert text_of(ui, "ticketNumber") == reference
    expect_text(ui, "printMessage", "Please take your confirmation below.")
    assert find_item(ui.window, "queuedMessage") is None  # online: nothing waits
    assert sorted(e.type for e in rows(ui, OutboxEvent)) == [
        "certificate_request.submitted",
        "payment.completed",
    ]
    assert any("by post" in r and reference in r for r in printed(ui))


def test_offline_certificate_is_queued_and_both_screen_and_receipt_say_so(kiosk):
    ui = kiosk
    set_online(ui, False)
    start(ui, "fr")
    # Online-only services are greyed with the reason; the certificate stays on offer.
    assert find_item(ui.window, "service_case-followup").property("sublabel") == (
        "Indisponible hors ligne : la borne n'atteint pas la Ville"
    )
    tap(ui.window, "service_cert-birth")  # free: no review, no payment
    tap(ui.window, "confirmData")
    tap(ui.window, "delivery_portal")
    state_is(ui, "done")
    assert ui.taps.since_identified() == [
        "service_cert-birth", "confirmData", "delivery_portal"]
    assert ui.view_model.stepIndex == len(ui.view_model.steps) - 1
    assert text_of(ui, "queuedMessage").startswith("La borne est hors ligne")
    assert any(
        "transmise à la Ville dès le retour du réseau" in " ".join(r.split()) for r in printed(ui)
    )
    assert [e.type for e in rows(ui, OutboxEvent)] == ["certificate_request.submitted"]


def test_paper_running_out_after_paying_says_paid_and_the_receipt_is_owed(kiosk):
    ui = kiosk
    start(ui, "nl")
    tap(ui.window, "service_cert-household")
    tap(ui.window, "confirmData")
    state_is(ui, "pay")
    tap(ui.window, "delivery_portal")
    device(ui, "printer").faults.inject("paper_out")
    tap(ui.window, "payCard")
    state_is(ui, "done", 15)
    expect_text(
        ui,
        "printMessage",
        (
            "Uw betaling is geregistreerd, maar het bewijs kon niet worden afgedrukt. "
            "Vraag het aan het loket: u hebt er recht op."
        ),
    )
    assert "payment.completed" in [e.type for e in rows(ui, OutboxEvent)]


def test_removing_the_card_on_the_pay_screen_ends_and_wipes_the_session(kiosk):
    ui = kiosk
    start(ui, "en")
    tap(ui.window, "service_cert-residence")
    tap(ui.window, "confirmData")
    state_is(ui, "pay")
    tap(ui.window, "delivery_portal")
    session = ui.core.journey.session
    device(ui, "eid_reader").remove()
    state_is(ui, "attract")
    assert session.card is None and session.details == {}
    assert rows(ui, RequestRow) == []


def test_the_pay_screen_times_out_without_paying(kiosk):
    ui = kiosk
    start(ui, "en")
    tap(ui.window, "service_cert-residence")
    tap(ui.window, "confirmData")
    state_is(ui, "pay")
    tap(ui.window, "delivery_portal")
    ui.test_clock.now += 61
    ui.view_model.tick()
    state_is(ui, "attract")
    assert rows(ui, OutboxEvent) == []


# --- appointment -----------------------------------------------------------------------


def to_slots(ui, language: str) -> str:
    set_online(ui, True)
    start(ui, language)
    tap(ui.window, "service_appt-id-card")
    tap(ui.window, f"site_{SITE}")
    day = ui.view_model.appointment.days[0]["iso"]
    tap(ui.window, f"day_{day}")
    wait_until(lambda: ui.view_model.appointment.slots, 10, "the free slots")
    return day


def test_appointment_site_day_slot_review_then_a_receipt_with_a_qr_code(kiosk):
    ui = kiosk
    to_slots(ui, "fr")
    expect_text(ui, "stepText", "Étape 5 sur 7 · Heure")
    first = ui.view_model.appointment.slots[0]
    shown = [t.property("text") for t in visible_texts(ui.window)]
    assert not [t for t in shown if COUNTER_CODE.search(t)], shown  # issue 24, defect 5
    times = [s["time"] for s in ui.view_model.appointment.slots]
    assert len(times) == len(set(times))  # one button per time, whichever counter
    tap(ui.window, f"slot_{first['id']}")
    state_is(ui, "review")
    expect_text(ui, "reviewTitle", "Vérifiez votre rendez-vous")
    shown = [t.property("text") for t in visible_texts(ui.window)]
    assert not [t for t in shown if COUNTER_CODE.search(t)], shown
    assert find_item(ui.window, "reviewAmount") is None  # free: no amount
    tap(ui.window, "acceptButton")
    state_is(ui, "done", 15)
    # After the PIN (the card read): service, site, day, slot, confirm. (The day the tap
    # landed on: the day strip may still move under the finger — see the report.)
    chosen = ui.core.journey.session.details["day"]
    assert ui.taps.since_identified() == [
        "service_appt-id-card", f"site_{SITE}", f"day_{chosen}", f"slot_{first['id']}",
        "acceptButton"]
    assert ui.view_model.result["when"].endswith(first["time"])
    expect_text(ui, "printMessage", ("Prenez votre confirmation avec son code QR ci-dessous."))
    receipt = printed(ui)[-1]
    assert "Votre rendez-vous" in receipt
    assert not COUNTER_CODE.search(receipt) and "Guichet" not in receipt
    assert f"[QR: BXLAPPT:{ui.view_model.result['booking_id']}]" in receipt


def test_a_slot_taken_meanwhile_brings_the_citizen_back_to_pick_another(kiosk, backend):
    ui = kiosk
    running, _, token = backend
    to_slots(ui, "en")
    first = ui.view_model.appointment.slots[0]
    tap(ui.window, f"slot_{first['id']}")
    state_is(ui, "review")
    # Someone at another kiosk books the same slot first.
    other = CityClient(running.url, token, 5.0)
    try:
        other.book(SITE, first["id"], demo_citizen("jan").identity.national_number)
    finally:
        other.close()
    tap(ui.window, "acceptButton")
    wait_until(lambda: ui.view_model.detailsStep == "slot", 10, "the slots again")
    wait_until(lambda: ui.view_model.appointment.slots, 10, "fresh slots")
    expect_text(
        ui, "slotMessage", ("That time was just booked by someone else. Please choose another.")
    )
    assert first["id"] not in [s["id"] for s in ui.view_model.appointment.slots]
    second = ui.view_model.appointment.slots[0]
    tap(ui.window, f"slot_{second['id']}")
    tap(ui.window, "acceptButton")
    state_is(ui, "done", 15)


# --- queue ticket ------------------------------------------------------------------------


def test_queue_ticket_shows_the_estimated_wait_when_the_city_answers(kiosk):
    ui = kiosk
    set_online(ui, True)
    start(ui, "en", citizen=None)
    tap(ui.window, "service_queue-ticket")
    expect_text(ui, "stepText", "Step 3 of 4 · Counter")
    tap(ui.window, "desk_population")
    state_is(ui, "done")
    expect_text(ui, "waitEstimate", "Estimated wait: ~5 min")
    assert "Estimated wait" in printed(ui)[-1]


def test_queue_ticket_offline_says_there_is_no_estimate(kiosk):
    ui = kiosk
    set_online(ui, False)
    start(ui, "nl", citizen=None)
    tap(ui.window, "service_queue-ticket")
    tap(ui.window, "desk_social")
    state_is(ui, "done")
    expect_text(ui, "waitEstimate", "Offline: geen schatting van de wachttijd.")
    assert "Offline: geen schatting" in printed(ui)[-1]


# --- case follow-up ------------------------------------------------------------------------


def test_case_followup_lists_the_citizens_cases_in_plain_words(kiosk):
    ui = kiosk
    set_online(ui, True)
    start(ui, "en")
    tap(ui.window, "service_case-followup")
    state_is(ui, "done", 15)
    assert ui.view_model.cases[0]["service"] == "Certificate of residence"
    expect_text(ui, "caseStatus_0", "Ready: you can receive it")
    tap(ui.window, "switch_nl")  # the list follows the language
    wait_until(lambda: text_of(ui, "caseStatus_0") == "Klaar: u kunt het ontvangen", 5, "NL")


def test_case_followup_with_the_city_unreachable_says_nothing_happened(
    qapp, tmp_path, registry, backend
):
    _, kiosk_id, token = backend
    ui = make_kiosk(qapp, tmp_path, registry, f"http://127.0.0.1:{free_port()}", token, kiosk_id)
    try:
        set_online(ui, True)  # the sync process still thinks so
        start(ui, "fr")
        tap(ui.window, "service_case-followup")
        state_is(ui, "done", 15)
        expect_text(
            ui, "doneTitle", ("Votre demande n'a pas pu être enregistrée. Rien n'a été facturé.")
        )
        assert text_of(ui, "failureMessage").startswith("La Ville ne répond pas")
    finally:
        ui.close()


# --- letter ----------------------------------------------------------------------------

LETTER = LetterPayment(
    make_communication(909337554), 1250, "Ville de Bruxelles", "BE68539007547034"
)


def test_paying_a_letter_refuses_a_bad_code_then_pays_the_good_one(kiosk):
    ui = kiosk
    start(ui, "en", citizen=None)
    tap(ui.window, "service_letter-payment")
    camera = device(ui, "camera")
    wait_until(lambda: ui.view_model.letter.scanning, 5, "the camera to look")
    not_city = LetterPayment(LETTER.communication, 1250, "Someone", "BE71096123456700")
    camera.show(epc_payload(not_city))
    expect_text(ui, "scanMessage", ("This letter is not from the City: it cannot be paid here."))
    assert ui.view_model.state == "details"
    camera.show(epc_payload(LETTER))
    state_is(ui, "review")
    expect_text(ui, "reviewAmount", "Amount: €12.50")
    assert ui.view_model.review["lines"][1]["value"] == LETTER.communication
    tap(ui.window, "acceptButton")
    state_is(ui, "pay")
    expect_text(ui, "payAmount", "€12.50")
    tap(ui.window, "payCard")
    state_is(ui, "done", 15)
    expect_text(ui, "doneTitle", "Letter paid")
    assert text_of(ui, "ticketNumber") == LETTER.communication
    assert any(
        "Payment receipt" in r and "€ 1 2 . 5 0" in r and LETTER.communication in r
        for r in printed(ui)
    )
    (request,) = rows(ui, RequestRow)
    assert request.kind == "letter_payment" and request.payload["amount_cents"] == 1250
    assert [e.type for e in rows(ui, OutboxEvent)] == ["payment.completed"]


def test_a_declined_card_for_a_letter_charges_nothing_and_stays_on_pay(kiosk):
    ui = kiosk
    device(ui, "card_terminal").faults.inject("decline")
    start(ui, "fr", citizen=None)
    tap(ui.window, "service_letter-payment")
    wait_until(lambda: ui.view_model.letter.scanning, 5, "the camera to look")
    device(ui, "camera").show(epc_payload(LETTER))
    tap(ui.window, "acceptButton")
    tap(ui.window, "payCard")
    expect_text(ui, "payMessage", "Paiement refusé. Rien n'a été débité.")
    assert ui.view_model.state == "pay"
    assert rows(ui, OutboxEvent) == [] and rows(ui, RequestRow) == []


def test_leaving_the_scan_step_stops_the_camera(kiosk):
    ui = kiosk
    start(ui, "en", citizen=None)
    tap(ui.window, "service_letter-payment")
    wait_until(lambda: ui.view_model.letter.scanning, 5, "the camera to look")
    tap(ui.window, "backButton")
    state_is(ui, "choose_service")
    assert ui.view_model.letter.scanning is False
    device(ui, "camera").show(epc_payload(LETTER))  # shown too late: nobody listens
    assert ui.view_model.state == "choose_service"


def test_no_paper_before_starting_disables_paying_a_letter_with_the_reason(kiosk):
    ui = kiosk
    device(ui, "printer").faults.inject("paper_out")
    ui.services.printer_monitor.poll_once()
    start(ui, "en", citizen=None)
    wait_until(
        lambda: (
            find_item(ui.window, "service_letter-payment").property("sublabel")
            == "Out of receipt paper: payment is not possible right now"
        ),
        5,
        "the no-paper reason",
    )
    assert find_item(ui.window, "service_letter-payment").property("enabledForUse") is False
    tap(ui.window, "service_letter-payment")
    assert ui.view_model.state == "choose_service"
