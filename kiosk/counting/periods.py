"""Counts per period (15 minutes by default) committed to the outbox as events.

Each period's totals are one ``attendance.counted`` event (a fresh UUID, the
idempotency key): the backend sums the events of a site and day, so a period split by
a restart is two events whose sum is right. A period with nobody is not sent.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import numpy as np

from kiosk.config.schema import CountingSection
from kiosk.counting.counter import Counts, PeopleCounter
from kiosk.counting.detector import DetectorSettings
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent

log = logging.getLogger(__name__)
EVENT_TYPE = "attendance.counted"


def period_start(when: datetime, minutes: int) -> datetime:
    when = when.astimezone(UTC)
    return when.replace(minute=when.minute - when.minute % minutes, second=0, microsecond=0)


class PeriodRecorder:
    def __init__(self, store: Store, site: str, kiosk_id: str, minutes: int = 15) -> None:
        self._store, self._site, self._kiosk_id, self._minutes = store, site, kiosk_id, minutes
        self._start: datetime | None = None
        self._entries = self._exits = 0
        self.committed = 0

    def add(self, entries: int, exits: int, now: datetime) -> None:
        start = period_start(now, self._minutes)
        if self._start is not None and start != self._start:
            self.flush()
        self._start = start
        self._entries += entries
        self._exits += exits

    def flush(self) -> None:
        """Commit the current period's totals (if anyone came or went)."""
        if self._start is None or (self._entries == 0 and self._exits == 0):
            self._entries = self._exits = 0
            return
        payload = {
            "site": self._site, "kiosk_id": self._kiosk_id,
            "period_start": self._start.isoformat(), "period_min": self._minutes,
            "entries": self._entries, "exits": self._exits,
        }
        with self._store.write() as session:
            session.add(OutboxEvent(
                event_id=str(uuid.uuid4()), type=EVENT_TYPE, request_id=None, payload=payload,
                created_at=datetime.now(UTC), attempts=0, state="pending"))
        log.info("attendance %s: in %d, out %d", self._start.isoformat(), self._entries,
                 self._exits)
        self.committed += 1
        self._entries = self._exits = 0


def run_counting(
    frames: Iterable[np.ndarray],
    store: Store,
    site: str,
    kiosk_id: str,
    section: CountingSection,
    stop: threading.Event,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Counts:
    """Count until the frames end or ``stop``; totals committed per period, the last
    (partial) one on the way out."""
    counter = PeopleCounter(section.line_y, section.in_direction,
                            DetectorSettings(person_width=section.person_width))
    recorder = PeriodRecorder(store, site, kiosk_id, section.period_min)
    seen_in = seen_out = 0
    try:
        for frame in frames:
            counter.feed(frame)
            counts = counter.counts
            recorder.add(counts.entries - seen_in, counts.exits - seen_out, clock())
            seen_in, seen_out = counts.entries, counts.exits
            if stop.is_set():
                break
    finally:
        recorder.flush()
    return counter.counts



