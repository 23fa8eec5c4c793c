"""The cash saga against the in-process recycler: change, short payouts, cancel, crash."""

from __future__ import annotations

import threading

from kiosk.payments.change import acceptable, payable, value_of
from kiosk.payments.journal import CASH, CREDIT, INTENT, PAYOUT_INTENT
from kiosk.store.models import PrintedReceipt, RequestRow

from .conftest import count, failing_deliver, rows


def test_only_notes_the_kiosk_can_give_change_for_are_accepted():
    coins = {100: 5, 200: 5}
    assert acceptable(coins, 700) == {100, 200, 500, 1000, 2000}  # 5000 needs 43.00 back
    assert acceptable({}, 700) == {100, 200, 500}
    assert acceptable({500: 1}, 300) == {100, 200}  # 5.00 would need 2.00 back
    assert payable({200: 1, 100: 1}, 500) == 300


def test_exact_cash_completes_without_change(payments, deliver, cash, store):
    cash.queue += [500, 200, 100]
    seen = []
    outcome = payments.cash.pay(800, language="fr", deliver=deliver,
                                on_inserted=lambda got, due: seen.append((got, due)))
    assert outcome.ok and (outcome.inserted_cents, outcome.change_cents) == (800, 0)
    assert seen[-1] == (800, 800)
    steps = [(e.step, e.seq) for e in payments.journal.entries(outcome.payment_id)]
    assert steps == [("intent", 0), ("credit", 1), ("credit", 2), ("credit", 3),
                     ("completed", 0)]
    assert rows(store)[1] == ["certificate_request.submitted", "payment.completed"]


def test_change_is_paid_from_the_levels(payments, deliver, cash):
    before = value_of(cash.levels())
    cash.queue += [1000]
    outcome = payments.cash.pay(300, language="en", deliver=deliver)
    assert outcome.ok and (outcome.inserted_cents, outcome.change_cents) == (1000, 700)
    assert value_of(cash.levels()) - before == 300  # the kiosk kept the fee, no more


def test_change_paid_short_is_owed_on_a_voucher(payments, deliver, cash, store):
    cash.queue += [1000]
    cash.short_by = 200
    outcome = payments.cash.pay(300, language="fr", deliver=deliver)
    assert outcome.ok and (outcome.change_cents, outcome.owed_cents) == (500, 200)
    debts = [e for e in payments.journal.entries(outcome.payment_id) if e.step == "debt"]
    assert [d.amount_cents for d in debts] == [200]
    assert count(store, PrintedReceipt, kind="payment_voucher") == 1


def test_cancel_gives_back_what_was_inserted(payments, deliver, cash, store):
    cash.queue += [200]
    threading.Timer(0.2, payments.cash.cancel).start()
    outcome = payments.cash.pay(700, language="fr", deliver=deliver)
    assert outcome.status == "cancelled"
    assert (outcome.inserted_cents, outcome.refunded_cents, outcome.owed_cents) == (200, 200, 0)
    assert count(store, RequestRow) == 0
    assert payments.journal.unfinished() == []


def test_a_citizen_who_walks_away_is_paid_back_or_owed(payments, deliver, cash, store):
    cash.queue += [500]
    cash.short_by = 500  # nothing comes out
    outcome = payments.cash.pay(700, language="nl", deliver=deliver)  # idle timeout: 2 s
    assert outcome.status == "cancelled" and outcome.owed_cents == 500
    assert count(store, PrintedReceipt, kind="payment_voucher") == 1
    assert [e.step for e in payments.journal.entries(outcome.payment_id)][-2:] == [
        "debt", "closed"]


def test_when_delivery_fails_the_cash_comes_back(payments, cash):
    before = value_of(cash.levels())
    cash.queue += [500]
    outcome = payments.cash.pay(300, language="fr", deliver=failing_deliver)
    assert outcome.status == "failed"
    assert (outcome.change_cents, outcome.refunded_cents) == (200, 300)
    assert value_of(cash.levels()) == before


def test_an_offline_device_is_unavailable_and_journals_nothing(payments, deliver, cash):
    cash.faults.inject("offline")
    outcome = payments.cash.pay(300, language="fr", deliver=deliver)
    assert outcome.status == "unavailable"
    assert payments.journal.unfinished() == []


def test_start_up_pays_back_credits_of_an_unfinished_payment(payments, cash, store):
    levels = {str(k): v for k, v in cash.levels().items()}
    payments.journal.record("p1", INTENT, method=CASH, amount_cents=700,
                            detail={"language": "fr", "levels": levels})
    cash.enable(frozenset({500}))
    cash.insert(500)
    payments.journal.record("p1", CREDIT, method=CASH, amount_cents=500, seq=1)
    cash.poll()  # the journaled credit's event was seen before the crash
    cash.insert(500)  # counted, but the kiosk died before polling it
    [done] = payments.reconcile()
    assert done.result == "refunded"
    credits = [e for e in payments.journal.entries("p1") if e.step == "credit"]
    assert [(c.amount_cents, c.detail.get("recovered")) for c in credits] == [
        (500, None), (500, "poll")]
    assert value_of(cash.levels()) == value_of({int(k): v for k, v in levels.items()})


def test_a_payout_whose_answer_was_lost_is_measured_from_the_levels(payments, cash):
    start = cash.levels()
    levels = {str(k): v for k, v in start.items()}
    cash.enable(frozenset({1000}))
    cash.insert(1000)
    cash.poll()
    after_credit = {str(k): v for k, v in cash.levels().items()}
    payments.journal.record("p1", INTENT, method=CASH, amount_cents=300,
                            detail={"language": "fr", "levels": levels})
    payments.journal.record("p1", CREDIT, method=CASH, amount_cents=1000, seq=1)
    payments.journal.record("p1", PAYOUT_INTENT, method=CASH, amount_cents=700, seq=1,
                            detail={"kind": "change", "levels": after_credit})
    cash.payout(700)  # paid, then the kiosk died
    [done] = payments.reconcile()
    assert done.result == "refunded"
    payouts = [e.amount_cents for e in payments.journal.entries("p1") if e.step == "payout"]
    assert payouts == [700, 300]  # the lost change, then the fee given back
    assert value_of(cash.levels()) == value_of(start)


def test_start_up_pays_back_no_float_loaded_after_the_crash(payments, cash):
    """The kiosk died with 5 € credited; before the restart a technician loaded 200 € of
    float. The recycler holds far more than the journal, not one note of this payment:
    only the 5 € are paid back at start-up, and the end of day says what to count."""
    levels = {str(k): v for k, v in cash.levels().items()}
    payments.journal.record("p1", INTENT, method=CASH, amount_cents=700,
                            detail={"language": "fr", "levels": levels})
    cash.enable(frozenset({500}))
    cash.insert(500)
    cash.poll()
    payments.journal.record("p1", CREDIT, method=CASH, amount_cents=500, seq=1)
    cash.disable()
    for _ in range(10):  # the technician's float: ten 20 € notes
        cash.enable(frozenset({2000}))
        cash.insert(2000)
        cash.poll()
    cash.disable()
    before = value_of(cash.levels())
    [done] = payments.reconcile()
    assert done.result == "refunded"
    assert before - value_of(cash.levels()) == 500  # the citizen's 5 €, no float
    steps_ = [(e.step, e.amount_cents) for e in payments.journal.entries("p1")]
    assert ("unexplained_levels", 20000) in steps_
    report = payments.end_of_day()
    assert any("20000 cents more in the recycler" in d for d in report.differences)
