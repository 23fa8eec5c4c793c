"""Real-time status (``DLE EOT n``) of ESC/POS printers, decoded.

Each answer is one byte with bits 1 and 4 set and bits 0 and 7 clear (0x12 base).
n=1 printer: 0x08 offline. n=2 offline cause: 0x04 cover open, 0x08 feed button,
0x20 stopped by paper end, 0x40 error. n=4 roll paper: 0x0C near end, 0x60 out.
"""

from __future__ import annotations

from drivers.errors import DeviceError
from drivers.printer.interface import PaperState, PrinterStatus

DLE_EOT = b"\x10\x04"
QUERY_PRINTER = DLE_EOT + b"\x01"
QUERY_OFFLINE_CAUSE = DLE_EOT + b"\x02"
QUERY_ERROR_CAUSE = DLE_EOT + b"\x03"
QUERY_PAPER = DLE_EOT + b"\x04"

_FIXED_MASK = 0x93  # bits 0, 1, 4, 7
_FIXED_VALUE = 0x12  # bits 1 and 4 set, 0 and 7 clear


class StatusByteError(DeviceError):
    """A status answer that is not a DLE EOT status byte."""


def check_status_byte(query: int, value: int) -> int:
    if value & _FIXED_MASK != _FIXED_VALUE:
        raise StatusByteError(
            f"DLE EOT {query}: answer 0x{value:02x} is not a status byte (expected 0x12 base)")
    return value


def decode_status(printer: int, offline_cause: int, paper: int) -> PrinterStatus:
    """Combine the answers to DLE EOT 1, 2 and 4."""
    check_status_byte(1, printer)
    check_status_byte(2, offline_cause)
    check_status_byte(4, paper)
    paper_state: PaperState = "ok"
    if paper & 0x60 or offline_cause & 0x20:
        paper_state = "out"
    elif paper & 0x0C:
        paper_state = "near_end"
    error = "printer error" if offline_cause & 0x40 else ""
    return PrinterStatus(
        online=not printer & 0x08,
        paper=paper_state,
        cover_open=bool(offline_cause & 0x04),
        error=error,
    )


def status_reason(status: PrinterStatus) -> str:
    """Why a printer with ``status`` cannot print ("" when it can)."""
    if not status.online and status.error:
        return status.error
    if status.paper == "out":
        return "printer out of paper"
    if status.cover_open:
        return "printer cover open"
    if status.error:
        return status.error
    if not status.online:
        return "printer offline"
    return ""
