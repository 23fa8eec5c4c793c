"""Identifying with the eID through the UI: insert, greet, remove, wipe."""

from __future__ import annotations

import dataclasses

import pytest

from common.eid.model import EidCardData, Verification
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.services import build_services
from tests.ui.harness import screen_of
from ui.app import start_ui
from ui.scripted import find_item, tap, wait_until


def card(key: str = "sophie", genuine: bool = True) -> EidCardData:
    identity, address, photo = citizen_card(demo_citizen(key))
    return EidCardData(identity, address, photo,
                       Verification(photo_hash=True, identity_signature=genuine,
                                    address_signature=True))


@pytest.fixture
def kiosk(qapp, tmp_path, registry):
    config = config_from_mapping({
        "store": {"path": str(tmp_path / "kiosk.db")},
        "devices": {"eid_reader": "sim://eid", "printer": "sim://printer"},
    }, registry)
    core = build_journey_core(config)
    ui = start_ui(qapp, core, 540, 960, False,
                  lambda: build_services(config, registry, core.catalog))
    wait_until(lambda: ui.running is not None, 10, "the card watcher")
    yield ui, ui.services.devices["eid_reader"].device
    ui.close()


def test_inserting_a_card_greets_the_citizen_and_removing_it_wipes_the_session(kiosk):
    ui, reader = kiosk
    tap(ui.window, "startButton")
    tap(ui.window, "language_nl")
    wait_until(lambda: screen_of(ui, "identify"), 5, "the identify screen")
    sophie = card("sophie")
    reader.insert(sophie)
    wait_until(lambda: screen_of(ui, "choose_service"), 5, "identification")
    first_name = sophie.identity.first_names.split()[0]
    wait_until(lambda: find_item(ui.window, "greeting") is not None, 5, "the greeting")
    assert ui.view_model.citizenName == first_name
    photo = find_item(ui.window, "citizenPhoto")
    assert photo.property("source").toString().startswith("image://citizen/")
    assert photo.property("asynchronous")  # decoded on QML's image thread, not the GUI's
    # The card's 140×200 JPEG reached the screen through the image provider.
    wait_until(lambda: photo.property("implicitWidth") == 140, 5, "the photo to load")
    session = ui.core.journey.session
    assert session.card is sophie

    reader.remove()
    wait_until(lambda: screen_of(ui, "attract"), 5, "the session to end")
    assert session.card is None  # wiped
    assert ui.view_model.citizenName == "" and ui.view_model.photoUrl == ""


def test_a_card_inserted_at_the_attract_screen_starts_in_the_cards_language(kiosk):
    ui, reader = kiosk
    reader.insert(card("jan"))  # a Dutch card: no language screen to tap through
    wait_until(lambda: screen_of(ui, "choose_service"), 5, "identification")
    assert ui.core.journey.session.identified
    assert ui.view_model.language == "nl"
    assert ui.taps.taps() == []


def test_a_card_that_does_not_state_its_language_asks_for_it(kiosk):
    ui, reader = kiosk
    silent = card("jan")
    reader.insert(dataclasses.replace(
        silent, identity=dataclasses.replace(silent.identity, card_language="")))
    wait_until(lambda: screen_of(ui, "language"), 5, "the language screen")
    tap(ui.window, "language_fr")
    wait_until(lambda: screen_of(ui, "choose_service"), 5, "identification")
    assert ui.core.journey.session.identified


def test_a_card_that_is_not_genuine_is_refused_with_a_message(kiosk):
    ui, reader = kiosk
    tap(ui.window, "startButton")
    tap(ui.window, "language_en")
    reader.insert(card("sophie", genuine=False))
    wait_until(lambda: ui.view_model.identifyMessage ==
               "This card could not be verified. Please ask at the counter.", 5, "the refusal")
    assert ui.view_model.state == "identify"
    assert not ui.core.journey.session.identified


def test_an_unreadable_card_says_try_again(kiosk):
    ui, reader = kiosk
    tap(ui.window, "startButton")
    tap(ui.window, "language_fr")
    reader.faults.inject("unreadable")
    reader.insert(card())
    expected = "Votre carte n'a pas pu être lue. Retirez-la et réessayez."
    # "Reading your card…" shows first; the failure replaces it once the read gave up.
    wait_until(lambda: find_item(ui.window, "identifyMessage") is not None
               and find_item(ui.window, "identifyMessage").property("text") == expected,
               10, "the failure message")
    assert ui.view_model.state == "identify"


def test_a_free_certificate_request_from_card_to_confirmation(kiosk):
    ui, reader = kiosk
    tap(ui.window, "startButton")
    tap(ui.window, "language_fr")
    sophie = card("sophie")
    reader.insert(sophie)
    wait_until(lambda: screen_of(ui, "choose_service"), 5, "identification")
    tap(ui.window, "service_cert-birth")
    wait_until(lambda: screen_of(ui, "details"), 5, "the details screen")
    summary = ui.view_model.citizenSummary
    assert summary["name"] == f"{sophie.identity.first_names} {sophie.identity.surname}"
    assert summary["town"] == f"{sophie.address.zip} {sophie.address.municipality}"
    tap(ui.window, "confirmData")  # the data read from the card is right
    tap(ui.window, "delivery_post")
    wait_until(lambda: screen_of(ui, "done"), 10, "the done screen")
    reference = ui.view_model.result["reference"]
    assert find_item(ui.window, "ticketNumber").property("text") == reference
    assert find_item(ui.window, "printMessage").property("text") == (
        "Prenez votre confirmation ci-dessous.")

    from sqlalchemy import select

    from kiosk.store.models import OutboxEvent, RequestRow

    with ui.services.store.read() as session:
        request = session.scalars(select(RequestRow)).one()
        event = session.scalars(select(OutboxEvent)).one()
    assert (request.kind, request.reference) == ("certificate_request", reference)
    assert event.type == "certificate_request.submitted"
    assert event.payload["national_number"] == sophie.identity.national_number
    assert event.payload["delivery"] == "post"
    # Only what the request needs: no name, no address, no photo in what is stored.
    stored = str(request.payload) + str(event.payload)
    for personal in (sophie.identity.surname, sophie.address.street):
        assert personal not in stored
    printed = ui.services.devices["printer"].device.printed[-1]
    assert reference in printed and "Confirmation de votre demande" in printed
    assert f"[QR: https://services.brussels.example/follow/{reference}]" in printed


def test_paid_certificates_wait_for_a_way_to_pay(kiosk):
    ui, reader = kiosk
    tap(ui.window, "startButton")
    tap(ui.window, "language_en")
    reader.insert(card("sophie"))
    wait_until(lambda: screen_of(ui, "choose_service"), 5, "identification")
    residence = find_item(ui.window, "service_cert-residence")
    assert residence.property("enabledForUse") is False
    assert residence.property("sublabel") == "Payment is not available at this kiosk right now"
