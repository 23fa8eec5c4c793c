"""Event intake: each event applied exactly once, answered one by one.

The event row and its domain effect (a queue ticket, a case, a ledger line) are
written in one transaction. Idempotency rests on the event id being the primary key
and ``INSERT … ON CONFLICT DO NOTHING RETURNING``: of two concurrent retries only one
inserts; the other finds the committed row and answers ``duplicate`` — or
``rejected`` when the body differs from what was first accepted under that id.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.backend.auth import Principal
from kiosk.backend.crypto_fields import EncodedJSON
from kiosk.backend.database import Database
from kiosk.backend.payloads import (
    CertificateRequested,
    Payload,
    PayloadError,
    PaymentCompleted,
    QueueTicketIssued,
    compact_json,
    parse_payload,
)
from kiosk.backend.schemas import Event, EventResult
from kiosk.backend.tables import (
    CaseHistoryRow,
    CaseRow,
    CertificateRequestRow,
    EventRow,
    PaymentRow,
    QueueTicketRow,
)


def body_hash(event: Event) -> str:
    """What "the same event" means: type, kiosk time, sequence and payload."""
    body = {"type": event.type, "kiosk_time": event.kiosk_time.astimezone(UTC).isoformat(),
            "seq": event.seq, "payload": event.payload}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class _Candidate:
    event: Event
    event_id: str
    digest: str
    payload: Payload
    stored: EncodedJSON


def _insert(session: Session, model: type, rows: list[dict[str, Any]],
            returning: Any = None) -> set[Any]:
    """Insert ``rows``, skipping conflicts; the returned keys are the rows inserted.

    One cached statement executed with many parameter sets: SQLAlchemy batches them
    into multi-row INSERTs ("insertmanyvalues"), RETURNING included, without
    recompiling the SQL for every batch size."""
    if not rows:
        return set()
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(model.__table__).on_conflict_do_nothing()
    connection = session.connection()
    if returning is None:
        connection.execute(stmt, rows)
        return set()
    return set(connection.execute(stmt.returning(returning), rows).scalars())


class Intake:
    """Applies batches of events for one authenticated kiosk."""

    def __init__(self, database: Database, clock: Callable[[], datetime]) -> None:
        self._db = database
        self._clock = clock

    def submit(self, who: Principal, events: Sequence[Event]) -> tuple[datetime,
                                                                        list[EventResult]]:
        received_at = self._clock()
        results: dict[str, EventResult] = {}
        first_digest: dict[str, str] = {}
        repeats: list[tuple[str, str]] = []
        candidates: list[_Candidate] = []
        ids = [str(e.event_id) for e in events]  # once: 500 events, several uses each
        for event, event_id in zip(events, ids, strict=True):
            digest = body_hash(event)
            if event_id in first_digest:
                repeats.append((event_id, digest))
                continue
            first_digest[event_id] = digest
            # The payload as it is stored, encoded once: its size is checked on it and
            # the column seals these bytes (a second and third json.dumps per event cost
            # a fifth of the intake's CPU, bench/sync_drain.py).
            stored = EncodedJSON(compact_json(event.payload))
            try:
                payload = parse_payload(event.type, event.payload, size=len(stored))
                _check_owner(who, payload)
            except PayloadError as exc:
                results[event_id] = EventResult(event_id=event.event_id, status="rejected",
                                                reason=str(exc))
                continue
            candidates.append(_Candidate(event, event_id, digest, payload, stored))

        with self._db.write() as session:
            self._apply(session, who, candidates, received_at, results)

        answers = [results[event_id] for event_id in dict.fromkeys(ids)]  # first of each
        for event_id, digest in repeats:
            # The same id twice in one batch: the first copy decided; a differing body
            # is refused like any reuse of an id.
            if digest != first_digest[event_id]:
                answers.append(EventResult(event_id=uuid.UUID(event_id), status="rejected",
                                           reason="event id reused with a different body"))
            else:
                status = "rejected" if results[event_id].status == "rejected" else "duplicate"
                answers.append(EventResult(event_id=uuid.UUID(event_id), status=status,
                                           reason=results[event_id].reason))
        return received_at, answers

    def _apply(self, session: Session, who: Principal, candidates: list[_Candidate],
               received_at: datetime, results: dict[str, EventResult]) -> None:
        fresh = self._refuse_spent_payments(session, candidates, results)
        rows = [{
            "event_id": c.event_id, "device_id": who.id, "site": who.site or "",
            "type": c.event.type, "kiosk_time": c.event.kiosk_time, "seq": c.event.seq,
            "payload": c.stored, "body_hash": c.digest, "received_at": received_at,
        } for c in fresh]
        inserted = _insert(session, EventRow, rows, returning=EventRow.event_id)
        known = [c for c in fresh if c.event_id not in inserted]
        existing = {row.event_id: row for row in session.execute(
            select(EventRow.event_id, EventRow.device_id, EventRow.body_hash)
            .where(EventRow.event_id.in_([c.event_id for c in known])))} if known else {}
        for c in known:
            row = existing.get(c.event_id)
            if row is not None and row.device_id == who.id and row.body_hash == c.digest:
                results[c.event_id] = EventResult(event_id=c.event.event_id, status="duplicate")
            else:
                results[c.event_id] = EventResult(event_id=c.event.event_id, status="rejected",
                                                  reason="event id reused with a different body")
        accepted = [c for c in fresh if c.event_id in inserted]
        _apply_effects(session, accepted, received_at)
        for c in accepted:
            results[c.event_id] = EventResult(event_id=c.event.event_id, status="accepted")

    @staticmethod
    def _refuse_spent_payments(session: Session, candidates: list[_Candidate],
                               results: dict[str, EventResult]) -> list[_Candidate]:
        """A payment id already in the ledger under another event is refused: the
        ledger must not count one payment twice."""
        payment_ids = {c.payload.payment_id: c for c in candidates
                       if isinstance(c.payload, PaymentCompleted)}
        if not payment_ids:
            return candidates
        taken = dict(session.execute(select(PaymentRow.payment_id, PaymentRow.event_id).where(
            PaymentRow.payment_id.in_(list(payment_ids)))).all())
        keep = []
        for c in candidates:
            pid = getattr(c.payload, "payment_id", None)
            if (pid in taken and taken[pid] != c.event_id) or (
                    pid is not None and payment_ids[pid] is not c):
                results[c.event_id] = EventResult(event_id=c.event.event_id, status="rejected",
                                                  reason="payment_id already in the ledger")
            else:
                keep.append(c)
        return keep


def _check_owner(who: Principal, payload: Payload) -> None:
    if payload.kiosk_id != who.id:
        raise PayloadError("payload.kiosk_id is not the kiosk of this credential")
    if payload.site != who.site:
        raise PayloadError("payload.site is not the site of this credential")


def _apply_effects(session: Session, accepted: list[_Candidate], now: datetime) -> None:
    tickets, payments, cases, requests = [], [], [], []
    for c in accepted:
        p = c.payload
        if isinstance(p, QueueTicketIssued):
            tickets.append({"event_id": c.event_id, "site": p.site, "kiosk_id": p.kiosk_id,
                            "desk": p.desk, "number": p.number, "day": p.day,
                            "issued_at": p.issued_at})
        elif isinstance(p, PaymentCompleted):
            payments.append({"event_id": c.event_id, "payment_id": p.payment_id,
                             "kiosk_id": p.kiosk_id, "site": p.site, "day": p.day,
                             "method": p.method, "amount_cents": p.amount_cents,
                             "request_id": p.request_id, "completed_at": p.completed_at})
        elif isinstance(p, CertificateRequested):
            cases.append({"id": str(uuid.uuid4()), "national_number": p.national_number,
                          "service_id": p.service_id, "site": p.site,
                          "request_id": p.request_id, "status": "received",
                          "created_at": p.submitted_at, "updated_at": now})
            requests.append({"case_id": cases[-1]["id"], "kiosk_id": p.kiosk_id,
                             "reference": p.reference, "language": p.language})
    _insert(session, QueueTicketRow, tickets)
    _insert(session, PaymentRow, payments)
    created = _insert(session, CaseRow, cases, returning=CaseRow.id)
    history = [{"case_id": case["id"], "status": "received", "note": "requested at a kiosk",
                "at": case["created_at"]} for case in cases if case["id"] in created]
    if history:
        session.connection().execute(CaseHistoryRow.__table__.insert(), history)
        # Who asked, where and in which language: the certificate's kiosk and wording.
        session.connection().execute(CertificateRequestRow.__table__.insert(),
                                     [r for r in requests if r["case_id"] in created])
