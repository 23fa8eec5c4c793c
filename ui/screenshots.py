"""Screenshots central IT asked for (a remote action): the sync process leaves
``<state dir>/screenshots/<id>.request``; this grabs the kiosk's own window and writes
``<id>.png`` next to it — never while a citizen session is on screen (then it writes
``<id>.waiting`` saying so, and takes it once the session has ended)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtQuick import QQuickWindow

log = logging.getLogger(__name__)
WAITING = "a citizen session is active: the screenshot waits for its end"


class ScreenshotTaker(QObject):
    """Polls for requests on the GUI thread (a grab must happen there) every
    ``interval_ms``; cheap: one directory listing."""

    def __init__(
        self,
        window: QQuickWindow,
        directory: Path,
        in_session: Callable[[], bool],
        interval_ms: int = 1000,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._dir = directory
        self._in_session = in_session
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> int:
        """Answer every pending request now; how many screenshots were taken."""
        try:
            requests = sorted(self._dir.glob("*.request"))
        except OSError:
            return 0
        taken = 0
        for request in requests:
            action = request.stem
            if not action.isdigit():
                continue
            try:
                if self._in_session():
                    _write_atomically(self._dir / f"{action}.waiting", WAITING)
                    continue
                if self._grab(self._dir / f"{action}.png"):
                    taken += 1
                    request.unlink(missing_ok=True)
            except OSError as exc:  # a full disk: the sync side reports it waiting
                log.warning("screenshot %s not written: %s", action, exc)
        return taken

    def _grab(self, target: Path) -> bool:
        image = self._window.grabWindow()
        if image.isNull():
            log.warning("screenshot: the window could not be grabbed")
            return False
        partial = target.with_suffix(".part")
        if not image.save(str(partial), "PNG"):
            return False
        os.replace(partial, target)  # the sync side never reads half a file
        log.info("screenshot %s taken (%dx%d)", target.stem, image.width(), image.height())
        return True


def _write_atomically(target: Path, text: str) -> None:
    """The sync side polls this file: it must never read it created but still empty."""
    partial = target.with_suffix(".waiting-part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
