"""The Qt binding itself: defects in it would crash a kiosk that runs for weeks."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal()
    counted = Signal(int)


def test_emitting_signals_keeps_python_reference_counts(qapp):
    # PySide6 6.12.0 dropped one reference to True per emit: a long-running kiosk would
    # abort with "bool_dealloc". Emit more often than True has references.
    emitter = _Emitter()
    received: list[int] = []
    emitter.counted.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(2_000):
        emitter.changed.emit()
        emitter.counted.emit(number)
    assert len(received) == 2_000
    assert abs(sys.getrefcount(True) - before) < 50
