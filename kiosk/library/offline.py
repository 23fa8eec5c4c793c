"""The kiosk store's library tables: offline transactions, patron cache, staff report.

The card barcode (or eID token) of an offline transaction is kept only until its
replay succeeds; the cache holds keyed hashes only (kiosk/library/eid.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.library.eid import mask_card
from kiosk.store.database import Store
from kiosk.store.models import LibraryPatronCache, LibraryStaffReport, LibraryTransaction

CHECKOUT = "checkout"
CHECKIN = "checkin"
PENDING, SENDING, REPLAYED, REFUSED = "pending", "sending", "replayed", "refused"
WAITING = (PENDING, SENDING)


@dataclass(frozen=True)
class OfflineTxn:
    seq: int
    txn_id: str
    kind: str
    patron_identifier: str | None
    item_id: str
    occurred_at: datetime
    state: str
    attempts: int
    due_date: date | None = None  # a checkout's: the due date its slip promised


@dataclass(frozen=True)
class ReportEntry:
    id: int
    kind: str
    item_id: str | None
    patron_identifier: str | None
    patron_label: str
    reason: str
    occurred_at: datetime
    reported_at: datetime
    resolved: bool


def _txn(row: LibraryTransaction) -> OfflineTxn:
    return OfflineTxn(
        row.seq,
        row.txn_id,
        row.kind,
        row.patron_identifier,
        row.item_id,
        row.occurred_at,
        row.state,
        row.attempts,
        date.fromisoformat(row.due_date) if row.due_date else None,
    )


class OfflineStore:
    def __init__(
        self, store: Store, now: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.store = store
        self._now = now

    # --- patron cache -----------------------------------------------------------------

    def remember_patron(self, keys: list[str], blocked: bool) -> None:
        now = self._now()
        with self.store.write() as session:
            for key in keys:
                row = session.get(LibraryPatronCache, key)
                if row is None:
                    session.add(LibraryPatronCache(patron_key=key, blocked=blocked, seen_at=now))
                else:
                    row.blocked, row.seen_at = blocked, now

    def known_patron(self, key: str, max_age_days: int) -> bool | None:
        """None: not seen recently enough; else whether they were blocked."""
        with self.store.read() as session:
            row = session.get(LibraryPatronCache, key)
        if row is None or row.seen_at < self._now() - timedelta(days=max_age_days):
            return None
        return row.blocked

    # --- offline transactions ---------------------------------------------------------

    def count_waiting(self, *, kind: str | None = None, patron_key: str | None = None) -> int:
        query = (
            select(func.count())
            .select_from(LibraryTransaction)
            .where(LibraryTransaction.state.in_(WAITING))
        )
        if kind is not None:
            query = query.where(LibraryTransaction.kind == kind)
        if patron_key is not None:
            query = query.where(LibraryTransaction.patron_key == patron_key)
        with self.store.read() as session:
            return int(session.execute(query).scalar_one())

    def is_waiting(self, kind: str, item_id: str) -> bool:
        with self.store.read() as session:
            return (
                session.execute(
                    select(LibraryTransaction.seq)
                    .where(
                        LibraryTransaction.state.in_(WAITING),
                        LibraryTransaction.kind == kind,
                        LibraryTransaction.item_id == item_id,
                    )
                    .limit(1)
                ).first()
                is not None
            )

    def record(
        self,
        kind: str,
        item_id: str,
        *,
        patron_identifier: str | None,
        patron_key: str | None,
        due: date | None,
    ) -> OfflineTxn:
        """Commit one offline transaction (before the screen says "done")."""
        row = LibraryTransaction(
            txn_id=str(uuid.uuid4()),
            kind=kind,
            patron_identifier=patron_identifier,
            patron_key=patron_key,
            item_id=item_id,
            occurred_at=self._now(),
            due_date=due.isoformat() if due else None,
            state=PENDING,
            attempts=0,
        )
        with self.store.write() as session:
            session.add(row)
            session.flush()
            return _txn(row)

    def next_waiting(self, after_seq: int) -> OfflineTxn | None:
        """The oldest transaction still to replay after ``after_seq`` (one at a time, so
        a long backlog is never loaded whole)."""
        with self.store.read() as session:
            row = session.execute(
                select(LibraryTransaction)
                .where(LibraryTransaction.state.in_(WAITING), LibraryTransaction.seq > after_seq)
                .order_by(LibraryTransaction.seq)
                .limit(1)
            ).scalar_one_or_none()
            return _txn(row) if row else None

    def mark_sending(self, seq: int) -> None:
        with self.store.write() as session:
            row = session.get(LibraryTransaction, seq)
            assert row is not None
            row.state = SENDING
            row.attempts += 1

    def finish(self, seq: int, *, accepted: bool, reason: str) -> None:
        """Replayed, or refused with the reason and a staff report line: one commit."""
        now = self._now()
        with self.store.write() as session:
            row = session.get(LibraryTransaction, seq)
            assert row is not None
            if row.state in (REPLAYED, REFUSED):
                return
            row.state = REPLAYED if accepted else REFUSED
            row.reason = reason or None
            row.replayed_at = now
            if accepted:
                row.patron_identifier = None  # nobody needs the card number any more
            else:
                self._report(
                    session,
                    source_id=row.txn_id,
                    kind=f"{row.kind}_refused",
                    item_id=row.item_id,
                    patron_identifier=row.patron_identifier,
                    reason=reason or "refused without a reason",
                    occurred_at=row.occurred_at,
                )

    def transactions(self) -> list[OfflineTxn]:
        with self.store.read() as session:
            rows = session.execute(
                select(LibraryTransaction).order_by(LibraryTransaction.seq)
            ).scalars()
            return [_txn(r) for r in rows]

    # --- staff report -----------------------------------------------------------------

    def report_problem(
        self,
        *,
        source_id: str,
        kind: str,
        patron_identifier: str | None,
        reason: str,
        item_id: str | None = None,
    ) -> None:
        with self.store.write() as session:
            self._report(
                session,
                source_id=source_id,
                kind=kind,
                item_id=item_id,
                patron_identifier=patron_identifier,
                reason=reason,
                occurred_at=self._now(),
            )

    def _report(
        self,
        session: Session,
        *,
        source_id: str,
        kind: str,
        item_id: str | None,
        patron_identifier: str | None,
        reason: str,
        occurred_at: datetime,
    ) -> None:
        exists = session.execute(
            select(LibraryStaffReport.id).where(LibraryStaffReport.source_id == source_id)
        ).first()
        if exists is not None:
            return
        session.add(
            LibraryStaffReport(
                source_id=source_id,
                kind=kind,
                item_id=item_id,
                patron_identifier=patron_identifier,
                patron_label=mask_card(patron_identifier) if patron_identifier else "-",
                reason=reason,
                occurred_at=occurred_at,
                reported_at=self._now(),
            )
        )

    def report(self, include_resolved: bool = False) -> list[ReportEntry]:
        query = select(LibraryStaffReport).order_by(LibraryStaffReport.id)
        if not include_resolved:
            query = query.where(LibraryStaffReport.resolved_at.is_(None))
        with self.store.read() as session:
            return [
                ReportEntry(
                    r.id,
                    r.kind,
                    r.item_id,
                    r.patron_identifier,
                    r.patron_label,
                    r.reason,
                    r.occurred_at,
                    r.reported_at,
                    r.resolved_at is not None,
                )
                for r in session.execute(query).scalars()
            ]

    def resolve(self, entry_id: int) -> bool:
        with self.store.write() as session:
            row = session.get(LibraryStaffReport, entry_id)
            if row is None or row.resolved_at is not None:
                return False
            row.resolved_at = self._now()
            return True
