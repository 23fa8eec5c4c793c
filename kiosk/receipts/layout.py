"""The receipt layout engine: every receipt is a header, a body of parts, a footer.

Templates describe *what* goes on a receipt; this module decides *how* it is laid
out, so all receipts share one look and one place to change it.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.printer.document import Barcode as PrinterBarcode
from drivers.printer.document import (
    Block,
    Feed,
    Logo,
    QrCode,
    ReceiptDocument,
    Rule,
    TextLine,
)
from kiosk.i18n import Translator


@dataclass(frozen=True)
class Headline:
    """A big centred value (a ticket number, an amount)."""

    text: str


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Code:
    """A QR code the citizen can scan later."""

    data: str


@dataclass(frozen=True)
class Heading:
    """A small bold title inside the body (a list's name)."""

    text: str


@dataclass(frozen=True)
class Barcode:
    data: str


Part = Headline | Field | Note | Code | Heading | Barcode


@dataclass(frozen=True)
class ReceiptHeader:
    site_name: str
    kiosk_id: str


def lay_out(
    title: str, header: ReceiptHeader, parts: list[Part], tr: Translator, width: int = 42
) -> ReceiptDocument:
    blocks: list[Block] = [
        Logo(),
        TextLine(tr("city"), align="center", bold=True),
        TextLine(header.site_name, align="center"),
        Rule(),
        TextLine(title, align="center", bold=True),
        Feed(),
    ]
    for part in parts:
        if isinstance(part, Headline):
            # Double width halves the line: a reference longer than that would break in
            # the middle of its number (issue 24, defect 6), so it prints at normal width.
            double = len(part.text) <= width // 2
            blocks += [TextLine(part.text, align="center", bold=True, double=double), Feed()]
        elif isinstance(part, Field):
            blocks.append(_field_line(part, width, tr))
        elif isinstance(part, Note):
            blocks += [Feed(), TextLine(part.text, align="center")]
        elif isinstance(part, Code):
            blocks += [Feed(), QrCode(part.data)]
        elif isinstance(part, Heading):
            blocks += [Feed(), TextLine(part.text, bold=True)]
        elif isinstance(part, Barcode):
            blocks += [Feed(), PrinterBarcode(part.data)]
    blocks += [Feed(), Rule(), TextLine(header.kiosk_id, align="right"), Feed(2)]
    return ReceiptDocument(tuple(blocks), width=width, title=title)


def _field_line(part: Field, width: int, tr: Translator) -> TextLine:
    label = tr("format.label").format(label=part.label)  # "Carte :" in French, "Card:"
    gap = width - len(label) - len(part.value)
    if gap >= 1:
        return TextLine(label + " " * gap + part.value)
    return TextLine(f"{label} {part.value}")
