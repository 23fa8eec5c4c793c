"""The printer's live state, polled on its owner thread and handed to whoever listens
(the UI's "no paper" path, later the heartbeat)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from drivers.printer.interface import PrinterStatus, ReceiptPrinter
from kiosk.devices import DeviceOwner

log = logging.getLogger(__name__)

Listener = Callable[[PrinterStatus], None]


class PrinterMonitor:
    """Polls every ``interval_s``; listeners hear every change (and the first reading).

    Listeners run on the monitor's thread: a GUI must hop to its own thread.
    """

    def __init__(self, printer: DeviceOwner[ReceiptPrinter], interval_s: float = 10.0,
                 timeout_s: float = 8.0) -> None:
        self._printer = printer
        self._interval_s = interval_s
        self._timeout_s = timeout_s
        self._listeners: list[Listener] = []
        self._latest: PrinterStatus | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def latest(self) -> PrinterStatus | None:
        with self._lock:
            return self._latest

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def poll_once(self) -> PrinterStatus:
        try:
            status = self._printer.call(lambda p: p.status(), self._timeout_s)
        except TimeoutError:
            status = PrinterStatus(online=False, error="printer status query timed out")
        with self._lock:
            changed = status != self._latest
            self._latest = status
        if changed:
            log.info("printer: online=%s paper=%s cover_open=%s error=%s", status.online,
                     status.paper, status.cover_open, status.error or "-")
            for listener in list(self._listeners):
                listener(status)
        return status

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="printer-monitor", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception:  # a monitor that dies silently would leave a stale state
                log.exception("printer status poll failed")
            self._stop.wait(self._interval_s)

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout_s)
