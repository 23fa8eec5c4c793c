"""Tracks across frames and their crossings of the counting line, with hysteresis.

A track's side of the line only changes once its centre is beyond the band of
``band`` pixels on either side: a person standing on the line and swaying stays
inside the band and is counted once, when they leave it on the other side; a person
who turns back before the line never changes side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kiosk.counting.detector import Blob

Side = Literal["before", "after"]


@dataclass
class Track:
    x: float
    y: float
    side: Side | None
    missed: int = 0


@dataclass
class LineCounter:
    """Counts crossings of the horizontal line ``line_y`` (pixels).

    ``down_is_in``: a crossing towards larger y is an entry."""

    line_y: float
    band: float
    max_jump: float
    down_is_in: bool = True
    max_missed: int = 12
    entries: int = 0
    exits: int = 0
    _tracks: list[Track] = field(default_factory=list)

    def _side(self, y: float) -> Side | None:
        if y < self.line_y - self.band:
            return "before"
        if y > self.line_y + self.band:
            return "after"
        return None

    def update(self, blobs: list[Blob]) -> None:
        """One frame's people: match them to tracks (nearest first), count crossings."""
        pairs = sorted(
            ((abs(t.x - b.x) + abs(t.y - b.y), ti, bi)
             for ti, t in enumerate(self._tracks) for bi, b in enumerate(blobs)),
            key=lambda p: p[0])
        used_tracks: set[int] = set()
        used_blobs: set[int] = set()
        for distance, ti, bi in pairs:
            if distance > self.max_jump or ti in used_tracks or bi in used_blobs:
                continue
            used_tracks.add(ti)
            used_blobs.add(bi)
            self._move(self._tracks[ti], blobs[bi])
        for ti, track in enumerate(self._tracks):
            if ti not in used_tracks:
                track.missed += 1
        self._tracks = [t for t in self._tracks if t.missed <= self.max_missed]
        for bi, blob in enumerate(blobs):
            if bi not in used_blobs:
                self._tracks.append(Track(blob.x, blob.y, self._side(blob.y)))

    def _move(self, track: Track, blob: Blob) -> None:
        track.x, track.y, track.missed = blob.x, blob.y, 0
        side = self._side(blob.y)
        if side is None or side == track.side:
            return
        if track.side is not None:
            downward = side == "after"
            if downward == self.down_is_in:
                self.entries += 1
            else:
                self.exits += 1
        track.side = side
