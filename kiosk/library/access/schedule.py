"""The library's hours as a function of time: staffed, self-service or closed.

Built from ``[library.schedule]`` (weekday lines, date exceptions) in the library's time
zone. A schedule with no hours at all is "self-service" all the time: a door reader
with no hours configured still checks every card, it never stands open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kiosk.config.opening_hours import WEEKDAYS, Mode, Period, parse_day
from kiosk.config.schema import LibraryScheduleSection


@dataclass(frozen=True)
class Slot:
    """One stretch of a single mode, [start, end) in the library's zone."""

    start: datetime
    end: datetime
    mode: Mode


class Schedule:
    def __init__(self, section: LibraryScheduleSection) -> None:
        self.zone = ZoneInfo(section.timezone)
        self._week = [parse_day(getattr(section, day)) for day in WEEKDAYS]
        self._exceptions = {date.fromisoformat(d): parse_day(lines)
                            for d, lines in section.exceptions.items()}
        self.always_open = not any(self._week) and not any(self._exceptions.values())

    def periods(self, day: date) -> list[Period]:
        if day in self._exceptions:
            return self._exceptions[day]
        return self._week[day.weekday()]

    def day_slots(self, day: date) -> list[Slot]:
        """The whole day cut into slots, closed gaps included."""
        if self.always_open:
            return [Slot(self._at(day, 0), self._at(day, 1440), "self-service")]
        slots: list[Slot] = []
        cursor = 0
        for p in self.periods(day):
            if p.start > cursor:
                slots.append(Slot(self._at(day, cursor), self._at(day, p.start), "closed"))
            slots.append(Slot(self._at(day, p.start), self._at(day, p.end), p.mode))
            cursor = p.end
        if cursor < 1440:
            slots.append(Slot(self._at(day, cursor), self._at(day, 1440), "closed"))
        return slots

    def slot_at(self, when: datetime) -> Slot:
        """The slot ``when`` (aware) falls in; adjacent slots of one mode are merged, so
        ``end`` is when the mode really changes (over midnight too, up to a week)."""
        local = when.astimezone(self.zone)
        current = next(s for s in self.day_slots(local.date()) if s.start <= local < s.end)
        end = current.end
        for offset in range(8):
            day = local.date() + timedelta(days=offset)
            for following in self.day_slots(day):
                if following.start < end:
                    continue
                if following.mode != current.mode:
                    return Slot(current.start, end, current.mode)
                end = following.end
        return Slot(current.start, end, current.mode)

    def mode_at(self, when: datetime) -> Mode:
        return self.slot_at(when).mode

    def _at(self, day: date, minutes: int) -> datetime:
        if minutes >= 1440:
            return datetime.combine(day + timedelta(days=1), time(0), self.zone)
        return datetime.combine(day, time(minutes // 60, minutes % 60), self.zone)
