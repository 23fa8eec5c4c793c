"""A printer-independent receipt: lines, codes and cuts that every driver can render.

The core builds these; drivers turn them into ESC/POS bytes, the simulator into text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drivers.printer.encoding import CODE_PAGE, encode_text

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class TextLine:
    text: str
    align: Align = "left"
    bold: bool = False
    double: bool = False  # double width and height, for ticket numbers and titles


@dataclass(frozen=True)
class Rule:
    """A full-width separator line."""

    char: str = "-"


@dataclass(frozen=True)
class QrCode:
    data: str


@dataclass(frozen=True)
class Barcode:
    data: str
    symbology: str = "CODE128"


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Logo:
    """The printer's configured logo bitmap (the city's), centred."""


Block = TextLine | Rule | QrCode | Barcode | Feed | Logo


@dataclass(frozen=True)
class ReceiptDocument:
    """A whole receipt, cut at the end. ``width`` is in characters of the normal font."""

    blocks: tuple[Block, ...]
    width: int = 42
    title: str = ""  # for journals and file names, never printed


def render_text(document: ReceiptDocument) -> str:
    """Render ``document`` as plain text the way it lands on the paper roll."""
    out: list[str] = []
    width = document.width
    for block in document.blocks:
        if isinstance(block, TextLine):
            text = printable(block.text)
            for chunk in wrap_text(text, width // 2 if block.double else width):
                out.append(paper_line(chunk, block.align, block.double, width))
        elif isinstance(block, Rule):
            out.append(block.char * width)
        elif isinstance(block, QrCode):
            out.append(paper_line(f"[QR: {block.data}]", "center", False, width))
        elif isinstance(block, Barcode):
            out.append(paper_line(f"[{block.symbology}: {block.data}]", "center", False, width))
        elif isinstance(block, Logo):
            out.append(paper_line("[logo]", "center", False, width))
        elif isinstance(block, Feed):
            out.extend([""] * block.lines)
    out.append(cut_line(width))
    return "\n".join(out) + "\n"


def printable(text: str) -> str:
    """``text`` as the printer's code page will show it (œ → oe, … → ...)."""
    return encode_text(text).decode(CODE_PAGE)


def cut_line(width: int) -> str:
    return "-" * 8 + " cut " + "-" * max(0, width - 13)


def paper_line(text: str, align: Align, double: bool, width: int) -> str:
    """One printed line as text: aligned in ``width`` columns, double-width glyphs
    shown spaced out (each takes two columns on paper). The printer simulator
    renders what it receives with this same function."""
    if double:
        text = " ".join(text)
    if align == "center":
        text = text.center(width)
    elif align == "right":
        text = text.rjust(width)
    return text.rstrip()


def wrap_text(text: str, width: int) -> list[str]:
    """Wrap on spaces; words longer than the line are split."""
    if not text:
        return [""]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


_BLOCK_TYPES: dict[str, type] = {
    "text": TextLine, "rule": Rule, "qr": QrCode, "barcode": Barcode, "feed": Feed, "logo": Logo,
}
_BLOCK_NAMES = {cls: name for name, cls in _BLOCK_TYPES.items()}


def document_to_dict(document: ReceiptDocument) -> dict:
    """A JSON-ready form, so a receipt can be stored before printing and reprinted."""
    return {
        "width": document.width,
        "title": document.title,
        "blocks": [{"type": _BLOCK_NAMES[type(b)], **vars(b)} for b in document.blocks],
    }


def document_from_dict(data: dict) -> ReceiptDocument:
    """Inverse of :func:`document_to_dict`; raises ValueError naming the bad block."""
    blocks: list[Block] = []
    for index, raw in enumerate(data.get("blocks", [])):
        fields = dict(raw)
        kind = fields.pop("type", None)
        cls = _BLOCK_TYPES.get(kind)  # type: ignore[arg-type]
        if cls is None:
            raise ValueError(f"receipt block {index}: unknown type {kind!r}")
        try:
            blocks.append(cls(**fields))
        except TypeError as exc:
            raise ValueError(f"receipt block {index} ({kind}): {exc}") from None
    return ReceiptDocument(tuple(blocks), int(data.get("width", 42)), str(data.get("title", "")))
