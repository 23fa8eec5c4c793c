"""The letter scan step's view-model: the camera reads on a worker, one short read at a
time, until a payable City letter is shown or the citizen leaves the step."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal

from kiosk.domain.letters import LetterCodeError, LetterPayment, parse_letter_code
from kiosk.i18n import Translator
from ui.operations import BackgroundRunner

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 1.0  # short reads: leaving the step stops the loop within a second
QR_ONLY = frozenset({"QR"})


class LetterViewModel(QObject):
    changed = Signal()

    def __init__(
        self,
        language: Callable[[], str],
        runner: BackgroundRunner,
        on_letter: Callable[[LetterPayment], None],
    ) -> None:
        super().__init__()
        self._language = language
        self._runner = runner
        self._on_letter = on_letter
        self._camera: Any = None  # kiosk.devices.DeviceOwner of a drivers.camera Camera
        self._scanning = False
        self._message_key = ""
        self._generation = 0

    def set_camera(self, owner: Any) -> None:
        self._camera = owner

    def camera(self) -> Any:
        """The camera's device owner set by :meth:`set_camera` (None: no camera)."""
        return self._camera

    @Property(bool, notify=changed)
    def scanning(self) -> bool:
        return self._scanning

    @Property(str, notify=changed)
    def message(self) -> str:
        return Translator(self._language())(self._message_key) if self._message_key else ""

    def start(self) -> None:
        """Start looking for a code (entering the scan step)."""
        self._generation += 1
        self._message_key = ""
        self._scanning = self._camera is not None
        if self._camera is None:
            self._message_key = "letter.camera_failed"
        self.changed.emit()
        if self._scanning:
            self._read(self._generation)

    def stop(self) -> None:
        """Leaving the step: the read under way ends within READ_TIMEOUT_S, unheard."""
        self._generation += 1
        if self._scanning:
            self._scanning = False
            self.changed.emit()

    def _read(self, generation: int) -> None:
        camera = self._camera
        self._runner.run_on(  # on the camera's own thread: no pool thread parked
            camera,
            lambda cam: cam.read_code(READ_TIMEOUT_S, QR_ONLY),
            lambda code: self._got(generation, code),
            lambda error: self._failed(generation, error),
        )

    def _got(self, generation: int, code: Any) -> None:
        if generation != self._generation:
            return
        if code is not None:
            try:
                letter = parse_letter_code(code.text)
            except LetterCodeError as exc:
                log.info("letter code refused: %s", exc.reason)  # never the code itself
                self._message_key = f"letter.{exc.reason}"
                self.changed.emit()
            else:
                self.stop()
                self._on_letter(letter)
                return
        self._read(generation)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        log.warning("camera read failed: %s", error)
        self._scanning = False
        self._message_key = "letter.camera_failed"
        self.changed.emit()
