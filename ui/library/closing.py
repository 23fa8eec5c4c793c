"""The closing banner on the library's screens: "the library closes in N minutes".

A view-model of its own (the session's view-model is about the patron, this is about
the building): :meth:`ClosingBanner.refresh` reads the schedule on the injected wall
clock, and the window's one-second timer calls it. The words are in
kiosk/library/access/closing.py, shared with the door service's announcements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.config.schema import Config
from kiosk.library.access.closing import banner_texts, minutes_to_closing
from kiosk.library.access.schedule import Schedule


class ClosingBanner(QObject):
    changed = Signal()

    def __init__(
        self,
        schedule: Schedule,
        before_min: Iterable[int],
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``now`` returns an aware datetime (tests and the demo pass their own clock)."""
        super().__init__()
        self._schedule = schedule
        self._before = tuple(before_min)
        self._now = now
        self._minutes: int | None = None
        self.refresh()

    @classmethod
    def from_config(
        cls, config: Config, now: Callable[[], datetime] | None = None
    ) -> ClosingBanner:
        library = config.library
        schedule = Schedule(library.schedule)
        if now is None:
            return cls(schedule, library.access.announce_before_min)
        return cls(schedule, library.access.announce_before_min, now)

    @Slot()
    def refresh(self) -> None:
        """Once a second: the minutes left, the banner shown or hidden."""
        minutes = minutes_to_closing(self._schedule, self._before, self._now())
        if minutes != self._minutes:
            self._minutes = minutes
            self.changed.emit()

    @Property(bool, notify=changed)
    def shown(self) -> bool:
        return self._minutes is not None

    @Property(int, notify=changed)
    def minutes(self) -> int:
        return -1 if self._minutes is None else self._minutes

    @Property("QVariantMap", notify=changed)
    def texts(self) -> dict[str, str]:
        """Language code → the banner's words (empty while no banner is due)."""
        return {} if self._minutes is None else banner_texts(self._minutes)
