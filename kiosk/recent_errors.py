"""The last warnings and errors the kiosk logged, for the technician screen (kept
from the start, before technician mode itself is built: ui/app.py)."""

from __future__ import annotations

import collections
import logging
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class RecentError:
    at: float  # time.time()
    source: str
    message: str


class RecentErrors(logging.Handler):
    """Keeps the last ``size`` warnings and errors logged by the kiosk, for the
    technician screen. Log lines never carry personal data (DESIGN.md rule 5), so
    showing them is safe."""

    def __init__(self, size: int = 20) -> None:
        super().__init__(level=logging.WARNING)
        self._records: collections.deque[RecentError] = collections.deque(maxlen=size)
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not break logging
            message = str(record.msg)
        with self._guard:
            self._records.append(
                RecentError(
                    record.created, record.name, message.splitlines()[0][:200] if message else ""
                )
            )

    def latest(self) -> list[RecentError]:
        """Newest first."""
        with self._guard:
            return list(reversed(self._records))
