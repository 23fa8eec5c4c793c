"""The Qt binding itself: defects in it would crash a kiosk that runs for weeks."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from ui.qt_runtime import SPARE_REFERENCES, keep_true_alive


class _Emitter(QObject):
    changed = Signal()
    counted = Signal(int)


def test_a_kiosk_survives_more_emits_than_true_has_references(qapp):
    # PySide6 6.12.0 drops one reference to True per emit: without ui.qt_runtime a
    # long-running kiosk aborts with "bool_dealloc". Emit more often than True had
    # references before the work-around.
    keep_true_alive()
    emitter = _Emitter()
    received: list[int] = []
    emitter.counted.connect(received.append)
    for number in range(5_000):
        emitter.changed.emit()
        emitter.counted.emit(number)
    assert len(received) == 5_000
    assert sys.getrefcount(True) > SPARE_REFERENCES // 2
    keep_true_alive()  # once per process: a second call adds nothing
    assert sys.getrefcount(True) < SPARE_REFERENCES * 2
