"""Work-arounds for defects of the Qt binding that would take a long-running kiosk down.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without taking a new
reference to it; every emit from Python then leaves ``True`` one reference short, and
after a few thousand emits the interpreter aborts ("bool_dealloc"). Older releases do not
leak but crash on our on-screen keyboard's QML (heap corruption, not understood yet), so
we stay on 6.12 and keep ``True`` alive: CPython 3.12+ makes it immortal by design; on
3.11 we give it as many spare references as that would take (2**40 emits).
"""

from __future__ import annotations

import ctypes
import sys

SPARE_REFERENCES = 1 << 40


def keep_true_alive() -> None:
    """Give ``True`` spare references once per process (no-op where it is immortal)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    refcount = ctypes.c_ssize_t.from_address(id(True))
    if refcount.value < SPARE_REFERENCES:
        refcount.value += SPARE_REFERENCES
