"""Paying a certificate at the kiosk, by card and in cash, through the real UI."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from common.eid.model import EidCardData, Verification
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.services import build_services
from kiosk.store.models import OutboxEvent, PaymentJournalEntry
from tests.ui.harness import screen_of
from ui.app import start_ui
from ui.scripted import find_item, tap, wait_until


@pytest.fixture
def kiosk(qapp, tmp_path, registry):
    config = config_from_mapping({
        "store": {"path": str(tmp_path / "kiosk.db")},
        "devices": {"eid_reader": "sim://eid", "printer": "sim://printer",
                    "card_terminal": "sim://payment", "cash": "sim://cash"},
    }, registry)
    core = build_journey_core(config)
    ui = start_ui(qapp, core, 540, 960, False,
                  lambda: build_services(config, registry, core.catalog))
    wait_until(lambda: ui.running is not None, 10, "the services")
    wait_until(lambda: ui.core.devices.payment_methods(), 10, "payments to be offered")
    yield ui
    ui.close()


def to_payment(ui, language: str) -> None:
    tap(ui.window, "startButton")
    tap(ui.window, f"language_{language}")
    identity, address, photo = citizen_card(demo_citizen("sophie"))
    ui.services.devices["eid_reader"].device.insert(
        EidCardData(identity, address, photo, Verification(True, True, True)))
    wait_until(lambda: screen_of(ui, "choose_service"), 5, "identification")
    tap(ui.window, "service_cert-residence")
    tap(ui.window, "confirmData")
    wait_until(lambda: screen_of(ui, "pay"), 5, "the pay screen")
    tap(ui.window, "delivery_portal")  # beside the amount


def events(ui) -> list[str]:
    with ui.services.store.read() as session:
        return sorted(e.type for e in session.scalars(select(OutboxEvent)))


def test_paying_by_card_delivers_the_certificate_and_prints_both_receipts(kiosk):
    ui = kiosk
    to_payment(ui, "fr")
    assert find_item(ui.window, "payAmount").property("text") == "3,00\u00a0€"
    tap(ui.window, "payCard")
    wait_until(lambda: screen_of(ui, "done"), 15, "the done screen")
    # Card read after the language was chosen: 4 taps after it, 6 in all.
    assert ui.taps.since_identified() == ["service_cert-residence", "confirmData",
                                          "delivery_portal", "payCard"]
    assert len(ui.taps.taps()) == 6
    reference = ui.view_model.result["reference"]
    assert find_item(ui.window, "ticketNumber").property("text") == reference
    # the money confirmed on the success screen (issue 24, defect 1)
    assert find_item(ui.window, "moneyMessage").property("text") == "Payé par carte : 3,00\u00a0€"
    assert events(ui) == ["certificate_request.submitted", "payment.completed"]
    printed = ui.services.devices["printer"].device.printed
    assert any("Reçu de paiement" in r and "Bancontact" in r for r in printed)
    assert any("Confirmation de votre demande" in r and reference in r for r in printed)


def test_paying_cash_shows_what_is_inserted_and_gives_change(kiosk):
    ui = kiosk
    to_payment(ui, "en")
    tap(ui.window, "payCash")
    cash = ui.services.devices["cash"].device
    wait_until(lambda: 200 in cash.accepting, 5, "cash to be accepted")
    wait_until(lambda: find_item(ui.window, "payPrompt") is not None, 5, "the prompt")
    cash.insert(200)

    wait_until(lambda: "€2.00 / €3.00" in find_item(ui.window, "payPrompt").property("text"),
               10, "the amount inserted so far")
    cash.insert(200)
    wait_until(lambda: screen_of(ui, "done"), 15, "the done screen")
    assert ui.view_model.result["change_cents"] == 100
    # €4 inserted for €3: the success screen says so, and the change (issue 24, defect 1)
    assert find_item(ui.window, "moneyMessage").property("text") == (
        "Paid in cash: €3.00 (inserted: €4.00)\nChange given: €1.00")
    assert events(ui) == ["certificate_request.submitted", "payment.completed"]
    with ui.services.store.read() as session:
        steps = [e.step for e in session.scalars(select(PaymentJournalEntry))]
    assert steps.count("credit") == 2 and "completed" in steps


def test_a_declined_card_keeps_the_citizen_on_the_pay_screen(kiosk):
    ui = kiosk
    ui.services.devices["card_terminal"].device.faults.inject("decline")
    to_payment(ui, "nl")
    tap(ui.window, "payCard")
    wait_until(lambda: ui.view_model.payment.message, 15, "the refusal")
    assert find_item(ui.window, "payMessage").property("text") == (
        "Betaling geweigerd. Er werd niets afgeschreven.")
    assert ui.view_model.state == "pay"
    assert events(ui) == []


def test_cancelling_during_a_cash_payment_gives_the_money_back_then_ends(kiosk):
    ui = kiosk
    to_payment(ui, "fr")
    tap(ui.window, "payCash")
    cash = ui.services.devices["cash"].device
    wait_until(lambda: 200 in cash.accepting, 5, "cash to be accepted")
    cash.insert(200)
    wait_until(lambda: "2,00\u00a0€" in ui.view_model.payment.prompt, 10, "the credit")
    tap(ui.window, "cancelButton")
    wait_until(lambda: screen_of(ui, "attract"), 15, "the session to end")
    assert events(ui) == []
    with ui.services.store.read() as session:
        steps = [e.step for e in session.scalars(select(PaymentJournalEntry))]
    # The 2 € were journaled as they came in, paid back, and the payment closed.
    assert steps == ["intent", "credit", "payout_intent", "payout", "closed"]
