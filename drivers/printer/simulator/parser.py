"""An incremental ESC/POS parser for the commands a receipt printer meets.

Bytes arrive in arbitrary chunks (TCP segments, serial reads): a command cut in
half waits for the rest. Unknown commands are recorded with their offset and
skipped, as a real printer would ignore them, so tests can assert there were none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from drivers.printer.simulator.paper import (
    PrintedBarcode,
    PrintedFeed,
    PrintedImage,
    PrintedQr,
    PrintedText,
    SimulatedReceipt,
)

ESC, GS, DLE, LF, CR = 0x1B, 0x1D, 0x10, 0x0A, 0x0D
CODE_PAGES = {0: "cp437", 2: "cp850", 16: "cp1252", 19: "cp858"}
ALIGNS = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
BARCODES_B = {65: "UPC-A", 66: "UPC-E", 67: "EAN13", 68: "EAN8", 69: "CODE39", 70: "ITF",
              71: "CODABAR", 72: "CODE93", 73: "CODE128"}
# ESC/GS commands with one parameter byte that only change styles we do not render.
_IGNORED_ONE_BYTE = {(ESC, 0x2D), (ESC, 0x4D), (ESC, 0x7B), (ESC, 0x47), (ESC, 0x33),
                     (ESC, 0x4A), (GS, 0x62), (GS, 0x42), (GS, 0x68), (GS, 0x77),
                     (GS, 0x66), (GS, 0x48)}


class _IncompleteError(Exception):
    """The buffer ends inside a command: wait for more bytes."""


@dataclass
class ParserState:
    code_page: str = "cp437"
    align: str = "left"
    bold: bool = False
    double: bool = False
    qr_data: bytes = b""


@dataclass
class EscPosParser:
    """Feed it bytes; it fills receipts and asks ``answer_status(n)`` for DLE EOT n."""

    columns: int
    answer_status: Callable[[int], bytes | None]
    on_receipt: Callable[[SimulatedReceipt], None] = lambda receipt: None
    unknown: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._buffer = bytearray()
        self._offset = 0  # of the buffer's start in the whole stream
        self._state = ParserState()
        self._line = bytearray()
        self.current = SimulatedReceipt(columns=self.columns)

    def feed(self, data: bytes) -> bytes:
        """Parse ``data``; returns what the printer answers (status bytes)."""
        self._buffer += data
        replies = bytearray()
        position = 0
        while position < len(self._buffer):
            try:
                used, reply = self._step(position)
            except _IncompleteError:
                break
            if reply:
                replies += reply
            position += used
        del self._buffer[:position]
        self._offset += position
        return bytes(replies)

    # --- one command ----------------------------------------------------------------

    def _step(self, at: int) -> tuple[int, bytes | None]:
        byte = self._buffer[at]
        if byte == LF:
            self._end_line(feed_empty=True)  # an empty line still feeds the paper
            return 1, None
        if byte == CR:
            return 1, None
        if byte == DLE:
            n = self._need(at, 3)[2]
            if self._buffer[at + 1] == 0x04:
                return 3, self.answer_status(n)
            return self._skip_unknown(at, 2)
        if byte == ESC:
            return self._esc(at)
        if byte == GS:
            return self._gs(at)
        if byte < 0x20:
            return self._skip_unknown(at, 1)
        self._line.append(byte)
        return 1, None

    def _esc(self, at: int) -> tuple[int, bytes | None]:
        command = self._need(at, 2)[1]
        if command == 0x40:  # ESC @: initialise
            self._state = ParserState()
            return 2, None
        if (ESC, command) in _IGNORED_ONE_BYTE:
            self._need(at, 3)
            return 3, None
        n = self._need(at, 3)[2]
        if command == 0x74:  # ESC t n: code page
            self._state.code_page = CODE_PAGES.get(n, "cp437")
            if n not in CODE_PAGES:
                self._note(at, f"code page {n} not simulated")
        elif command == 0x21:  # ESC ! n: print mode
            self._state.bold = bool(n & 0x08)
            self._state.double = bool(n & 0x10 and n & 0x20)
        elif command == 0x45:  # ESC E n: emphasis
            self._state.bold = bool(n & 1)
        elif command == 0x61:  # ESC a n: justification
            self._state.align = ALIGNS.get(n, "left")
        elif command == 0x64:  # ESC d n: print and feed n lines
            self._end_line()
            self.current.items.append(PrintedFeed(n))
        else:
            return self._skip_unknown(at, 2)
        return 3, None

    def _gs(self, at: int) -> tuple[int, bytes | None]:
        command = self._need(at, 2)[1]
        if (GS, command) in _IGNORED_ONE_BYTE:
            self._need(at, 3)
            return 3, None
        if command == 0x21:  # GS ! n: character size
            n = self._need(at, 3)[2]
            self._state.double = (n >> 4) >= 1 and (n & 0x0F) >= 1
            return 3, None
        if command == 0x56:  # GS V m [n]: cut
            m = self._need(at, 3)[2]
            length = 4 if m in (65, 66, 97, 98, 103, 104) else 3
            self._need(at, length)
            self._cut("partial" if m in (1, 49, 66, 98, 104) else "full")
            return length, None
        if command == 0x28 and self._need(at, 3)[2] == 0x6B:  # GS ( k: 2D codes
            header = self._need(at, 5)
            size = header[3] + header[4] * 256
            body = self._need(at, 5 + size)[5:5 + size]
            self._qr(bytes(body))
            return 5 + size, None
        if command == 0x6B:  # GS k m …: barcode
            return self._barcode(at)
        if command == 0x76 and self._need(at, 3)[2] == 0x30:  # GS v 0: raster image
            header = self._need(at, 8)
            width_bytes = header[4] + header[5] * 256
            height = header[6] + header[7] * 256
            data = self._need(at, 8 + width_bytes * height)[8:8 + width_bytes * height]
            rows = tuple(bytes(data[r * width_bytes:(r + 1) * width_bytes])
                         for r in range(height))
            self._end_line()
            self.current.items.append(PrintedImage(width_bytes * 8, height, rows))
            return 8 + width_bytes * height, None
        return self._skip_unknown(at, 2)

    def _barcode(self, at: int) -> tuple[int, bytes | None]:
        m = self._need(at, 3)[2]
        if m >= 65:
            n = self._need(at, 4)[3]
            data = bytes(self._need(at, 4 + n)[4:4 + n])
            length = 4 + n
        else:
            end = self._buffer.find(b"\x00", at + 3)
            if end < 0:
                raise _IncompleteError
            data = bytes(self._buffer[at + 3:end])
            length = end + 1 - at
        text = data.decode("ascii", errors="replace")
        if text.startswith("{") and len(text) >= 2:
            text = text[2:]  # CODE128 code-set selector, e.g. {B
        self._end_line()
        self.current.items.append(PrintedBarcode(text, BARCODES_B.get(m, f"type {m}")))
        return length, None

    def _qr(self, body: bytes) -> None:
        if len(body) < 3 or body[0] != 0x31:  # cn 49: QR code
            return
        fn = body[1]
        if fn == 0x50:  # store data (m = body[2])
            self._state.qr_data = body[3:]
        elif fn == 0x51:  # print the stored symbol
            self._end_line()
            self.current.items.append(
                PrintedQr(self._state.qr_data.decode("utf-8", errors="replace")))

    # --- helpers ----------------------------------------------------------------------

    def _need(self, at: int, count: int) -> bytearray:
        if at + count > len(self._buffer):
            raise _IncompleteError
        return self._buffer[at:at + count]

    def _skip_unknown(self, at: int, length: int) -> tuple[int, bytes | None]:
        self._note(at, "unknown command " + self._buffer[at:at + length].hex(" "))
        return length, None

    def _note(self, at: int, what: str) -> None:
        self.unknown.append(f"offset {self._offset + at}: {what}")

    def _end_line(self, feed_empty: bool = False) -> None:
        if self._line or feed_empty:
            state = self._state
            text = bytes(self._line).decode(state.code_page, errors="replace")
            align = state.align if state.align in ("left", "center", "right") else "left"
            self.current.items.append(
                PrintedText(text, align, state.bold, state.double))  # type: ignore[arg-type]
            self._line.clear()

    def _cut(self, kind: str) -> None:
        self._end_line()
        receipt = self.current
        receipt.cut = kind  # type: ignore[assignment]
        self.current = SimulatedReceipt(columns=self.columns)
        self.on_receipt(receipt)
