"""The card saga against the in-process terminal: every ending, and reconciliation."""

from __future__ import annotations

from drivers.errors import DeviceTimeoutError
from drivers.payment.interface import CardPaymentResult
from kiosk.payments.journal import CARD, CLOSED, INTENT, RESULT
from kiosk.store.models import PaymentJournalEntry, RequestRow

from .conftest import count, failing_deliver, rows


def steps_of(payments, payment_id):
    return [(e.step, e.seq) for e in payments.journal.entries(payment_id)]


def test_an_approved_payment_completes_with_request_event_and_receipts(payments, deliver,
                                                                       store, caplog):
    caplog.set_level("DEBUG")
    prompts = []
    outcome = payments.card.pay(300, language="fr", deliver=deliver, on_progress=prompts.append)
    assert outcome.ok and outcome.reference.startswith("LAEKEN-")
    assert prompts == ["insert_card", "enter_pin", "processing"]
    assert steps_of(payments, outcome.payment_id) == [
        ("intent", 0), ("result", 0), ("completed", 0)]
    requests, events, receipts = rows(store)
    assert requests == 1
    assert events == ["certificate_request.submitted", "payment.completed"]
    assert receipts == ["payment", "request_confirmation"]
    with store.read() as session:
        request = session.get(RequestRow, outcome.request_id)
        assert request.payload["payment"]["payment_id"] == outcome.payment_id
        assert "masked_pan" not in request.payload["payment"]
    assert payments.journal.unfinished() == []
    assert "1234" not in caplog.text  # the masked PAN stays out of the logs too


def test_a_declined_card_closes_the_payment_and_delivers_nothing(payments, deliver, store,
                                                                 terminal):
    terminal.faults.inject("decline")
    outcome = payments.card.pay(300, language="nl", deliver=deliver)
    assert outcome.status == "declined"
    assert steps_of(payments, outcome.payment_id) == [
        ("intent", 0), ("result", 0), ("closed", 0)]
    assert count(store, RequestRow) == 0
    assert payments.journal.unfinished() == []


def test_a_lost_answer_is_settled_from_the_terminals_last_transaction(payments, deliver,
                                                                      terminal):
    terminal.faults.inject("timeout")  # never booked: the last transaction is not ours
    outcome = payments.card.pay(300, language="fr", deliver=deliver)
    assert outcome.status == "aborted"
    entries = payments.journal.entries(outcome.payment_id)
    assert [e.step for e in entries] == ["intent", "result", "resolved", "closed"]
    assert entries[1].detail["outcome"] == "unknown"
    assert entries[2].detail["outcome"] == "not_charged"


def test_a_reply_lost_after_approval_is_recognised_and_completed(payments, deliver, owners):
    real = owners["card"].device
    authorise = real.authorise
    booked = []

    def authorise_then_lose_the_answer(amount, on_progress=None, **kwargs):
        booked.append(authorise(amount, on_progress, **kwargs))
        raise DeviceTimeoutError("reply lost")

    real.authorise = authorise_then_lose_the_answer
    outcome = payments.card.pay(300, language="fr", deliver=deliver)
    assert outcome.ok
    resolved = payments.journal.entries(outcome.payment_id)[2]
    assert (resolved.step, resolved.detail["trace"]) == ("resolved", booked[0].trace)


def test_when_delivery_fails_the_payment_is_reversed(payments, terminal, store):
    outcome = payments.card.pay(300, language="fr", deliver=failing_deliver)
    assert outcome.status == "failed"
    assert len(terminal.reversed) == 1
    assert [s for s, _ in steps_of(payments, outcome.payment_id)] == [
        "intent", "result", "reversal_intent", "reversal", "closed"]
    assert rows(store) == (0, [], [])


def test_an_approved_but_undelivered_payment_is_reversed_at_start_up(payments, terminal):
    paid = terminal.authorise(300)
    payments.journal.record("p1", INTENT, method=CARD, amount_cents=300, detail={})
    payments.journal.record("p1", RESULT, method=CARD, amount_cents=300,
                            detail={"outcome": "approved", "trace": paid.trace,
                                    "receipt_no": paid.receipt_no})
    [done] = payments.reconcile()
    assert (done.payment_id, done.result) == ("p1", "reversed")
    assert terminal.reversed == [paid.trace]
    assert payments.reconcile() == []  # idempotent: nothing left


def test_an_intent_the_terminal_booked_is_found_and_reversed(payments, terminal):
    payments.journal.record("p1", INTENT, method=CARD, amount_cents=300, detail={})
    paid = terminal.authorise(300)  # then the kiosk died before journaling the answer
    [done] = payments.reconcile()
    assert done.result == "reversed" and terminal.reversed == [paid.trace]


def test_a_last_transaction_claimed_by_another_payment_is_not_reversed(payments, deliver,
                                                                       terminal):
    first = payments.card.pay(300, language="fr", deliver=deliver)
    assert first.ok
    payments.journal.record("p2", INTENT, method=CARD, amount_cents=300, detail={})
    [done] = payments.reconcile()
    assert done.result == "closed" and terminal.reversed == []


def test_an_offline_terminal_leaves_the_payment_pending_until_it_answers(payments, terminal):
    payments.journal.record("p1", INTENT, method=CARD, amount_cents=300, detail={})
    terminal.faults.inject("offline")
    assert [r.result for r in payments.reconcile()] == ["pending"]
    terminal.faults.clear("offline")
    assert [r.result for r in payments.reconcile()] == ["closed"]


def test_recording_a_step_twice_is_harmless(payments, store):
    assert payments.journal.record("p1", INTENT, method=CARD, amount_cents=300)
    assert not payments.journal.record("p1", INTENT, method=CARD, amount_cents=300)
    assert count(store, PaymentJournalEntry) == 1


def test_a_reversal_the_terminal_already_did_counts_as_done(payments, owners):
    terminal = owners["card"].device
    paid = terminal.authorise(300)
    payments.journal.record("p1", INTENT, method=CARD, amount_cents=300, detail={})
    payments.journal.record("p1", RESULT, method=CARD, amount_cents=300,
                            detail={"outcome": "approved", "trace": paid.trace})
    terminal.reverse = lambda trace, receipt_no="": CardPaymentResult(
        approved=False, amount_cents=0, reason="already reversed", outcome="error")
    assert [r.result for r in payments.reconcile()] == ["reversed"]


def test_a_payment_hidden_by_a_later_ones_transaction_is_never_closed_as_not_charged(
        payments, deliver, terminal):
    """A journal an older kiosk left: p1 unknown, then p2 charged. The terminal's last
    transaction is p2's and says nothing of p1: p1 stays pending (for reconciliation
    with the acquirer), not "closed, not charged"."""
    payments.journal.record("p1", INTENT, method=CARD, amount_cents=300, detail={})
    terminal.authorise(300)  # p1, booked; the kiosk never learnt it
    payments.journal.record("p2", INTENT, method=CARD, amount_cents=300, detail={})
    later = terminal.authorise(300)
    payments.journal.record("p2", RESULT, method=CARD, amount_cents=300,
                            detail={"outcome": "approved", "trace": later.trace})
    payments.journal.record("p2", CLOSED, method=CARD, amount_cents=0, detail={})
    assert [(r.payment_id, r.result) for r in payments.reconcile()] == [("p1", "pending")]
    assert terminal.reversed == []
