"""SIGKILL at every step of a card and a cash payment, over the real ZVT, nexo and eSSP
drivers; after restart, reconciliation leaves nothing lost and nothing charged twice.

The simulators live in this (parent) process, so the terminal's books and the
recycler's levels survive the child's death and are the ground truth checked here.
"""

from __future__ import annotations

import select
import signal
import subprocess
import sys
import threading
import time
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from sqlalchemy import select as sql_select

from drivers.cash.essp.simulator import EsspCashSimulator
from drivers.payment.nexo.simulator import NexoTerminalSimulator
from drivers.payment.zvt.simulator import ZvtTerminalSimulator
from drivers.registry import default_registry
from kiosk.devices import DeviceOwner
from kiosk.payments.change import value_of
from kiosk.payments.service import PaymentService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store
from kiosk.store.models import PaymentJournalEntry, PrintedReceipt, RequestRow

from .conftest import FAST, SITE, count

CHILD = Path(__file__).with_name("payment_child.py")

# kill point → how the card payment must end after reconciliation
CARD_KILLS = {
    "commit:1": {"closed"},  # intent journaled, terminal never asked
    "prompt:insert_card": {"closed"},  # mid-authorisation, before the terminal booked it
    "prompt:processing": {"closed", "reversed"},  # the terminal may have booked it
    "authorised": {"reversed"},  # approved, answer never journaled
    "commit:2": {"reversed"},  # approved and journaled, not delivered
    "flush:completed": {"reversed"},  # killed inside the completion transaction
    "commit:3": {"completed"},
    "none": {"completed"},
}
# nexo over HTTP has no prompts from the terminal: the driver says "insert_card" before
# it sends; "inflight" kills the kiosk once the terminal holds the request (the twin then
# books the payment and its answer goes nowhere).
NEXO_KILLS = {
    "commit:1": {"closed"},
    "prompt:insert_card": {"closed"},
    "inflight": {"reversed"},
    "authorised": {"reversed"},
    "commit:2": {"reversed"},
    "flush:completed": {"reversed"},
    "commit:3": {"completed"},
    "none": {"completed"},
}
CARD_CASES = [("zvt", k) for k in CARD_KILLS] + [("nexo", k) for k in NEXO_KILLS]
# 7.00 paid with two 5.00 notes: intent, credit, credit, payout intent, payout, completed
CASH_KILLS = ("commit:1", "commit:2", "commit:3", "commit:4", "commit:5", "flush:credit",
              "paid_out", "flush:completed", "commit:6", "none")


def run_child(db: Path, method: str, uri: str, amount: int, kill_at: str,
              kill_when: threading.Event | None = None) -> str:
    """Run the child until it pauses (then SIGKILL it) or finishes; returns how it ended.
    ``kill_when``: SIGKILL it as soon as this event is set (the parent's own kill point)."""
    proc = subprocess.Popen([sys.executable, str(CHILD), str(db), method, uri, str(amount),
                             kill_at], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], 0.05)
            if kill_when is not None and kill_when.is_set():
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=10)
                return "killed"
            if not ready:
                continue
            line = proc.stdout.readline().strip()
            if line == "PAUSED":
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=10)
                assert proc.returncode == -signal.SIGKILL
                return "killed"
            if line.startswith("DONE") or not line:
                proc.wait(timeout=10)
                assert proc.returncode == 0, proc.stderr.read()
                return line
        raise AssertionError(f"child stuck at {kill_at}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()


def ending(store: Store) -> tuple[set[str], int]:
    """How the payment ended per the journal, and the debts it recorded."""
    with store.read() as session:
        entries = session.scalars(sql_select(PaymentJournalEntry)).all()
        steps = {e.step for e in entries}
        debts = sum(e.amount_cents for e in entries if e.step == "debt")
    if "completed" in steps:
        return {"completed"}, debts
    return ({"reversed"} if "reversal" in steps else {"closed"}), debts


def reconciled(db: Path, kind: str, uri: str) -> tuple[Store, DeviceOwner]:
    store = Store(db)
    owner = DeviceOwner(kind, default_registry().open(kind, uri))
    card, cash = (owner, None) if kind == "card_terminal" else (None, owner)
    service = PaymentService(store, ReceiptSpool(store, None), SITE, card, cash, FAST)
    results = service.reconcile()
    assert all(r.result != "pending" for r in results), results
    assert service.journal.unfinished() == []
    assert service.reconcile() == []  # a second start-up finds nothing to do
    return store, owner


def _terminal(protocol: str) -> tuple[AbstractContextManager, str]:
    if protocol == "zvt":
        zvt = ZvtTerminalSimulator()
        return zvt, zvt.start_tcp()
    # The card is "presented" for 0.3 s: long enough to kill the kiosk while it waits.
    nexo = NexoTerminalSimulator(card_delay=0.3)
    return nexo, nexo.start()


@pytest.mark.parametrize(("protocol", "kill_at"), CARD_CASES)
def test_a_card_payment_killed_anywhere_is_kept_or_reversed(tmp_path, protocol, kill_at):
    db = tmp_path / "kiosk.db"
    Store(db).close()
    expected = (CARD_KILLS if protocol == "zvt" else NEXO_KILLS)[kill_at]
    sim, uri = _terminal(protocol)
    with sim:
        inflight = kill_at == "inflight"
        ended = run_child(db, "card", uri, 300, "none" if inflight else kill_at,
                          kill_when=sim.received if inflight else None)
        assert ended == ("DONE completed" if kill_at == "none" else "killed")
        store, owner = reconciled(db, "card_terminal", uri)
        try:
            end, _ = ending(store)
            assert end <= expected, end
            charged = [p for p in sim.payments if p.approved and not p.reversed]
            delivered = count(store, RequestRow)
            # Charged exactly when delivered, and never twice.
            assert len(charged) == delivered == (1 if end == {"completed"} else 0)
            assert sum(p.amount_cents for p in charged) == 300 * delivered
        finally:
            owner.close()
            store.close()


@pytest.mark.parametrize("kill_at", CASH_KILLS)
def test_a_cash_payment_killed_anywhere_is_kept_paid_back_or_owed(tmp_path, kill_at):
    db = tmp_path / "kiosk.db"
    Store(db).close()
    with EsspCashSimulator() as sim:
        uri = sim.start()
        start = value_of(sim.levels)
        sim.queue_insert(500, 500)
        ended = run_child(db, "cash", uri, 700, kill_at)
        assert ended == ("DONE completed" if kill_at == "none" else "killed")
        store, owner = reconciled(db, "cash", uri)
        try:
            end, debts = ending(store)
            kept = value_of(sim.levels) - start
            fee = 700 if end == {"completed"} else 0
            # The kiosk keeps the fee of a delivered service and whatever it owes on a
            # voucher, not a cent more; undelivered means everything given back.
            assert kept == fee + debts, (end, kept, debts)
            assert count(store, RequestRow) == (1 if fee else 0)
            assert count(store, PrintedReceipt, kind="payment_voucher") == (1 if debts else 0)
            if kill_at in ("commit:6", "none"):
                assert end == {"completed"}
            elif kill_at != "commit:1":
                assert end == {"closed"} and kept == 0
        finally:
            owner.close()
            store.close()
