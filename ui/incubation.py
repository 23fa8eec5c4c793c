"""Building screens between frames in short slices (the engine's incubation controller).

Main.qml builds the next screen off screen (an asynchronous Loader); the engine builds
such objects only when its incubation controller says so. The window's own controller,
with a renderer that draws on the GUI thread (the software renderer the kiosk uses),
builds for two thirds of a frame at a time (about 11 ms at 60 Hz): with the rest of a
turn of the event loop (a frame, a worker's result) that is over a frame, a visible
stall (issue 25: bench/journey.py's longest stall). This controller builds in slices of
a few milliseconds with the event loop running in between, so a screen takes about as
long to build and no slice of it holds the GUI thread for a frame.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtQml import QQmlEngine, QQmlIncubationController

# The building done in one turn of the event loop, at most (about). A slice often runs
# back to back with a frame (both fall due in the same turn): 3 ms rather than 4 took a
# millisecond and a half off bench/journey.py's busiest stretch, for screens shown some
# 8 ms later (issue 25).
SLICE_MS = 3
PAUSE_MS = 1  # between two slices: timers, worker results and frames run here


class SlicedIncubation(QQmlIncubationController):
    """Drives an engine's asynchronous object creation in ``slice_ms`` slices."""

    def __init__(self, slice_ms: int = SLICE_MS, pause_ms: int = PAUSE_MS) -> None:
        if slice_ms < 1 or pause_ms < 0:
            raise ValueError(f"SlicedIncubation: slice_ms >= 1 and pause_ms >= 0, "
                             f"not {slice_ms!r} and {pause_ms!r}")
        super().__init__()
        self._slice_ms = slice_ms
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self._build)

    def install(self, engine: QQmlEngine) -> None:
        """Drive ``engine``'s incubation (before it loads its first window, which would
        install the window's own controller otherwise). The engine does not own its
        controller: its Python wrapper keeps this one alive for as long as it lives."""
        engine.setIncubationController(self)
        engine._sliced_incubation = self  # type: ignore[attr-defined]

    def incubatingObjectCountChanged(self, count: int) -> None:
        if count and not self._timer.isActive():
            self._timer.start()

    def _build(self) -> None:
        self.incubateFor(self._slice_ms)
        if self.incubatingObjectCount():
            self._timer.start()
