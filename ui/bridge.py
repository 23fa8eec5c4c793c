"""Carrying news from worker threads (device monitors) onto the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot


class ThreadBridge(QObject):
    """``post(value)`` from any thread; ``deliver(value)`` runs on the GUI thread.

    The bridge lives on the GUI thread, so a signal emitted elsewhere is queued to it.
    """

    _posted = Signal(object)

    def __init__(self, deliver: Callable[[Any], None]) -> None:
        super().__init__()
        self._deliver = deliver
        self._posted.connect(self._on_posted)

    def post(self, value: Any) -> None:
        self._posted.emit(value)

    @Slot(object)
    def _on_posted(self, value: Any) -> None:
        self._deliver(value)
