"""The audit log in the kiosk's store: append, read, anchor.

Writers are serialised by the store (``Store.write`` + ``BEGIN IMMEDIATE``), so reading
the newest link and appending the next one cannot race between the UI and sync
processes; the table's triggers (migration 0007_audit) are the backstop.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.audit.chain import (
    GENESIS_HASH,
    AuditAnchor,
    AuditEntry,
    VerifyReport,
    canonical_json,
    make_entry,
    verify_chain,
)
from kiosk.audit.redact import scrub
from kiosk.store.database import Store
from kiosk.store.models import AuditLogRow

# Kinds recorded by the kiosk itself (callers may add their own "area.action" kinds).
PAYMENT_PREFIX = "payment."  # + the journal step: payment.intent, payment.completed, …
END_OF_DAY = "end_of_day"
CONFIG_CHANGED = "config.changed"
TECHNICIAN_LOGIN = "technician.login"


def _entry(row: AuditLogRow) -> AuditEntry:
    return AuditEntry(
        row.seq, row.time, row.kind, row.actor, json.loads(row.details), row.prev_hash, row.hash
    )


class AuditLog:
    """Append-only hash chain of money and admin actions in ``store``."""

    def __init__(
        self, store: Store, now: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._store = store
        self._now = now

    def record(
        self,
        kind: str,
        actor: str,
        details: Mapping[str, Any] | None = None,
        *,
        session: Session | None = None,
    ) -> AuditEntry:
        """Append one entry and return it.

        ``kind`` is "area.action" (e.g. "technician.login"), ``actor`` who did it
        ("technician:<id>", "kiosk:<id>", "cli"), ``details`` plain JSON facts without
        personal data (they are scrubbed anyway, see kiosk/audit/redact.py). With
        ``session`` the entry joins the caller's transaction (the payment journal's),
        so the action and its audit entry are committed together or not at all.
        """
        if not kind or not actor:
            raise ValueError("an audit entry needs a kind and an actor")
        clean = scrub(details or {})
        if session is not None:
            return self._append(session, kind, actor, clean)
        with self._store.write() as own:
            return self._append(own, kind, actor, clean)

    def _append(
        self, session: Session, kind: str, actor: str, details: dict[str, Any]
    ) -> AuditEntry:
        last = session.execute(
            select(AuditLogRow.seq, AuditLogRow.hash).order_by(AuditLogRow.seq.desc()).limit(1)
        ).first()
        seq, prev_hash = (last[0] + 1, last[1]) if last is not None else (1, GENESIS_HASH)
        time = self._now().astimezone(UTC).isoformat(timespec="microseconds")
        entry = make_entry(seq, time, kind, actor, details, prev_hash)
        session.add(
            AuditLogRow(
                seq=entry.seq,
                time=entry.time,
                kind=entry.kind,
                actor=entry.actor,
                details=canonical_json(entry.details),
                prev_hash=entry.prev_hash,
                hash=entry.hash,
            )
        )
        session.flush()
        return entry

    def entries(self, after_seq: int = 0, batch: int = 1000) -> Iterator[AuditEntry]:
        """Every entry after ``after_seq``, oldest first, read in batches."""
        while True:
            with self._store.read() as session:
                rows = session.scalars(
                    select(AuditLogRow)
                    .where(AuditLogRow.seq > after_seq)
                    .order_by(AuditLogRow.seq)
                    .limit(batch)
                ).all()
                chunk = [_entry(r) for r in rows]
            yield from chunk
            if len(chunk) < batch:
                return
            after_seq = chunk[-1].seq

    def last(self, kind: str) -> AuditEntry | None:
        """The newest entry of ``kind``."""
        with self._store.read() as session:
            row = session.scalars(
                select(AuditLogRow)
                .where(AuditLogRow.kind == kind)
                .order_by(AuditLogRow.seq.desc())
                .limit(1)
            ).first()
            return _entry(row) if row is not None else None

    def latest_anchor(self) -> AuditAnchor | None:
        """The newest link (number and hash), for the heartbeat to carry off the kiosk:
        with it kept elsewhere, even cutting off the newest entries is detected."""
        with self._store.read() as session:
            row = session.execute(
                select(AuditLogRow.seq, AuditLogRow.hash).order_by(AuditLogRow.seq.desc()).limit(1)
            ).first()
        return AuditAnchor(row[0], row[1]) if row is not None else None

    def verify(self, anchor: str | None = None) -> VerifyReport:
        """Walk the stored chain (see :func:`kiosk.audit.chain.verify_chain`)."""
        return verify_chain(self.entries(), anchor)
