"""The A4 document printer as the core sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

PrinterState = Literal["idle", "processing", "stopped", "offline"]
JobState = Literal["pending", "held", "processing", "stopped", "canceled", "aborted",
                   "completed"]
# The printer-state-reasons the kiosk acts on or reports (RFC 8011 §5.4.12, PWG 5100.9),
# without their -report / -warning / -error suffix.
BLOCKING_REASONS = frozenset({"media-empty", "media-jam", "door-open", "cover-open",
                              "toner-empty", "marker-supply-empty", "paused", "shutdown",
                              "offline", "media-needed", "input-tray-missing"})
WARNING_REASONS = frozenset({"media-low", "toner-low", "marker-supply-low"})
# What the kiosk can send: PDF as is, or PDF rendered to PWG raster (IPP Everywhere's
# required raster format) for a printer that takes no PDF.
PRINTABLE_FORMATS = ("application/pdf", "image/pwg-raster")


@dataclass(frozen=True)
class DocumentPrinterStatus:
    """The printer's state before a print is promised."""

    state: PrinterState
    reasons: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    message: str = ""
    error: str = ""

    @property
    def blocking(self) -> tuple[str, ...]:
        """The reasons that stop a print (paper out, jam, door open, …)."""
        return tuple(r for r in self.reasons if r in BLOCKING_REASONS)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(r for r in self.reasons if r in WARNING_REASONS)

    @property
    def can_print(self) -> bool:
        return (self.state in ("idle", "processing") and not self.blocking
                and not self.error and any(f in self.formats for f in PRINTABLE_FORMATS))

    def as_dict(self) -> dict[str, object]:
        return {"state": self.state, "reasons": list(self.reasons),
                "formats": list(self.formats), "message": self.message,
                "error": self.error, "can_print": self.can_print}


@dataclass(frozen=True)
class JobResult:
    """Where a print job ended up (or stands, when the wait ran out)."""

    job_id: int
    state: JobState
    reasons: tuple[str, ...] = field(default_factory=tuple)
    pages: int | None = None
    message: str = ""

    @property
    def completed(self) -> bool:
        return self.state == "completed"

    def as_dict(self) -> dict[str, object]:
        return {"job_id": self.job_id, "state": self.state, "reasons": list(self.reasons),
                "pages": self.pages, "message": self.message, "completed": self.completed}


class DocumentPrinter(Protocol):
    """An A4 document printer. All calls are made from the device's owner thread; each
    is bounded by a timeout and raises ``DeviceError`` subclasses on failure."""

    def status(self) -> DocumentPrinterStatus:
        """The printer's live state, reasons and accepted formats."""
        ...

    def submit(self, pdf: bytes, name: str) -> int:
        """Send ``pdf`` as one job named ``name``; the printer's job id."""
        ...

    def wait(self, job_id: int, timeout_s: float) -> JobResult:
        """Follow job ``job_id`` until it completes, is canceled or aborted, or the
        timeout runs out (then the result's state is the last one seen)."""
        ...

    def close(self) -> None:
        ...
