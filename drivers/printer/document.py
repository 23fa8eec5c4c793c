"""A printer-independent receipt: lines, codes and cuts that every driver can render.

The core builds these; drivers turn them into ESC/POS bytes, the simulator into text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


Block = TextLine | Rule | QrCode | Barcode | Feed


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
            text = block.text
            line_width = width // 2 if block.double else width
            for chunk in _wrap(text, line_width):
                if block.double:
                    # Each glyph is two columns wide on paper: show it spaced out.
                    out.append(" ".join(chunk).center(width).rstrip())
                    continue
                if block.align == "center":
                    chunk = chunk.center(line_width)
                elif block.align == "right":
                    chunk = chunk.rjust(line_width)
                out.append(chunk.rstrip())
        elif isinstance(block, Rule):
            out.append(block.char * width)
        elif isinstance(block, QrCode):
            out.append(f"[QR: {block.data}]".center(width).rstrip())
        elif isinstance(block, Barcode):
            out.append(f"[{block.symbology}: {block.data}]".center(width).rstrip())
        elif isinstance(block, Feed):
            out.extend([""] * block.lines)
    out.append("-" * 8 + " cut " + "-" * (width - 13))
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int) -> list[str]:
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
    "text": TextLine, "rule": Rule, "qr": QrCode, "barcode": Barcode, "feed": Feed,
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
