"""The sagas over the real ZVT and eSSP drivers and their wire-protocol simulators."""

from __future__ import annotations

import pytest

from drivers.cash.essp.simulator import EsspCashSimulator
from drivers.payment.nexo.simulator import NexoTerminalSimulator
from drivers.payment.zvt.simulator import ZvtTerminalSimulator
from drivers.registry import default_registry
from kiosk.devices import DeviceOwner
from kiosk.payments.change import value_of
from kiosk.payments.service import PaymentService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.models import PrintedReceipt

from .conftest import FAST, SITE, count


@pytest.fixture
def zvt():
    with ZvtTerminalSimulator() as sim:
        yield sim, sim.start_tcp() + "?timeout=1.5"


def service(store, kind, uri):
    owner = DeviceOwner(kind, default_registry().open(kind, uri))
    card, cash = (owner, None) if kind == "card_terminal" else (None, owner)
    return PaymentService(store, ReceiptSpool(store, None), SITE, card, cash, FAST), owner


def test_a_zvt_reply_lost_after_approval_is_recovered_and_delivered(store, deliver, zvt):
    sim, uri = zvt
    sim.inject("reply_lost")
    payments, owner = service(store, "card_terminal", uri)
    try:
        outcome = payments.card.pay(300, language="fr", deliver=deliver)
    finally:
        owner.close()
    assert outcome.ok, outcome
    assert [p.approved and not p.reversed for p in sim.payments] == [True]
    steps = [e.step for e in payments.journal.entries(outcome.payment_id)]
    assert steps == ["intent", "result", "resolved", "completed"]


@pytest.fixture
def nexo():
    with NexoTerminalSimulator() as sim:
        yield sim, sim.start() + "&timeout=1.5"


def test_a_nexo_payment_is_journaled_with_the_terminal_ids(store, deliver, nexo):
    sim, uri = nexo
    payments, owner = service(store, "card_terminal", uri)
    try:
        outcome = payments.card.pay(300, language="fr", deliver=deliver)
    finally:
        owner.close()
    assert outcome.ok, outcome
    booked = sim.payments[0]
    assert booked.sale_transaction_id == outcome.payment_id  # the journal's id, on the wire
    result = payments.journal.entries(outcome.payment_id)[1].detail
    assert (result["trace"], result["receipt_no"]) == (booked.poi_transaction_id,
                                                       booked.timestamp)


@pytest.mark.parametrize("fault", ["amount_mismatch", "missing_poi_id", "not_json",
                                   "http_500"])
def test_a_bad_nexo_answer_is_left_for_reconciliation_never_approved(store, deliver, nexo,
                                                                     fault):
    sim, uri = nexo
    sim.inject(fault)
    sim.inject("status_down")  # the status enquiry cannot settle it either
    payments, owner = service(store, "card_terminal", uri)
    try:
        outcome = payments.card.pay(300, language="fr", deliver=deliver)
        assert outcome.status == "unknown", outcome
        steps = [e.step for e in payments.journal.entries(outcome.payment_id)]
        assert steps == ["intent", "result"]
        assert payments.journal.entries(outcome.payment_id)[1].detail["outcome"] == "unknown"
        # At the next start the terminal answers again: its own books decide.
        sim.clear()
        assert [r.result for r in payments.reconcile()] == (
            ["reversed"] if sim.payments else ["closed"])
    finally:
        owner.close()
    assert [p.approved and not p.reversed for p in sim.payments] in ([], [False])
    assert payments.journal.unfinished() == []


def test_the_nexo_terminals_period_is_compared_with_the_journal(store, deliver, nexo):
    from kiosk.payments.endofday import end_of_day

    sim, uri = nexo
    payments, owner = service(store, "card_terminal", uri)
    try:
        for amount in (300, 450):
            assert payments.card.pay(amount, language="fr", deliver=deliver).ok
        report = end_of_day(payments.journal, "k1", owner, None)
        assert report.ok, report.differences
        assert (report.card_count, report.terminal_total_cents) == (2, 750)
        assert sim.closed_periods == [{"count": 2, "total_cents": 750}]
        # Payments the journal never saw (one of them reversed): both totals tell.
        paid = owner.call(lambda t: t.authorise(300), 10)
        owner.call(lambda t: t.authorise(300), 10)
        owner.call(lambda t: t.reverse(paid.trace, paid.receipt_no), 10)
        report = end_of_day(payments.journal, "k1", owner, None)
        assert report.differences == (
            "card: the terminal's batch is 300 cents, the journal's 0",
            "card: the terminal counts 1 payments, the journal 0")
    finally:
        owner.close()


def test_a_zvt_decline_and_a_citizen_abort_charge_nothing(store, deliver, zvt):
    sim, uri = zvt
    payments, owner = service(store, "card_terminal", uri)
    try:
        sim.inject("decline")
        assert payments.card.pay(300, language="fr", deliver=deliver).status == "declined"
        sim.clear("decline")
        sim.inject("citizen_abort")
        assert payments.card.pay(300, language="fr", deliver=deliver).status == "aborted"
    finally:
        owner.close()
    assert payments.journal.unfinished() == []


def test_an_essp_jam_mid_payout_ends_with_a_voucher_for_the_rest(store, deliver):
    with EsspCashSimulator() as sim:
        uri = sim.start()
        start = value_of(sim.levels)
        sim.queue_insert(2000)
        sim.inject("jam_mid_payout")
        payments, owner = service(store, "cash", uri)
        try:
            outcome = payments.cash.pay(700, language="fr", deliver=deliver)
        finally:
            owner.close()
        assert outcome.ok
        # 13.00 change due; the jam let one 10.00 note out
        assert (outcome.change_cents, outcome.owed_cents) == (1000, 300)
        assert value_of(sim.levels) - start == 700 + 300
    assert count(store, PrintedReceipt, kind="payment_voucher") == 1


def test_a_zvt_payment_left_unknown_is_settled_before_the_next_card_is_charged(
        store, deliver, zvt):
    """The terminal books P1 but its answer is lost and it reboots before the kiosk can
    ask its last transaction: P1 is unknown. ZVT only ever tells its last transaction,
    so a second payment first would hide P1 for good (it used to be closed as "not
    charged": the citizen paid twice). The next payment first settles P1 — reversed, as
    its service was never delivered — and only then charges."""
    sim, uri = zvt
    payments, owner = service(store, "card_terminal", uri)
    try:
        sim.inject("reply_lost")

        def reboot_once_booked(prompt: str) -> None:
            if prompt == "processing":
                sim.inject("offline")

        first = payments.card.pay(300, language="fr", deliver=deliver,
                                  on_progress=reboot_once_booked)
        assert first.status == "unknown", first
        # Still rebooting: nothing is asked of the next card, and nothing is charged.
        refused = payments.card.pay(300, language="fr", deliver=deliver)
        assert refused.status == "aborted" and "not settled yet" in refused.reason
        assert len(sim.payments) == 1
        sim.clear("offline")
        sim.clear("reply_lost")
        second = payments.card.pay(300, language="fr", deliver=deliver)
    finally:
        owner.close()
    assert second.ok, second
    assert [(p.approved, p.reversed) for p in sim.payments] == [(True, True), (True, False)]
    settled = [e.step for e in payments.journal.entries(first.payment_id)]
    assert "reversal" in settled and settled[-1] == "closed", settled
    assert payments.journal.unfinished() == []


class CreditLostOnTheLine(EsspCashSimulator):
    """The serial line garbles the poll reply that carries a 5 € credit on every try the
    driver makes (a USB-serial hiccup): the device's event is lost, the note is in."""

    def __init__(self) -> None:
        super().__init__()
        self.garbled = 0

    def _answer(self, frame):
        wire = super()._answer(frame)
        if frame.data[:1] == b"\x07" and b"\xee\x01" in wire and self.garbled < 3:
            self.garbled += 1
            return wire[:-1] + bytes([wire[-1] ^ 0x55])
        return wire


def test_an_essp_credit_lost_on_the_line_is_recovered_from_the_levels(store, deliver):
    """10 € then 5 € for a 15 € fee; the 5 € credit never reaches the kiosk and the link
    fails. The payment stops, and the citizen gets back all 15 € — the 5 € are found in
    the levels — not only the 10 € the journal knew of."""
    with CreditLostOnTheLine() as sim:
        uri = sim.start()
        start = value_of(sim.levels)
        sim.queue_insert(1000, 500)
        payments, owner = service(store, "cash", uri)
        try:
            outcome = payments.cash.pay(1500, language="fr", deliver=deliver)
        finally:
            owner.close()
        assert sim.garbled == 3  # the fault did happen
        assert outcome.status == "cancelled", outcome
        assert (outcome.inserted_cents, outcome.refunded_cents, outcome.owed_cents) == (
            1500, 1500, 0)
        assert value_of(sim.levels) == start  # nothing kept
    credits = [(e.amount_cents, e.detail.get("recovered"))
               for e in payments.journal.entries(outcome.payment_id) if e.step == "credit"]
    assert credits == [(1000, None), (500, "levels")]
