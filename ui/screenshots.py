"""Screenshots central IT asked for (a remote action): the sync process leaves
``<state dir>/screenshots/<id>.request``; this grabs the kiosk's own window and writes
``<id>.png`` next to it — never while a citizen session is on screen (then it writes
``<id>.waiting`` saying so, and takes it once the session has ended).

Only the grab happens on the GUI thread (Qt requires it there); looking for requests and
writing the files are done on a worker, so the GUI thread touches no disk."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow

from ui.operations import BackgroundRunner

log = logging.getLogger(__name__)
WAITING = "a citizen session is active: the screenshot waits for its end"


def pending_requests(directory: Path) -> list[str]:
    """The ids of the screenshots asked for in ``directory``, oldest id first (none when
    the directory cannot be read)."""
    try:
        return sorted((r.stem for r in directory.glob("*.request") if r.stem.isdigit()),
                      key=int)
    except OSError:
        return []


class ScreenshotTaker(QObject):
    """Looks for requests every ``interval_ms`` on a worker of ``runner`` and answers
    them: the window grabbed on the GUI thread, the PNG or the waiting note written on a
    worker. One round at a time."""

    def __init__(
        self,
        window: QQuickWindow,
        directory: Path,
        in_session: Callable[[], bool],
        runner: BackgroundRunner,
        interval_ms: int = 1000,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._dir = directory
        self._in_session = in_session
        self._runner = runner
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> None:
        """Start a round: look for requests on a worker (skipped while one runs)."""
        if self._busy:
            return
        self._busy = True
        directory = self._dir
        self._runner.run(lambda: pending_requests(directory), self._answer, self._failed)

    def _answer(self, actions: list[str]) -> None:
        if not actions:
            self._busy = False
            return
        if self._in_session():
            self._runner.run(lambda: self._write_waiting(actions), self._done, self._failed)
            return
        image = self._window.grabWindow()
        if image.isNull():
            log.warning("screenshot: the window could not be grabbed")
            self._busy = False
            return
        self._runner.run(lambda: self._save(image, actions), self._done, self._failed)

    def _done(self, _: object) -> None:
        self._busy = False

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        log.warning("screenshots not answered: %s", error)

    def _write_waiting(self, actions: list[str]) -> None:
        for action in actions:
            try:
                _write_atomically(self._dir / f"{action}.waiting", WAITING)
            except OSError as exc:  # a full disk: the sync side reports it waiting
                log.warning("screenshot %s: waiting note not written: %s", action, exc)

    def _save(self, image: QImage, actions: list[str]) -> int:
        taken = 0
        for action in actions:
            target = self._dir / f"{action}.png"
            partial = target.with_suffix(".part")
            try:
                if not image.save(str(partial), "PNG"):
                    log.warning("screenshot %s not written: PNG encoding failed", action)
                    continue
                os.replace(partial, target)  # the sync side never reads half a file
                (self._dir / f"{action}.request").unlink(missing_ok=True)
            except OSError as exc:  # a full disk: the sync side reports it waiting
                log.warning("screenshot %s not written: %s", action, exc)
                continue
            taken += 1
            log.info("screenshot %s taken (%dx%d)", action, image.width(), image.height())
        return taken


def _write_atomically(target: Path, text: str) -> None:
    """The sync side polls this file: it must never read it created but still empty."""
    partial = target.with_suffix(".waiting-part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
