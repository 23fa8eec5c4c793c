"""The retention purge: personal data leaves the store ``retention_days`` after sync.

What goes, in one transaction (``kiosk store purge``; ``kiosk sync run`` once a day):

- a request whose events were all delivered is stamped ``synced_at`` when the purge
  first sees it so; ``retention_days`` later its row is deleted, or, when a payment or
  an owed receipt still points at it, its payload is cut down to non-personal keys;
- printed receipts of those requests (and printed receipts of no request) are deleted;
  receipts still owed to a citizen (pending, failed) stay until printed;
- dead letters keep only ids, type and reason once dead-lettered that long ago: their
  payloads and their requests' payloads lose every personal key;
- library transactions replayed that long ago are deleted;
- the payment journal is kept (it is the money's record) with card data masked.

Nothing that still waits to be sent is touched: a pending event keeps its request whole.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, select, update

from kiosk.domain.personal_data import NON_PERSONAL_KEYS
from kiosk.store.database import Store
from kiosk.store.models import (
    LibraryTransaction,
    OutboxEvent,
    PaymentJournalEntry,
    PrintedReceipt,
    RequestRow,
    SyncState,
)

log = logging.getLogger(__name__)

# Card data in payment journal details (the terminal's masked PAN still shows digits).
CARD_KEYS = frozenset({"masked_pan", "pan_masked", "pan", "card_number"})
MASKED = "****"
UNSYNCED_STATES = ("pending", "rejected")
LAST_RUN_KEY = "privacy.purge"
PURGED_MARK = "purged_at"


@dataclass(frozen=True)
class PurgeReport:
    marked_synced: int = 0
    requests_deleted: int = 0
    requests_scrubbed: int = 0
    receipts_deleted: int = 0
    dead_letters_stripped: int = 0
    library_cleared: int = 0
    journal_masked: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def scrub_payload(payload: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Only the non-personal keys of ``payload``, stamped with when the rest went."""
    # What is kept after retention: the keys that name no one (what, where, when, how
    # much), the same list data minimisation checks payloads against.
    kept = {k: v for k, v in payload.items() if k in NON_PERSONAL_KEYS}
    kept[PURGED_MARK] = now.astimezone(UTC).isoformat()
    return kept


def mask_card_data(detail: dict[str, Any]) -> dict[str, Any] | None:
    """``detail`` with card data masked; None when there is nothing (left) to mask."""
    if not any(k in CARD_KEYS and v not in ("", None, MASKED) for k, v in detail.items()):
        return None
    return {k: (MASKED if k in CARD_KEYS and v not in ("", None) else v) for k, v in detail.items()}


def purge(store: Store, *, retention_days: int, now: datetime) -> PurgeReport:
    """Apply the retention rules at ``now`` (see the module docstring)."""
    if retention_days < 1:
        raise ValueError(f"retention_days must be at least 1, not {retention_days}")
    cutoff = now - timedelta(days=retention_days)
    with store.write() as session:
        unsynced = exists().where(
            OutboxEvent.request_id == RequestRow.id, OutboxEvent.state.in_(UNSYNCED_STATES)
        )
        marked = session.execute(
            update(RequestRow)
            .where(RequestRow.synced_at.is_(None), ~unsynced)
            .values(synced_at=now)
        ).rowcount

        expired = (
            session.execute(select(RequestRow).where(RequestRow.synced_at <= cutoff, ~unsynced))
            .scalars()
            .all()
        )
        expired_ids = [r.id for r in expired]
        receipts = session.execute(
            delete(PrintedReceipt).where(
                PrintedReceipt.status == "printed",
                (PrintedReceipt.request_id.in_(expired_ids))
                | (PrintedReceipt.request_id.is_(None) & (PrintedReceipt.created_at <= cutoff)),
            )
        ).rowcount
        deleted = scrubbed = 0
        for row in expired:
            if _referenced(session, row.id):
                if PURGED_MARK not in row.payload:
                    row.payload = scrub_payload(row.payload, now)
                    scrubbed += 1
            else:
                # Delivered events left the outbox already; nothing else points here.
                session.delete(row)
                deleted += 1

        stripped = 0
        letters = (
            session.execute(
                select(OutboxEvent).where(
                    OutboxEvent.state == "rejected",
                    OutboxEvent.dead_lettered_at <= cutoff,
                )
            )
            .scalars()
            .all()
        )
        for letter in letters:
            if PURGED_MARK in letter.payload:
                continue
            letter.payload = scrub_payload(letter.payload, now)
            stripped += 1
            request = session.get(RequestRow, letter.request_id) if letter.request_id else None
            if request is not None and PURGED_MARK not in request.payload:
                request.payload = scrub_payload(request.payload, now)
                scrubbed += 1

        library = session.execute(
            delete(LibraryTransaction).where(
                LibraryTransaction.state == "replayed",
                LibraryTransaction.replayed_at <= cutoff,
            )
        ).rowcount

        masked = 0
        for entry in session.execute(
            select(PaymentJournalEntry).where(PaymentJournalEntry.created_at <= cutoff)
        ).scalars():
            detail = mask_card_data(entry.detail)
            if detail is not None:
                entry.detail = detail
                masked += 1
    report = PurgeReport(marked, deleted, scrubbed, receipts, stripped, library, masked)
    log.info("retention purge (%d days): %s", retention_days, report.as_dict())
    return report


def _referenced(session: Any, request_id: str) -> bool:
    """Whether a payment step, a receipt still owed or an outbox event points at it."""
    for model in (PaymentJournalEntry, PrintedReceipt, OutboxEvent):
        if (
            session.execute(select(model).where(model.request_id == request_id).limit(1)).first()
            is not None
        ):
            return True
    return False


class DailyPurge:
    """Runs :func:`purge` at most once a day, remembered in the store across restarts;
    for ``kiosk sync run``'s relay cycle. A failed purge is logged and tried next day:
    it must never stop the relay."""

    def __init__(
        self,
        store: Store,
        retention_days: int,
        clock: Any = None,
        every: timedelta = timedelta(days=1),
    ) -> None:
        self._store = store
        self._retention_days = retention_days
        self._clock = clock or (lambda: datetime.now(UTC))
        self._every = every

    def due(self, now: datetime) -> bool:
        with self._store.read() as session:
            row = session.get(SyncState, LAST_RUN_KEY)
            if row is None:
                return True
            last = datetime.fromisoformat(row.value["at"])
        return now - last >= self._every or now < last

    def maybe_run(self) -> PurgeReport | None:
        now = self._clock()
        try:
            if not self.due(now):
                return None
            report = purge(self._store, retention_days=self._retention_days, now=now)
            with self._store.write() as session:
                session.merge(
                    SyncState(
                        key=LAST_RUN_KEY,
                        updated_at=now,
                        value={"at": now.isoformat(), **report.as_dict()},
                    )
                )
            return report
        except Exception:  # the relay goes on; tomorrow's run tries again
            log.exception("retention purge failed")
            return None
