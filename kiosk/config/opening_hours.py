"""Opening-hours lines of ``[library.schedule]``: ``"HH:MM-HH:MM staffed|self-service"``.

Shared by the config loader (a bad line stops start-up with its key and reason) and the
Open+ schedule (kiosk/library/access/schedule.py). Stdlib only.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Literal

Mode = Literal["staffed", "self-service", "closed"]
OPEN_MODES: tuple[Mode, ...] = ("staffed", "self-service")
_CLOCK = r"([01][0-9]|2[0-4]):[0-5][0-9]"
PERIOD_PATTERN = rf"^{_CLOCK}-{_CLOCK} (staffed|self-service)$"
_PERIOD = re.compile(PERIOD_PATTERN)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Period:
    """Minutes since midnight, start inclusive, end exclusive (24:00 = 1440)."""

    start: int
    end: int
    mode: Mode


def parse_period(text: str) -> Period:
    """One line; ValueError says what is wrong with it."""
    if not _PERIOD.match(text):
        raise ValueError(f"{text!r}: expected \"HH:MM-HH:MM staffed\" or \"… self-service\"")
    span, mode = text.split(" ")
    start, end = (_minutes(part) for part in span.split("-"))
    if start > 1440 or end > 1440:
        raise ValueError(f"{text!r}: after 24:00")
    if end <= start:
        raise ValueError(f"{text!r}: ends before it starts")
    return Period(start, end, mode)  # type: ignore[arg-type]


def parse_day(lines: tuple[str, ...] | list[str]) -> list[Period]:
    """A day's lines, sorted; ValueError on a bad or overlapping line."""
    periods = sorted((parse_period(line) for line in lines), key=lambda p: p.start)
    for before, after in itertools.pairwise(periods):
        if after.start < before.end:
            raise ValueError(
                f"{_text(after)} overlaps {_text(before)}")
    return periods


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _text(p: Period) -> str:
    return f"'{p.start // 60:02d}:{p.start % 60:02d}-{p.end // 60:02d}:{p.end % 60:02d}'"
