"""In-process simulated receipt printer with fault injection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from drivers.errors import DeviceError, DeviceUnavailableError
from drivers.printer.document import ReceiptDocument, render_text
from drivers.printer.interface import PrinterStatus
from drivers.simulation import PRINTER_FAULTS, FaultSet


class SimulatedReceiptPrinter:
    """Renders each receipt to text, keeps it, and hands it to ``on_print``.

    Faults: offline, paper_out, near_end (prints, but reports it), cover_open, jam.
    """

    def __init__(
        self,
        faults: list[str] | None = None,
        on_print: Callable[[ReceiptDocument, str], None] | None = None,
        columns: int = 42,
    ) -> None:
        self.columns = columns
        self.faults = FaultSet("printer", PRINTER_FAULTS, faults or ())
        self._on_print = on_print
        self._lock = threading.Lock()
        self._printed: list[str] = []

    @property
    def printed(self) -> list[str]:
        """Text renderings of every receipt that came out, oldest first."""
        with self._lock:
            return list(self._printed)

    def status(self) -> PrinterStatus:
        if "offline" in self.faults:
            return PrinterStatus(online=False, error="printer offline")
        paper = "out" if "paper_out" in self.faults else (
            "near_end" if "near_end" in self.faults else "ok")
        return PrinterStatus(
            online=True,
            paper=paper,
            cover_open="cover_open" in self.faults,
            error="paper jam" if "jam" in self.faults else "",
        )

    def print_receipt(self, document: ReceiptDocument) -> None:
        status = self.status()
        if not status.online:
            raise DeviceUnavailableError("printer offline")
        if status.paper == "out":
            raise DeviceError("printer out of paper")
        if status.cover_open:
            raise DeviceError("printer cover open")
        if status.error:
            raise DeviceError(status.error)
        text = render_text(document)
        with self._lock:
            self._printed.append(text)
        if self._on_print is not None:
            self._on_print(document, text)

    def close(self) -> None:
        pass
