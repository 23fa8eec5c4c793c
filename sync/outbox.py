"""The kiosk's outbox as the relay sees it: pending events in sequence order, outcomes
recorded per event, dead letters kept with their reason."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, type_coerce, update

from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent
from kiosk.store.types import EncryptedJSONText
from sync.client import EncodedEvents, EventOutcome

PENDING, REJECTED = "pending", "rejected"
_OUTBOX = OutboxEvent.__table__.c
# The payload as the JSON text it is stored as (decrypted, not parsed).
_PAYLOAD_TEXT = type_coerce(_OUTBOX.payload, EncryptedJSONText("outbox.payload"))


@dataclass(frozen=True)
class DeadLetter:
    event_id: str
    type: str
    seq: int | None
    created_at: datetime
    reason: str
    dead_lettered_at: datetime | None
    attempts: int


@dataclass(frozen=True)
class Recorded:
    delivered: int
    rejected: int
    unanswered: int


class Outbox:
    """Reads and updates ``outbox`` through the store's one writer path."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def pending(self, limit: int, exclude: Collection[str] = ()) -> list[dict[str, Any]]:
        """The next events to send, oldest first, as wire envelopes; ``exclude``: event
        ids already on their way (the relay reads the next batch while one is sent)."""
        # The five columns the wire needs, as plain rows: no ORM objects (nor the
        # decryption of error texts) for every event of a drain (bench/sync_drain.py).
        with self._store.read() as session:
            rows = session.execute(
                select(OutboxEvent.event_id, OutboxEvent.type, OutboxEvent.created_at,
                       OutboxEvent.seq, OutboxEvent.payload)
                .where(OutboxEvent.state == PENDING,
                       *([OutboxEvent.event_id.not_in(list(exclude))] if exclude else []))
                .order_by(OutboxEvent.seq, OutboxEvent.created_at).limit(limit)).all()
        return [{"event_id": event_id, "type": type_,
                 "kiosk_time": created_at.astimezone(UTC).isoformat(),
                 "seq": seq if seq is not None else 0, "payload": payload}
                for event_id, type_, created_at, seq, payload in rows]

    def encoded(self, limit: int, after: EncodedEvents | None = None) -> EncodedEvents:
        """:meth:`pending` as the relay sends it: each event's envelope encoded, its
        payload the stored JSON text spliced in unparsed. ``after``: a batch on its way;
        the events that follow it (the relay reads the next batch while one is sent)."""
        # Core on the table, not the ORM: a drain reads every event once, and this is
        # the kiosk's share of it (bench/sync_drain.py).
        where = [_OUTBOX.state == PENDING]
        if after is not None and after.last_seq is not None:
            # Sequence numbers come from a trigger in commit order, so the events after
            # the last one in flight are all the pending events not in flight.
            where.append(_OUTBOX.seq > after.last_seq)
        elif after is not None:
            where.append(_OUTBOX.event_id.not_in(after.event_ids))
        with self._store.read() as session:
            rows = session.connection().execute(
                select(_OUTBOX.event_id, _OUTBOX.type, _OUTBOX.created_at, _OUTBOX.seq,
                       _PAYLOAD_TEXT).where(*where)
                .order_by(_OUTBOX.seq, _OUTBOX.created_at).limit(limit)).all()
        ids, envelopes = [], []
        quote = json.dumps  # a str: the encoder's C fast path (ASCII, escapes as needed)
        for event_id, type_, created_at, seq, payload in rows:
            ids.append(event_id)
            envelopes.append(
                f'{{"event_id":{quote(event_id)},"type":{quote(type_)},"kiosk_time":'
                f'"{created_at.astimezone(UTC).isoformat()}","seq":'
                f'{seq if seq is not None else 0},"payload":'.encode() + payload + b"}")
        return EncodedEvents(ids, envelopes, rows[-1][3] if rows else None)

    def record(self, sent: Iterable[str], outcomes: Iterable[EventOutcome],
               now: datetime) -> Recorded:
        """Delivered events leave the outbox; rejected ones become dead letters. Events
        the answer did not mention stay pending, with the attempt counted."""
        by_id = {o.event_id: o for o in outcomes}
        sent = list(sent)
        delivered = [e for e in sent if e in by_id and by_id[e].status != "rejected"]
        rejected = [by_id[e] for e in sent if e in by_id and by_id[e].status == "rejected"]
        unanswered = [e for e in sent if e not in by_id]
        with self._store.write() as session:
            if delivered:
                session.execute(delete(OutboxEvent).where(OutboxEvent.event_id.in_(delivered)))
            for outcome in rejected:
                session.execute(update(OutboxEvent).where(
                    OutboxEvent.event_id == outcome.event_id).values(
                    state=REJECTED, attempts=OutboxEvent.attempts + 1,
                    dead_letter_reason=(outcome.reason or "rejected by the backend")[:1000],
                    dead_lettered_at=now, last_error=None))
            if unanswered:
                session.execute(update(OutboxEvent).where(
                    OutboxEvent.event_id.in_(unanswered)).values(
                    attempts=OutboxEvent.attempts + 1,
                    last_error="not answered by the backend"))
        return Recorded(len(delivered), len(rejected), len(unanswered))

    def record_failure(self, event_ids: Iterable[str], error: str) -> None:
        """A try that failed as a whole: count it, keep the events pending."""
        ids = list(event_ids)
        if not ids:
            return
        with self._store.write() as session:
            session.execute(update(OutboxEvent).where(OutboxEvent.event_id.in_(ids)).values(
                attempts=OutboxEvent.attempts + 1, last_error=error[:1000]))

    def counts(self) -> tuple[int, int]:
        """(pending, dead letters)."""
        with self._store.read() as session:
            rows = dict(session.execute(select(OutboxEvent.state, func.count())
                                        .group_by(OutboxEvent.state)).all())
        return rows.get(PENDING, 0), rows.get(REJECTED, 0)

    def dead_letters(self) -> list[DeadLetter]:
        with self._store.read() as session:
            rows = session.execute(select(OutboxEvent).where(OutboxEvent.state == REJECTED)
                                   .order_by(OutboxEvent.seq)).scalars().all()
            return [DeadLetter(r.event_id, r.type, r.seq, r.created_at,
                               r.dead_letter_reason or r.last_error or "", r.dead_lettered_at,
                               r.attempts) for r in rows]
