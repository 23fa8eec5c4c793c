"""One citizen's payment, card read or PIN step never reaches the next citizen's session
(review, 2026-12-08): the real UI with the simulated devices."""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import select

from common.eid.model import EidCardData, Verification
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.store.models import PaymentJournalEntry
from tests.ui.harness import running_kiosk, screen_of
from tests.ui.test_payment_journey import events, kiosk, to_payment  # noqa: F401
from ui.scripted import tap, wait_until


def journal_steps(ui) -> list[str]:
    with ui.services.store.read() as session:
        return [e.step for e in session.scalars(select(PaymentJournalEntry)
                                                .order_by(PaymentJournalEntry.id))]


def start_cash(ui) -> object:
    tap(ui.window, "payCash")
    cash = ui.services.devices["cash"].device
    wait_until(lambda: 200 in cash.accepting, 5, "cash to be accepted")
    return cash


def test_the_card_pulled_mid_payment_gives_the_money_back_before_the_session_ends(
        kiosk):  # noqa: F811
    """It used to end the session and leave the payment running: the next citizen's cash
    completed the first citizen's request, and the next pay screen showed its result."""
    ui = kiosk
    to_payment(ui, "fr")
    cash = start_cash(ui)
    cash.insert(200)
    wait_until(lambda: "2,00\u00a0€" in ui.view_model.payment.prompt, 10, "the credit")
    ui.services.devices["eid_reader"].device.remove()
    wait_until(lambda: screen_of(ui, "attract") and not ui.view_model.payment.busy, 15,
               "the payment to be given back and the session to end")
    assert journal_steps(ui) == ["intent", "credit", "payout_intent", "payout", "closed"]
    assert cash.accepting == frozenset()
    assert events(ui) == []


def test_back_while_paying_stops_the_payment_then_goes_back(kiosk):  # noqa: F811
    """Back used to leave the payment running: its completion then reached a details step
    that drops it — money taken, no confirmation, and a second payment possible."""
    ui = kiosk
    to_payment(ui, "fr")
    cash = start_cash(ui)
    cash.insert(200)
    wait_until(lambda: "2,00\u00a0€" in ui.view_model.payment.prompt, 10, "the credit")
    ui.view_model.back()
    wait_until(lambda: not ui.view_model.payment.busy and ui.view_model.state == "details",
               15, "the payment stopped, then back")
    assert journal_steps(ui)[-1] == "closed" and events(ui) == []


def test_a_cancel_that_ended_one_session_does_not_end_the_next(kiosk):  # noqa: F811
    """The first citizen's cancel-then-end stayed connected: the next citizen who only
    stopped a payment (to pay another way) lost the whole session."""
    ui = kiosk
    to_payment(ui, "fr")
    start_cash(ui)
    tap(ui.window, "cancelButton")
    wait_until(lambda: screen_of(ui, "attract"), 15, "the first session to end")
    ui.services.devices["eid_reader"].device.remove()
    wait_until(lambda: not ui.view_model.payment.busy, 5, "the first payment to end")
    to_payment(ui, "fr")
    start_cash(ui)
    wait_until(lambda: ui.view_model.payment.busy == "cash", 5, "the second payment")
    tap(ui.window, "payStop")
    wait_until(lambda: not ui.view_model.payment.busy, 15, "the payment to stop")
    assert ui.view_model.state == "pay"


def test_a_card_read_that_ends_after_its_session_identifies_nobody(qapp, tmp_path, registry,
                                                                    caplog):
    """A's card still being read when A cancelled: its read used to identify B, who had
    started meanwhile — A's name, photo and national number on B's screens."""
    with running_kiosk(qapp, tmp_path, registry) as ui:
        reader = ui.services.devices["eid_reader"].device
        reader.faults.inject("slow")  # the read takes a while
        tap(ui.window, "startButton")
        tap(ui.window, "language_fr")
        wait_until(lambda: screen_of(ui, "identify"), 5, "the identify screen")
        identity, address, photo = citizen_card(demo_citizen("sophie"))
        with caplog.at_level(logging.INFO, logger="ui.viewmodels.journey"):
            reader.insert(EidCardData(identity, address, photo,
                                      Verification(True, True, True)))
            wait_until(lambda: ui.view_model.identifyMessage != "", 5, "the read to start")
            tap(ui.window, "cancelButton")
            wait_until(lambda: screen_of(ui, "attract"), 5, "A's session to end")
            tap(ui.window, "startButton")
            tap(ui.window, "language_nl")
            wait_until(lambda: screen_of(ui, "identify"), 5, "B's identify screen")
            wait_until(lambda: "a card read of an ended session was dropped" in caplog.text,
                       10, "A's read to end")
        assert ui.core.journey.session.card is None
        assert ui.view_model.citizenName == "" and ui.view_model.state == "identify"


def test_the_pin_step_ends_with_its_session(qapp, tmp_path, registry):
    """The citizen walked away at the PIN pad: the session timed out, but the pad stayed
    over the attract screen for its own 120 s, taking guesses into the card left in the
    reader. The PIN step now ends (cancelled) with the session."""
    with running_kiosk(qapp, tmp_path, registry) as ui:
        tap(ui.window, "startButton")
        tap(ui.window, "language_fr")
        wait_until(lambda: screen_of(ui, "identify"), 5, "the identify screen")
        answers: list[object] = []
        # The PIN step as the card watcher runs it, on the reader's thread.
        step = threading.Thread(target=lambda: answers.append(ui.card_pin.ask(3, False)))
        step.start()
        try:
            wait_until(lambda: ui.card_pin.model.stage == "entry", 5, "the PIN pad")
            ui.core.journey.tick(time.monotonic() + 10_000)  # the inactivity timeout
            wait_until(lambda: screen_of(ui, "attract"), 5, "the session to end")
            wait_until(lambda: not step.is_alive(), 5, "the PIN step to end")
            wait_until(lambda: ui.card_pin.model.stage != "entry", 5, "the pad to close")
            assert answers == [None]  # cancelled: no PIN reaches the card
        finally:
            ui.card_pin.model.cancel()
            step.join(5)
