"""The Qt binding itself: defects in it would crash a kiosk that runs for weeks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from ui.qt_runtime import LARGEST_CACHED_GLYPH_PX, SPARE_REFERENCES, keep_true_alive

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


GLYPH_PROBE = """
import os, sys, time
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter
from ui.qt_runtime import cache_large_glyphs
if sys.argv[1] == "cached":
    cache_large_glyphs()
app = QGuiApplication([])
image = QImage(1080, 400, QImage.Format.Format_ARGB32_Premultiplied)
font = QFont()
font.setPixelSize(84)  # the attract screen's title
font.setBold(True)
spent = 0.0
for frame in range(12):
    image.fill(0)
    painter = QPainter(image)
    painter.setFont(font)
    start = time.thread_time()
    painter.drawText(10, 100, "Choisissez · Kies · Choose " + str(frame % 2))
    spent += (time.thread_time() - start) if frame else 0.0  # the first fills the cache
    painter.end()
print(os.environ.get("QT_MAX_CACHED_GLYPH_SIZE"), spent)
"""


def test_large_text_is_drawn_from_the_glyph_cache(tmp_path):
    # Over 64 px Qt's raster painter fills each glyph's outline at every frame (the
    # attract title took most of a frame): with cache_large_glyphs it blits cached
    # glyphs. Qt reads the limit once per process: one fresh interpreter each way,
    # timed in the painting thread's own CPU time (not the machine's load).
    spent = {}
    environment = {k: v for k, v in os.environ.items() if k != "QT_MAX_CACHED_GLYPH_SIZE"}
    for mode in ("outlines", "cached"):
        result = subprocess.run([sys.executable, "-c", GLYPH_PROBE, mode], capture_output=True,
                                text=True, timeout=60, cwd=ROOT, env=environment)
        assert result.returncode == 0, result.stderr
        limit, seconds = result.stdout.split()
        assert limit == (str(LARGEST_CACHED_GLYPH_PX) if mode == "cached" else "None")
        spent[mode] = float(seconds)
    assert spent["cached"] * 3 < spent["outlines"], spent
