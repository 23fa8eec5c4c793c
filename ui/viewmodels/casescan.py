"""The identify screen's "scan the QR on your letter or receipt" branch: the camera reads
a case QR (kiosk.domain.cases) instead of the eID, the City is asked for that case, and a
found case goes on to the done screen. A bad or unknown code is said on this screen."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.cases import CaseCodeError, CaseQr, parse_case_qr, parse_typed_case
from kiosk.domain.city import PlatformUnavailableError
from kiosk.i18n import Translator
from ui.operations import BackgroundRunner

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 1.0  # short reads: leaving the branch stops the loop within a second
QR_ONLY = frozenset({"QR"})

# Looks the scanned case up (a worker thread runs it): the case follow-up's fulfilment
# result, {"cases": [...], ...}; raises PlatformUnavailableError when the City is down.
Lookup = Callable[[CaseQr], dict[str, Any]]


class CaseScanViewModel(QObject):
    changed = Signal()

    def __init__(
        self,
        language: Callable[[], str],
        runner: BackgroundRunner,
        camera: Callable[[], Any],
        lookup: Lookup,
        on_found: Callable[[CaseQr, dict[str, Any]], None],
    ) -> None:
        """``camera`` gives the camera's kiosk.devices.DeviceOwner (None: no camera)."""
        super().__init__()
        self._language = language
        self._runner = runner
        self._camera = camera
        self._lookup = lookup
        self._on_found = on_found
        self._active = False  # the branch is on screen
        self._scanning = False
        self._message_key = ""
        self._generation = 0

    @Property(bool, notify=changed)
    def active(self) -> bool:
        return self._active

    @Property(bool, notify=changed)
    def scanning(self) -> bool:
        return self._scanning

    @Property(str, notify=changed)
    def message(self) -> str:
        return Translator(self._language())(self._message_key) if self._message_key else ""

    @Property(bool, notify=changed)
    def problem(self) -> bool:
        """Whether the message is a reason something failed (not progress)."""
        return self._message_key not in ("", "case.scan.checking")

    def start(self) -> None:
        """Show the branch and look for a code."""
        self._generation += 1
        self._active = True
        camera = self._camera()
        self._scanning = camera is not None
        self._message_key = "" if camera is not None else "case.scan.camera_failed"
        self.changed.emit()
        if camera is not None:
            self._read(self._generation, camera)

    def stop(self) -> None:
        """Leave the branch: the read under way ends within READ_TIMEOUT_S, unheard."""
        self._generation += 1
        if self._active or self._scanning or self._message_key:
            self._active = self._scanning = False
            self._message_key = ""
            self.changed.emit()

    @Slot(str, str)
    def findTyped(self, reference: str, code: str) -> None:
        """The reference and follow-up code typed on the on-screen keyboard: the same
        lookup as a scanned QR (the camera keeps looking meanwhile)."""
        if not self._active:
            return
        try:
            typed = parse_typed_case(reference, code)
        except CaseCodeError as exc:
            log.info("typed case code refused: %s", exc.reason)  # never what was typed
            self._say(f"case.scan.{exc.reason}")
            return
        self._say("case.scan.checking")
        generation = self._generation
        self._runner.run(
            lambda: self._lookup(typed),
            lambda result: self._looked_up(generation, None, typed, result),
            lambda error: self._lookup_failed(generation, None, error),
        )

    def _read(self, generation: int, camera: Any) -> None:
        self._runner.run_on(  # on the camera's own thread: no pool thread parked
            camera,
            lambda cam: cam.read_code(READ_TIMEOUT_S, QR_ONLY),
            lambda code: self._got(generation, camera, code),
            lambda error: self._camera_failed(generation, error),
        )

    def _got(self, generation: int, camera: Any, code: Any) -> None:
        if generation != self._generation:
            return
        if code is None:
            self._read(generation, camera)
            return
        try:
            scanned = parse_case_qr(code.text)
        except CaseCodeError as exc:
            log.info("case code refused: %s", exc.reason)  # never the code itself
            self._say(f"case.scan.{exc.reason}")
            self._read(generation, camera)
            return
        self._say("case.scan.checking")
        self._runner.run(
            lambda: self._lookup(scanned),
            lambda result: self._looked_up(generation, camera, scanned, result),
            lambda error: self._lookup_failed(generation, camera, error),
        )

    def _looked_up(
        self, generation: int, camera: Any, scanned: CaseQr, result: dict[str, Any]
    ) -> None:
        if generation != self._generation:
            return
        if not result.get("cases"):
            # A wrong code and an unknown reference look the same: nothing is revealed.
            log.info("case code matches no case")
            self._say("case.scan.unknown")
            if camera is not None:  # a scan: look again (a typed code: the camera still is)
                self._read(generation, camera)
            return
        self.stop()
        self._on_found(scanned, result)

    def _lookup_failed(self, generation: int, camera: Any, error: BaseException) -> None:
        if generation != self._generation:
            return
        if isinstance(error, PlatformUnavailableError):
            log.warning("the City's platform did not answer: %s", error)
        else:
            log.error("case lookup failed: %s", type(error).__name__, exc_info=error)
        self._say("case.scan.unreachable")
        if camera is not None:
            self._read(generation, camera)

    def _camera_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        log.warning("camera read failed: %s", error)
        self._scanning = False
        self._say("case.scan.camera_failed")

    def _say(self, key: str) -> None:
        self._message_key = key
        self.changed.emit()
