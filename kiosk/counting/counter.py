"""Frames in, counts out: the detector and the line counter for one camera."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from kiosk.counting.detector import BlobDetector, DetectorSettings
from kiosk.counting.tracker import LineCounter

Direction = Literal["down", "up"]


@dataclass(frozen=True)
class Counts:
    entries: int
    exits: int
    frames: int

    def as_json(self) -> dict[str, int]:
        return {"in": self.entries, "out": self.exits, "frames": self.frames}


class PeopleCounter:
    """Feed greyscale frames of one size; ``counts`` at any time. Frames are not kept."""

    def __init__(
        self,
        line_y: float = 0.5,
        in_direction: Direction = "down",
        settings: DetectorSettings | None = None,
        band: float = 0.05,
    ) -> None:
        if not 0.05 <= line_y <= 0.95:
            raise ValueError(f"line_y {line_y}: a fraction of the frame height, 0.05..0.95")
        self._line_y, self._band = line_y, band
        self._in_down = in_direction == "down"
        self._detector = BlobDetector(settings)
        self._counter: LineCounter | None = None
        self.frames = 0

    def feed(self, gray: np.ndarray) -> None:
        if self._counter is None:
            height, width = gray.shape[:2]
            self._counter = LineCounter(
                line_y=self._line_y * height, band=self._band * height,
                max_jump=1.3 * self._detector.settings.person_width * width,
                down_is_in=self._in_down)
        self._counter.update(self._detector.detect(gray))
        self.frames += 1

    @property
    def counts(self) -> Counts:
        c = self._counter
        return Counts(c.entries if c else 0, c.exits if c else 0, self.frames)


def count_frames(frames: Iterable[np.ndarray], line_y: float = 0.5,
                 in_direction: Direction = "down") -> Counts:
    counter = PeopleCounter(line_y, in_direction)
    for frame in frames:
        counter.feed(frame)
    return counter.counts
