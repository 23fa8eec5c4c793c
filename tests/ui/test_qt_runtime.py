"""The Qt binding itself: defects in it would crash a kiosk that runs for weeks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from ui.qt_runtime import SPARE_REFERENCES, keep_true_alive

ROOT = Path(__file__).resolve().parents[2]


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


SCAN_PROBE = """
import linecache, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore
from ui.qt_runtime import skip_source_scan
skipped = skip_source_scan() if sys.argv[2] == "skip" else False
import probe_module
print(skipped, probe_module.__file__ in linecache.cache)
"""


@pytest.mark.parametrize(("mode", "expected"), [("scan", "False True"), ("skip", "True False")])
def test_modules_imported_after_pyside_are_not_read_for_features(tmp_path, mode, expected):
    # PySide6 reads (and keeps in linecache) the source of every module imported after it,
    # 26 MB for the kiosk's services: ui/qt_runtime.py turns that off. In a fresh
    # interpreter, since this one has it off already (tests/conftest.py).
    (tmp_path / "probe_module.py").write_text("VALUE = 1\n")
    result = subprocess.run([sys.executable, "-c", SCAN_PROBE, str(tmp_path), mode],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
