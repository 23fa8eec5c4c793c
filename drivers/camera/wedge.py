"""USB barcode scanners that type like a keyboard (HID wedge): keys in, codes out.

Qt-free: the UI feeds every key it receives on a scan screen, with the event's
timestamp, to :meth:`WedgeAccumulator.feed`. A scanner types a whole code in a burst
(a few ms between keys) and ends it with Enter; a person types much slower. So a burst
that reaches Enter with every gap under ``max_gap_s`` is a code; anything slower is
human typing and is dropped (scan screens have no text field to deliver it to).

Scanners configured to send an AIM symbology identifier (``]C0`` Code 128, ``]E0``
EAN-13, ``]Q1`` QR, ``]F0`` Codabar, ``]d1`` Data Matrix…) get their symbology named;
otherwise it is ``"UNKNOWN"``. Codes are never logged (a library card number is a
patron's identifier).
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.camera.interface import ScannedCode

UNKNOWN = "UNKNOWN"

# AIM identifier (ISO/IEC 15424) family letter -> our symbology name.
_AIM = {"Q": "QR", "E": "EAN13", "C": "CODE128", "F": "CODABAR", "d": "DATAMATRIX"}

ENTER_KEYS = frozenset({"\r", "\n"})


@dataclass(frozen=True)
class Rejection:
    """Why the last Enter did not give a code; for diagnostics, without the keys."""

    reason: str  # "too_slow", "too_short", "too_long"
    length: int


class WedgeAccumulator:
    """Turns timed key presses into scanned codes.

    ``max_gap_s``: the longest pause between two keys of one scan (scanners: 1-20 ms;
    fast typists rarely under 60 ms). ``min_length``: shorter bursts are stray keys.
    ``max_length``: a burst longer than this is not a code we read (and memory stays
    bounded whatever is typed).
    """

    def __init__(
        self,
        max_gap_s: float = 0.05,
        min_length: int = 3,
        max_length: int = 512,
        terminators: frozenset[str] = ENTER_KEYS,
    ) -> None:
        if max_gap_s <= 0:
            raise ValueError(f"max_gap_s must be > 0, got {max_gap_s}")
        if not 1 <= min_length <= max_length:
            raise ValueError(f"need 1 ≤ min_length ≤ max_length, got {min_length}, {max_length}")
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self.max_length = max_length
        self.terminators = terminators
        self._burst: list[str] = []
        self._last_key_at: float | None = None
        self._overflow = False
        self.last_rejection: Rejection | None = None

    def feed(self, key: str, timestamp: float) -> ScannedCode | None:
        """One key press (its text, and its time in seconds); a code when a scan ends.

        ``key`` is the character the key produced (``"\\r"`` for Enter); keys with no
        text (Shift, arrows) are fed as ``""`` and only count as a pause breaker.
        """
        gap = None if self._last_key_at is None else timestamp - self._last_key_at
        self._last_key_at = timestamp
        slow = gap is None or gap > self.max_gap_s or gap < 0
        if key in self.terminators:
            return self._end(slow)
        if slow:
            # A pause: whatever came before was typed by hand; a scan may start here.
            self._burst = []
            self._overflow = False
        if not key:
            return None
        if len(self._burst) >= self.max_length:
            self._overflow = True
        else:
            self._burst.append(key)
        return None

    def reset(self) -> None:
        """Drop a partial burst (the screen changed)."""
        self._burst = []
        self._last_key_at = None
        self._overflow = False

    def _end(self, slow: bool) -> ScannedCode | None:
        burst, overflow = self._burst, self._overflow
        self._burst, self._overflow = [], False
        if slow:
            self.last_rejection = Rejection("too_slow", len(burst))
            return None
        if overflow:
            self.last_rejection = Rejection("too_long", len(burst))
            return None
        if len(burst) < self.min_length:
            self.last_rejection = Rejection("too_short", len(burst))
            return None
        self.last_rejection = None
        return _with_symbology("".join(burst))


def _with_symbology(text: str) -> ScannedCode:
    if len(text) > 3 and text[0] == "]" and text[1] in _AIM and text[2].isalnum():
        return ScannedCode(text[3:], _AIM[text[1]])
    return ScannedCode(text, UNKNOWN)
