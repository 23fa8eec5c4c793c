"""The alert routing's queue in the database (fleet_alert_deliveries): alert changes
still to be sent, one row per channel, so that a backend restart loses none of them.

The dispatcher's worker thread writes the rows as it takes changes off its in-memory
inbox (the heartbeat never waits on this) and deletes them once sent or given up. Each
row is leased to the process sending it (``claimed_by``, ``claimed_until``); the lease
is renewed while that process runs. Rows whose lease ran out — their process died or
was restarted — are taken over by whichever backend process claims them first (an
UPDATE guarded by the old lease: two processes never both take a row).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update

from kiosk.backend.database import Database
from kiosk.backend.fleet.model import AlertChange
from kiosk.backend.fleet.tables import AlertDeliveryRow

LEASE = timedelta(seconds=60)


class AlertStore:
    """Rows of alert changes per channel, leased to this process (``owner``)."""

    def __init__(self, db: Database, clock: Callable[[], datetime],
                 owner: str | None = None, lease: timedelta = LEASE) -> None:
        self.db = db
        self.clock = clock
        self.owner = owner or f"backend-{secrets.token_hex(6)}"
        self.lease = lease

    def save(self, changes: Iterable[AlertChange], channels: Iterable[str]
             ) -> list[dict[str, int]]:
        """Store each change for each channel; per change, channel → row id."""
        changes, channels = list(changes), list(channels)
        until = self.clock() + self.lease
        ids: list[dict[str, int]] = []
        with self.db.write() as session:
            for change in changes:
                ids.append({
                    channel: session.execute(
                        insert(AlertDeliveryRow).values(
                            channel=channel, kind=change.kind, kiosk_id=change.kiosk_id,
                            site=change.site, rule=change.rule, severity=change.severity,
                            detail=change.detail[:300], at=change.at, claimed_by=self.owner,
                            claimed_until=until,
                        ).returning(AlertDeliveryRow.id)
                    ).scalar_one()
                    for channel in channels
                })
        return ids

    def done(self, ids: Iterable[int]) -> None:
        """Sent (or given up): the rows go."""
        ids = sorted(set(ids))
        if ids:
            with self.db.write() as session:
                session.execute(delete(AlertDeliveryRow).where(AlertDeliveryRow.id.in_(ids)))

    def renew(self) -> None:
        """Extend this process's lease on its rows."""
        with self.db.write() as session:
            session.execute(
                update(AlertDeliveryRow)
                .where(AlertDeliveryRow.claimed_by == self.owner)
                .values(claimed_until=self.clock() + self.lease))

    def claim_orphans(self) -> list[tuple[AlertChange, dict[str, int]]]:
        """Take over rows whose lease ran out; the changes with their channel → row id."""
        now = self.clock()
        with self.db.write() as session:
            candidates = session.execute(
                select(AlertDeliveryRow.id, AlertDeliveryRow.claimed_until)
                .where(AlertDeliveryRow.claimed_until < now)
                .order_by(AlertDeliveryRow.id)).all()
            won: list[int] = []
            for row_id, was in candidates:
                taken = session.execute(  # only if nobody took it since we looked
                    update(AlertDeliveryRow)
                    .where(AlertDeliveryRow.id == row_id,
                           AlertDeliveryRow.claimed_until == was)
                    .values(claimed_by=self.owner, claimed_until=now + self.lease))
                if taken.rowcount == 1:
                    won.append(row_id)
            rows = session.scalars(
                select(AlertDeliveryRow).where(AlertDeliveryRow.id.in_(won))
                .order_by(AlertDeliveryRow.id)).all() if won else []
            found: dict[tuple, tuple[AlertChange, dict[str, int]]] = {}
            for r in rows:
                change = AlertChange(r.kind, r.kiosk_id, r.site, r.rule, r.severity, r.detail,
                                     r.at)
                found.setdefault((change.kind, change.kiosk_id, change.rule, change.at),
                                 (change, {}))[1][r.channel] = r.id
        return list(found.values())
