"""Server-rendered SVG charts for the fleet pages (no script, no external library): a
kiosk's status and alert timeline, and per-hour bars for a site. Every text that goes
into the markup is escaped; the pages embed the result as is. Times are given in UTC and
shown in Brussels time (kiosk/l10n.py), like every time staff and citizens read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from kiosk.formatting import age
from kiosk.l10n import format_technical, format_time, in_brussels

STATUS_COLOURS = {"online": "#2e7d32", "degraded": "#f9a825", "offline": "#c62828"}
SEVERITY_COLOURS = {"critical": "#c62828", "warning": "#f9a825", "info": "#1565c0"}
LABEL_W, LANE_H, WIDTH = 150, 18, 760


@dataclass(frozen=True)
class Span:
    """[start, end) of one state or one open alert."""

    label: str
    start: datetime
    end: datetime
    colour: str
    title: str


def _x(at: datetime, start: datetime, end: datetime) -> float:
    total = (end - start).total_seconds() or 1.0
    frac = min(1.0, max(0.0, (at - start).total_seconds() / total))
    return LABEL_W + frac * (WIDTH - LABEL_W - 10)


def status_spans(
    beats: list[tuple[datetime, str]], start: datetime, end: datetime
) -> list[Span]:
    """Heartbeats (time, status), oldest first → one span per run of the same status;
    a gap longer than the spans around it shows as nothing (no data)."""
    spans: list[Span] = []
    for i, (at, status) in enumerate(beats):
        until = beats[i + 1][0] if i + 1 < len(beats) else end
        if until <= start:
            continue
        at = max(at, start)
        if spans and spans[-1].label == status and spans[-1].end >= at:
            last = spans[-1]
            spans[-1] = Span(status, last.start, until, last.colour, f"{status} from "
                             f"{_hm(last.start)} for {age((until - last.start).total_seconds())}")
        else:
            spans.append(Span(status, at, until, STATUS_COLOURS.get(status, "#777"),
                              f"{status} from {_hm(at)} for "
                              f"{age((until - at).total_seconds())}"))
    return spans


def timeline_svg(
    start: datetime,
    end: datetime,
    statuses: list[Span],
    alerts: list[Span],
) -> str:
    """Status on the first lane, one lane per alert rule below; hour ticks."""
    lanes = ["status", *dict.fromkeys(a.label for a in alerts)]
    height = 24 + LANE_H * len(lanes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-label="Status and alerts from {format_technical(start)} to {_hm(end)} '
        f'(Brussels time)">'
    ]
    for row, lane in enumerate(lanes):
        y = 4 + row * LANE_H
        parts.append(f'<text x="4" y="{y + 12}" font-size="11">{escape(lane.replace("_", " "))}'
                     f"</text>")
        spans = statuses if lane == "status" else [a for a in alerts if a.label == lane]
        for span in spans:
            x0, x1 = _x(span.start, start, end), _x(span.end, start, end)
            parts.append(
                f'<rect x="{x0:.1f}" y="{y}" width="{max(1.0, x1 - x0):.1f}" '
                f'height="{LANE_H - 4}" fill="{span.colour}" data-lane="{escape(lane)}" '
                f'data-label="{escape(span.label)}">'
                f"<title>{escape(span.title)}</title></rect>"
            )
    tick = start.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    step = max(1, int((end - start).total_seconds() // 3600 // 8))
    while tick < end:
        x = _x(tick, start, end)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{height - 20}" y2="{height - 14}" '
                     f'stroke="#555"/><text x="{x:.1f}" y="{height - 3}" font-size="10" '
                     f'text-anchor="middle">{_hm(tick)}</text>')
        tick += timedelta(hours=step)
    parts.append("</svg>")
    return "".join(parts)


def hourly_bars_svg(title: str, hours: list[datetime], values: list[int], colour: str) -> str:
    """One bar per period (``hours``: each one's start, zone-aware), its value on hover and
    above the highest one; labelled in Brussels time, the hour repeated when summer time
    ends told apart by its zone (CEST, then CET)."""
    height, top = 140, max(values, default=0) or 1
    n = max(1, len(hours))
    width = (WIDTH - 40) / n
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-label="{escape(title)}">',
        f'<text x="4" y="12" font-size="12">{escape(title)} (max {top if values else 0}, '
        f"Brussels time)</text>",
    ]
    for i, (hour, value) in enumerate(zip(hours, values, strict=True)):
        h = (height - 40) * value / top
        x = 30 + i * width
        parts.append(
            f'<rect x="{x:.1f}" y="{height - 20 - h:.1f}" width="{max(1.0, width - 2):.1f}" '
            f'height="{h:.1f}" fill="{colour}" data-hour="{in_brussels(hour):%H}" '
            f'data-value="{value}">'
            f"<title>{format_technical(hour, zone=True)}: {value}</title></rect>"
        )
        if i % max(1, n // 8) == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 5}" font-size="10">{_hm(hour)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _hm(moment: datetime) -> str:
    return format_time(moment, "en")  # Brussels time; the fleet pages are in English
