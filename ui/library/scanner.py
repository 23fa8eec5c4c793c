"""The camera read loop of the scan screens: short reads on the camera's owner thread,
each code handed to the GUI thread; leaving a scan screen stops the loop within one
read (READ_TIMEOUT_S). Only decoded texts come back, never a frame."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kiosk.devices import DeviceOwner
from ui.operations import BackgroundRunner

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 1.0
# Library cards: Codabar (older cards) or Code 128; items: Code 128 labels.
CARD_FORMATS = frozenset({"CODABAR", "CODE128"})
ITEM_FORMATS = frozenset({"CODE128"})


def card_text(text: str, symbology: str) -> str:
    """A Codabar read carries its start/stop characters (A-D): the card number is inside."""
    text = text.strip()
    if (
        symbology == "CODABAR"
        and len(text) > 2
        and text[0] in "ABCDabcd"
        and text[-1] in "ABCDabcd"
    ):
        return text[1:-1]
    return text


class ScanLoop:
    """Reads the camera while ``formats`` is set; ``on_code(text)`` on the GUI thread."""

    def __init__(
        self,
        calls: BackgroundRunner,
        on_code: Callable[[str], None],
        on_problem: Callable[[bool], None],
    ) -> None:
        self._calls = calls
        self._on_code = on_code
        self._on_problem = on_problem  # True: the camera stopped working
        self._camera: DeviceOwner[Any] | None = None
        self._formats: frozenset[str] = frozenset()
        self._generation = 0
        self._reading = False

    def set_camera(self, owner: DeviceOwner[Any] | None) -> None:
        self._camera = owner
        self._next()

    def scan(self, formats: frozenset[str]) -> None:
        """Look for codes of ``formats`` (empty: stop looking)."""
        if formats == self._formats:
            return
        self._formats = formats
        self._generation += 1  # the read under way is not heard
        self._next()

    def _next(self) -> None:
        if self._camera is None or not self._formats or self._reading:
            return
        self._reading = True
        generation, formats = self._generation, self._formats
        self._calls.run_on(
            self._camera,
            lambda cam: cam.read_code(READ_TIMEOUT_S, formats),
            lambda code: self._got(generation, code),
            lambda error: self._failed(generation, error),
        )

    def _got(self, generation: int, code: Any) -> None:
        self._reading = False
        # A read started on the previous screen may return a code shown on this one:
        # it counts when this screen reads that symbology.
        if code is not None and (generation == self._generation or code.symbology in self._formats):
            self._on_problem(False)
            text = card_text(code.text, code.symbology)
            if text:
                self._on_code(text)
        self._next()

    def _failed(self, generation: int, error: BaseException) -> None:
        self._reading = False
        log.warning("camera read failed: %s", type(error).__name__)
        self._on_problem(True)
        # The camera is gone: the wedge scanner still works; try again on the next screen.
        self._formats = frozenset()
