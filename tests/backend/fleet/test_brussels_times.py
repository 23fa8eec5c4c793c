"""Times staff read are Brussels time, never UTC (issue 24: "times always
Europe/Brussels"): the entrance counting chart, the fleet's per-hour bars and timelines
across both summer-time changes, the fleet pages' timestamps and the alert messages."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from kiosk.backend.fleet.charts import Span, hourly_bars_svg, status_spans, timeline_svg
from kiosk.backend.fleet.model import AlertChange
from kiosk.backend.fleet.notify import Message
from kiosk.backend.fleet.web import _environment

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_hourly_bars_across_the_end_of_summer_time_are_labelled_in_brussels_time():
    # 25 October 2026: at 01:00 UTC Brussels goes from 03:00 CEST back to 02:00 CET.
    hours = [datetime(2026, 10, 24, 23, 0, tzinfo=UTC) + timedelta(hours=i) for i in range(4)]
    root = _parse(hourly_bars_svg("People in per hour", hours, [1, 2, 3, 4], "#2f6fb3"))
    bars = list(root.iter(f"{SVG}rect"))
    assert [b.get("data-hour") for b in bars] == ["01", "02", "02", "03"]
    titles = [b.find(f"{SVG}title").text for b in bars]
    assert titles == [
        "2026-10-25 01:00 CEST: 1",
        "2026-10-25 02:00 CEST: 2",
        "2026-10-25 02:00 CET: 3",  # the repeated hour told apart from its twin
        "2026-10-25 03:00 CET: 4",
    ]
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "Brussels time" in texts[0]
    assert texts[1:] == ["01:00", "02:00", "02:00", "03:00"]
    assert not any("UTC" in t for t in (*texts, *titles))


def test_fifteen_minute_periods_on_the_first_summer_day_keep_their_minutes():
    # 29 March 2026: at 01:00 UTC Brussels jumps from 02:00 CET to 03:00 CEST.
    periods = [datetime(2026, 3, 29, 0, 30, tzinfo=UTC) + timedelta(minutes=15 * i)
               for i in range(4)]
    root = _parse(hourly_bars_svg("People in per 15 minutes", periods, [0, 1, 0, 2], "#000"))
    titles = [r.find(f"{SVG}title").text for r in root.iter(f"{SVG}rect")]
    assert titles == [
        "2026-03-29 01:30 CET: 0",
        "2026-03-29 01:45 CET: 1",
        "2026-03-29 03:00 CEST: 0",
        "2026-03-29 03:15 CEST: 2",
    ]


def test_a_timeline_is_ticked_and_labelled_in_brussels_time():
    start = datetime(2026, 7, 6, 20, 0, tzinfo=UTC)  # 22:00 in Brussels (CEST)
    end = start + timedelta(hours=3)
    beats = [(start, "online"), (start + timedelta(hours=1), "degraded")]
    statuses = status_spans(beats, start, end)
    alert = Span("paper_low", start, end, "#f9a825", "paper low")
    root = _parse(timeline_svg(start, end, statuses, [alert]))
    assert root.get("aria-label") == (
        "Status and alerts from 2026-07-06 22:00 to 01:00 (Brussels time)")
    ticks = [t.text for t in root.iter(f"{SVG}text")][2:]
    assert ticks == ["23:00", "00:00"]
    assert [s.title for s in statuses] == [
        "online from 22:00 for 1 h", "degraded from 23:00 for 2 h"]


def test_fleet_pages_write_times_in_brussels_with_their_zone():
    page = _environment().from_string(
        "{{ a | brussels }} / {{ b | brussels }} / {{ c | brussels }}")
    summer = datetime(2026, 7, 6, 22, 6, 5, tzinfo=UTC)
    winter = datetime(2026, 12, 6, 22, 6, 5, tzinfo=UTC)
    assert page.render(a=summer, b=winter, c=None) == (
        "2026-07-07 00:06:05 CEST / 2026-12-06 23:06:05 CET / —")


def test_alert_messages_give_brussels_time():
    change = AlertChange("opened", "laeken-41", "laeken", "paper_out", "critical", "no paper",
                         datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    text = Message("kiosk", "laeken-41", "laeken", (change,)).text()
    assert "2026-10-25 02:30:00 CET  OPENED" in text and "UTC" not in text
