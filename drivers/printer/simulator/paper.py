"""What lands on the simulated paper roll: lines, codes, images, cuts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from drivers.printer.document import Align, cut_line, paper_line


@dataclass(frozen=True)
class PrintedText:
    text: str
    align: Align
    bold: bool
    double: bool


@dataclass(frozen=True)
class PrintedQr:
    data: str


@dataclass(frozen=True)
class PrintedBarcode:
    data: str
    symbology: str


@dataclass(frozen=True)
class PrintedImage:
    width: int
    height: int
    rows: tuple[bytes, ...]  # 1 bit per dot, MSB first, 1 = black


@dataclass(frozen=True)
class PrintedFeed:
    lines: int


Item = PrintedText | PrintedQr | PrintedBarcode | PrintedImage | PrintedFeed


@dataclass
class SimulatedReceipt:
    """One receipt, from the previous cut (or power-on) to this cut."""

    items: list[Item] = field(default_factory=list)
    columns: int = 42
    cut: Literal["full", "partial", "none"] = "none"

    def text(self) -> str:
        """The receipt as text, in the same form as ``render_text`` of its document."""
        out: list[str] = []
        for item in self.items:
            if isinstance(item, PrintedText):
                out.append(paper_line(item.text, item.align, item.double, self.columns))
            elif isinstance(item, PrintedQr):
                out.append(paper_line(f"[QR: {item.data}]", "center", False, self.columns))
            elif isinstance(item, PrintedBarcode):
                out.append(paper_line(f"[{item.symbology}: {item.data}]", "center", False,
                                      self.columns))
            elif isinstance(item, PrintedImage):
                out.append(paper_line("[logo]", "center", False, self.columns))
            elif isinstance(item, PrintedFeed):
                out.extend([""] * item.lines)
        if self.cut != "none":
            out.append(cut_line(self.columns))
        return "\n".join(out) + "\n"
