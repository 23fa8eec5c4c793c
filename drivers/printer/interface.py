"""The receipt printer as the core sees it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from drivers.printer.document import ReceiptDocument

PaperState = Literal["ok", "near_end", "out"]


@dataclass(frozen=True)
class PrinterStatus:
    online: bool
    paper: PaperState = "ok"
    cover_open: bool = False
    error: str = ""

    @property
    def can_print(self) -> bool:
        return self.online and self.paper != "out" and not self.cover_open and not self.error


class ReceiptPrinter(Protocol):
    """A receipt printer. All calls are made from the device's owner thread."""

    @property
    def columns(self) -> int:
        """Characters per line in the normal font (42 on 80 mm, 32 on 58 mm paper)."""
        ...

    def status(self) -> PrinterStatus:
        """Query the printer's live status (bounded by a short timeout)."""
        ...

    def print_receipt(self, document: ReceiptDocument) -> None:
        """Print and cut ``document``; raises ``DeviceError`` when the paper did not come out."""
        ...

    def close(self) -> None:
        ...
