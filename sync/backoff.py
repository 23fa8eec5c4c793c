"""Exponential backoff with full jitter (delay drawn in [0, min(cap, base·2^n)])."""

from __future__ import annotations

import random
from collections.abc import Callable


class Backoff:
    def __init__(self, base_s: float, cap_s: float,
                 uniform: Callable[[float, float], float] = random.uniform) -> None:
        self._base = base_s
        self._cap = cap_s
        self._uniform = uniform
        self.failures = 0

    def next_delay(self) -> float:
        """The pause before the next try; each call counts one more failure."""
        ceiling = min(self._cap, self._base * (2 ** min(self.failures, 30)))
        self.failures += 1
        return self._uniform(0.0, ceiling)

    def reset(self) -> None:
        self.failures = 0
