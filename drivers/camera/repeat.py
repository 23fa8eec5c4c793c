"""The repeat window: a code held in front of the camera is reported once, not per frame."""

from __future__ import annotations

import time
from collections.abc import Callable

from drivers.camera.interface import ScannedCode

DEFAULT_REPEAT_WINDOW_S = 2.0


class RepeatFilter:
    """Lets a code through unless the same code was *seen* less than ``window_s`` ago.

    The window slides with every sighting, not only with every report: a book left on
    the scan shelf for a minute is borrowed once, and it counts again only after it has
    been out of sight for ``window_s``. Codes are compared by text and symbology.
    """

    def __init__(
        self, window_s: float = DEFAULT_REPEAT_WINDOW_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if window_s < 0:
            raise ValueError(f"repeat window must be ≥ 0 s, got {window_s}")
        self.window_s = window_s
        self._clock = clock
        self._last_seen: dict[ScannedCode, float] = {}

    def admit(self, code: ScannedCode) -> bool:
        """Record a sighting of ``code``; True when it should be reported."""
        now = self._clock()
        # Forget what is out of the window so the memory stays as small as the scene.
        self._last_seen = {c: t for c, t in self._last_seen.items() if now - t < self.window_s}
        fresh = code not in self._last_seen
        self._last_seen[code] = now
        return fresh

    def reset(self) -> None:
        """Forget every sighting (a new patron session starts with a clean slate)."""
        self._last_seen.clear()
