"""What the charts show, read from the fleet's history: a kiosk's heartbeats and alerts
over the last hours, a site's events (transactions) and outbox depth per hour."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select

from kiosk.backend.database import Database
from kiosk.backend.fleet.charts import (
    SEVERITY_COLOURS,
    Span,
    hourly_bars_svg,
    status_spans,
    timeline_svg,
)
from kiosk.backend.fleet.tables import AlertRow, FleetKioskRow, HeartbeatRow
from kiosk.backend.tables import EventRow
from kiosk.l10n import format_time


def kiosk_timeline(db: Database, kiosk_id: str, now: datetime, hours: int = 24) -> str:
    """The SVG timeline of ``kiosk_id``'s status and alerts over the last ``hours``."""
    start = now - timedelta(hours=hours)
    with db.read() as session:
        beats: list[tuple[datetime, str]] = [
            (at, status)
            for at, status in session.execute(
                select(HeartbeatRow.received_at, HeartbeatRow.status)
                .where(HeartbeatRow.kiosk_id == kiosk_id, HeartbeatRow.received_at >= start)
                .order_by(HeartbeatRow.received_at, HeartbeatRow.id)
            )
        ]
        row = session.get(FleetKioskRow, kiosk_id)
        if row is not None and row.offline:  # silent since: offline up to now
            beats.append((min(row.silent_after, now), "offline"))
        alerts = session.scalars(
            select(AlertRow)
            .where(
                AlertRow.kiosk_id == kiosk_id,
                AlertRow.opened_at <= now,
                or_(AlertRow.resolved_at.is_(None), AlertRow.resolved_at >= start),
            )
            .order_by(AlertRow.opened_at)
        ).all()
        spans = [
            Span(
                a.rule,
                max(a.opened_at, start),
                a.resolved_at or now,
                SEVERITY_COLOURS.get(a.severity, "#777"),
                f"{a.rule} ({a.severity}) {_hm(a.opened_at)}–"
                f"{_hm(a.resolved_at) if a.resolved_at else 'open'}: {a.detail}",
            )
            for a in alerts
        ]
    return timeline_svg(start, now, status_spans(beats, start, now), spans)


@dataclass(frozen=True)
class SiteHours:
    hours: list[datetime]
    transactions: list[int]  # events received from the site's kiosks
    outbox_depth: list[int]  # the sum over its kiosks of the deepest outbox in the hour

    def charts(self, site: str) -> tuple[str, str]:
        return (
            hourly_bars_svg(f"{site}: transactions per hour", self.hours, self.transactions,
                            "#1565c0"),
            hourly_bars_svg(f"{site}: outbox depth (events waiting)", self.hours,
                            self.outbox_depth, "#6a1b9a"),
        )


def site_hours(db: Database, site: str, now: datetime, hours: int = 24) -> SiteHours:
    first = (now - timedelta(hours=hours - 1)).replace(minute=0, second=0, microsecond=0)
    slots = [first + timedelta(hours=i) for i in range(hours)]

    def slot(at: datetime) -> int:
        return int((at - first).total_seconds() // 3600)

    transactions = [0] * hours
    deepest: dict[tuple[int, str], int] = {}
    with db.read() as session:
        for (at,) in session.execute(
            select(EventRow.received_at).where(EventRow.site == site, EventRow.received_at >= first)
        ):
            if 0 <= slot(at) < hours:
                transactions[slot(at)] += 1
        for kiosk_id, at, body in session.execute(
            select(HeartbeatRow.kiosk_id, HeartbeatRow.received_at, HeartbeatRow.body)
            .join(FleetKioskRow, FleetKioskRow.kiosk_id == HeartbeatRow.kiosk_id)
            .where(FleetKioskRow.site == site, HeartbeatRow.received_at >= first)
        ):
            i = slot(at)
            if 0 <= i < hours:
                pending = int(((body or {}).get("outbox") or {}).get("pending") or 0)
                deepest[(i, kiosk_id)] = max(deepest.get((i, kiosk_id), 0), pending)
    depth = [0] * hours
    for (i, _), pending in deepest.items():
        depth[i] += pending
    return SiteHours(slots, transactions, depth)


def _hm(moment: datetime) -> str:
    return format_time(moment, "en")  # Brussels time; the fleet pages are in English
