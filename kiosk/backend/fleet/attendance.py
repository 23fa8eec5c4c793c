"""Library attendance per site and day, from the kiosks' ``attendance.counted`` events,
and its chart: a server-rendered SVG (bars for people in, a line for people out)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kiosk.backend.database import Database
from kiosk.backend.tables import EventRow

EVENT_TYPE = "attendance.counted"
ZONE = ZoneInfo("Europe/Brussels")  # a library's day is a Brussels day


@dataclass(frozen=True)
class DayCount:
    site: str
    day: date
    entries: int
    exits: int


def daily_attendance(db: Database, first: date, last: date) -> list[DayCount]:
    """Sums per (site, day) over ``first``..``last`` (Brussels days), by site then day."""
    since = datetime.combine(first - timedelta(days=1), datetime.min.time(), ZONE)
    totals: dict[tuple[str, date], list[int]] = defaultdict(lambda: [0, 0])
    with db.read() as session:
        rows = session.execute(
            select(EventRow.site, EventRow.payload)
            .where(EventRow.type == EVENT_TYPE, EventRow.kiosk_time >= since))
        for site, payload in rows:
            day = datetime.fromisoformat(payload["period_start"]).astimezone(ZONE).date()
            if first <= day <= last:
                total = totals[(site, day)]
                total[0] += int(payload["entries"])
                total[1] += int(payload["exits"])
    return [DayCount(site, day, e, x) for (site, day), (e, x) in sorted(totals.items())]


def chart_svg(site: str, days: list[date], counts: list[DayCount],
              width: int = 640, height: int = 220) -> str:
    """One library's daily attendance as an SVG plot (no script, no external file)."""
    by_day = {c.day: c for c in counts if c.site == site}
    entries = [by_day[d].entries if d in by_day else 0 for d in days]
    exits = [by_day[d].exits if d in by_day else 0 for d in days]
    top = max([*entries, *exits, 1])
    left, bottom, right, head = 44, 28, 8, 14
    plot_w, plot_h = width - left - right, height - bottom - head
    step = plot_w / max(len(days), 1)

    def y(value: int) -> float:
        return head + plot_h * (1 - value / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="attendance" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="Attendance at {escape(site)}, people in per day">',
        f"<title>Attendance at {escape(site)}</title>",
        f'<line x1="{left}" y1="{head + plot_h}" x2="{width - right}" y2="{head + plot_h}" '
        f'stroke="#555"/>',
        f'<text x="{left - 6}" y="{head + 4}" text-anchor="end" font-size="11">{top}</text>',
        f'<text x="{left - 6}" y="{head + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    for i, (day, value) in enumerate(zip(days, entries, strict=True)):
        x = left + i * step
        parts.append(
            f'<rect class="in" x="{x + step * 0.15:.1f}" y="{y(value):.1f}" '
            f'width="{step * 0.7:.1f}" height="{head + plot_h - y(value):.1f}" fill="#2f6fb3">'
            f"<title>{day.isoformat()}: {value} in, {exits[i]} out</title></rect>")
        if len(days) <= 14 or i % max(len(days) // 7, 1) == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{height - 10}" text-anchor="middle" '
                         f'font-size="10">{day:%d/%m}</text>')
    points = " ".join(f"{left + (i + 0.5) * step:.1f},{y(v):.1f}" for i, v in enumerate(exits))
    parts.append(f'<polyline class="out" points="{points}" fill="none" stroke="#c0392b" '
                 f'stroke-width="2"/>')
    parts.append("</svg>")
    return "".join(parts)


def csv_text(counts: list[DayCount]) -> str:
    lines = ["site,day,in,out"]
    lines += [f"{c.site},{c.day.isoformat()},{c.entries},{c.exits}" for c in counts]
    return "\n".join(lines) + "\n"
