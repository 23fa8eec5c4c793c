"""The simulated printer itself: faults, status answers, finished receipts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from drivers.printer.simulator.paper import SimulatedReceipt
from drivers.printer.simulator.parser import EscPosParser
from drivers.printer.simulator.png import render_png
from drivers.simulation import FaultSet

# silent: the printer takes data but never answers a status query.
SIMULATOR_FAULTS = ("offline", "paper_out", "near_end", "cover_open", "jam", "silent")
BLOCKING = ("offline", "paper_out", "cover_open", "jam")
BASE = 0x12


@dataclass(frozen=True)
class PrintedReceipt:
    text: str
    png: bytes
    unknown_commands: tuple[str, ...]


class SimulatedPrinterDevice:
    """Shared by the TCP and pty front ends; thread-safe."""

    def __init__(self, columns: int = 42, width_px: int = 512,
                 faults: list[str] | None = None,
                 on_receipt: Callable[[PrintedReceipt], None] | None = None) -> None:
        self.columns = columns
        self.width_px = width_px
        self.faults = FaultSet("printer simulator", SIMULATOR_FAULTS, faults or ())
        self._on_receipt = on_receipt
        self._lock = threading.Lock()
        self._receipts: list[PrintedReceipt] = []
        self.dropped = 0  # receipts that arrived while the printer could not print
        self.status_queries = 0

    @property
    def receipts(self) -> list[PrintedReceipt]:
        with self._lock:
            return list(self._receipts)

    def new_parser(self) -> EscPosParser:
        parser = EscPosParser(self.columns, self.answer_status)
        parser.on_receipt = lambda receipt: self._finished(receipt, parser)
        return parser

    def answer_status(self, n: int) -> bytes | None:
        with self._lock:
            self.status_queries += 1
        if "silent" in self.faults:
            return None
        paper_out = "paper_out" in self.faults
        cover = "cover_open" in self.faults
        value = BASE
        if n == 1 and ("offline" in self.faults or paper_out or cover):
            value |= 0x08
        elif n == 2:
            value |= (0x04 if cover else 0) | (0x20 if paper_out else 0)
            value |= 0x40 if "jam" in self.faults else 0
        elif n == 3 and "jam" in self.faults:
            value |= 0x08  # auto-cutter error
        elif n == 4:
            value |= 0x60 if paper_out else (0x0C if "near_end" in self.faults else 0)
        return bytes([value])

    def _finished(self, receipt: SimulatedReceipt, parser: EscPosParser) -> None:
        if any(fault in self.faults for fault in BLOCKING):
            with self._lock:
                self.dropped += 1
            return
        printed = PrintedReceipt(receipt.text(), render_png(receipt, self.width_px),
                                 tuple(parser.unknown))
        parser.unknown.clear()
        with self._lock:
            self._receipts.append(printed)
        if self._on_receipt is not None:
            self._on_receipt(printed)
