"""The payment journal: every step of every payment, each committed on its own.

A payment goes intent → device result(s) → completion (or closure). Each step is one
row written in its own transaction *before* the next device action, so after a crash
the journal says exactly how far a payment got. Rows never change; the unique
``(payment_id, step, seq)`` index makes recording a step twice harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.audit.log import AuditLog
from kiosk.audit.payments import journal_step
from kiosk.store.database import Store
from kiosk.store.models import PaymentJournalEntry

# The steps. A payment is finished once it has COMPLETED or CLOSED.
INTENT = "intent"  # the kiosk is about to ask a device for money
RESULT = "result"  # card: what authorise() answered (outcome "unknown" if nothing)
RESOLVED = "resolved"  # card: what the terminal's last transaction says, after "unknown"
REVERSAL_INTENT = "reversal_intent"  # card: about to reverse (seq = attempt)
REVERSAL = "reversal"  # card: the reversal went through
CREDIT = "credit"  # cash: one note or coin counted (seq = 1, 2, …)
PAYOUT_INTENT = "payout_intent"  # cash: about to pay out (seq = payout number)
PAYOUT = "payout"  # cash: what that payout actually paid
# cash: the recycler held more than the journal, not one note of the payment (float
# loaded meanwhile?): not paid out, left for the end-of-day count
UNEXPLAINED = "unexplained_levels"
DEBT = "debt"  # cash the city owes the citizen (a voucher was staged with it)
COMPLETED = "completed"  # the service was delivered, in the same transaction
CLOSED = "closed"  # finished without delivery: nothing charged, or all given back
END_OF_DAY = "end_of_day"  # not a payment: the end-of-day report, a marker for totals

FINISHED = frozenset({COMPLETED, CLOSED})
CARD, CASH = "card", "cash"


@dataclass(frozen=True)
class JournalEntry:
    """A journal row as the payment code sees it (ORM rows stay in this module)."""

    id: int
    payment_id: str
    step: str
    seq: int
    method: str
    amount_cents: int
    detail: dict[str, Any] = field(default_factory=dict)
    request_id: str | None = None
    created_at: datetime | None = None


def _entry(row: PaymentJournalEntry) -> JournalEntry:
    return JournalEntry(row.id, row.payment_id, row.step, row.seq, row.method,
                        row.amount_cents, dict(row.detail), row.request_id, row.created_at)


class PaymentJournal:
    """Reads and appends journal steps; every write is one ``Store.write()``.

    With ``audit``, every step written is also appended to the audit log in the same
    transaction, as done by ``actor`` unless a step names its own (kiosk/audit)."""

    def __init__(self, store: Store,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 audit: AuditLog | None = None, actor: str = "kiosk") -> None:
        self._store = store
        self._now = now
        self._audit = audit
        self._actor = actor

    @property
    def store(self) -> Store:
        return self._store

    def record(self, payment_id: str, step: str, *, method: str, amount_cents: int,
               detail: dict[str, Any] | None = None, seq: int = 0,
               request_id: str | None = None, session: Session | None = None,
               actor: str | None = None) -> bool:
        """Append one step; returns False when it was already journaled (idempotent).

        With ``session`` the step joins the caller's transaction (completion writes the
        domain rows, the outbox event, the receipt and this step together); without
        it the step is committed on its own before this returns. ``actor`` names who
        caused the step in the audit log (default: the journal's own actor).
        """
        if session is not None:
            return self._add(session, payment_id, step, method, amount_cents, detail or {},
                             seq, request_id, actor)
        with self._store.write() as own:
            return self._add(own, payment_id, step, method, amount_cents, detail or {},
                             seq, request_id, actor)

    def _add(self, session: Session, payment_id: str, step: str, method: str,
             amount_cents: int, detail: dict[str, Any], seq: int,
             request_id: str | None, actor: str | None = None) -> bool:
        # Writers are serialised (Store.write + BEGIN IMMEDIATE), so look-then-insert
        # cannot race; the unique index is the backstop.
        exists = session.scalar(select(PaymentJournalEntry.id).where(
            PaymentJournalEntry.payment_id == payment_id, PaymentJournalEntry.step == step,
            PaymentJournalEntry.seq == seq))
        if exists is not None:
            return False
        session.add(PaymentJournalEntry(
            payment_id=payment_id, request_id=request_id, step=step, seq=seq, method=method,
            amount_cents=amount_cents, detail=detail, created_at=self._now()))
        session.flush()
        if self._audit is not None:
            journal_step(self._audit, session, actor=actor or self._actor,
                         payment_id=payment_id, step=step, seq=seq, method=method,
                         amount_cents=amount_cents, detail=detail, request_id=request_id)
        return True

    def entries(self, payment_id: str) -> list[JournalEntry]:
        """The steps of one payment, oldest first."""
        with self._store.read() as session:
            rows = session.scalars(select(PaymentJournalEntry)
                                   .where(PaymentJournalEntry.payment_id == payment_id)
                                   .order_by(PaymentJournalEntry.id)).all()
            return [_entry(r) for r in rows]

    def unfinished(self) -> list[str]:
        """Payments with an intent but neither completion nor closure, oldest first."""
        with self._store.read() as session:
            started = session.scalars(select(PaymentJournalEntry.payment_id)
                                      .where(PaymentJournalEntry.step == INTENT)
                                      .order_by(PaymentJournalEntry.id)).all()
            done = set(session.scalars(select(PaymentJournalEntry.payment_id)
                                       .where(PaymentJournalEntry.step.in_(FINISHED))).all())
        return [p for p in started if p not in done]

    def claimed_traces(self, excluding: str) -> dict[str, int]:
        """Card traces the journal already ties to another payment than ``excluding``,
        each with the row id of that payment's intent (which payment came first).

        A terminal's last transaction whose trace is claimed belongs to someone else,
        so it says nothing about the payment being settled."""
        with self._store.read() as session:
            rows = session.execute(select(PaymentJournalEntry.payment_id,
                                          PaymentJournalEntry.detail).where(
                PaymentJournalEntry.method == CARD,
                PaymentJournalEntry.step.in_((RESULT, RESOLVED)),
                PaymentJournalEntry.payment_id != excluding)).all()
            owners = {payment_id for payment_id, detail in rows if detail.get("trace")}
            intents = dict(session.execute(select(PaymentJournalEntry.payment_id,
                                                  PaymentJournalEntry.id).where(
                PaymentJournalEntry.step == INTENT,
                PaymentJournalEntry.payment_id.in_(owners))).all()) if owners else {}
        return {str(detail["trace"]): intents.get(payment_id, 0)
                for payment_id, detail in rows if detail.get("trace")}

    def unfinished_of(self, method: str) -> list[str]:
        """:meth:`unfinished` payments of one method (card, cash), oldest first."""
        with self._store.read() as session:
            methods = dict(session.execute(select(PaymentJournalEntry.payment_id,
                                                  PaymentJournalEntry.method).where(
                PaymentJournalEntry.step == INTENT)).all())
        return [p for p in self.unfinished() if methods.get(p) == method]

    def since(self, after_id: int) -> list[JournalEntry]:
        """Every step journaled after row ``after_id``, oldest first."""
        with self._store.read() as session:
            rows = session.scalars(select(PaymentJournalEntry)
                                   .where(PaymentJournalEntry.id > after_id)
                                   .order_by(PaymentJournalEntry.id)).all()
            return [_entry(r) for r in rows]

    def last_end_of_day(self) -> JournalEntry | None:
        with self._store.read() as session:
            row = session.scalars(select(PaymentJournalEntry)
                                  .where(PaymentJournalEntry.step == END_OF_DAY)
                                  .order_by(PaymentJournalEntry.id.desc()).limit(1)).first()
            return _entry(row) if row is not None else None


def steps(entries: Iterable[JournalEntry], step: str) -> list[JournalEntry]:
    """The entries of one kind of step, in journal order."""
    return [e for e in entries if e.step == step]


def first(entries: Iterable[JournalEntry], step: str) -> JournalEntry | None:
    found = steps(entries, step)
    return found[0] if found else None
