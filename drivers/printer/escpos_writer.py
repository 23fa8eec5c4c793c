"""A receipt document written as ESC/POS through python-escpos.

Styles, QR codes, barcodes, images and the cut go through python-escpos's own
commands; text goes through our CP858 encoder so a missing character falls back
instead of raising mid-receipt.
"""

from __future__ import annotations

from typing import Any

from drivers.printer.document import (
    Barcode,
    Feed,
    Logo,
    QrCode,
    ReceiptDocument,
    Rule,
    TextLine,
    wrap_text,
)
from drivers.printer.encoding import SELECT_CODE_PAGE, encode_text

INITIALISE = b"\x1b@"


def write_document(printer: Any, document: ReceiptDocument, logo: Any = None) -> None:
    """Send ``document`` to ``printer`` (any python-escpos ``Escpos``), cut included.

    ``logo`` is a PIL image for :class:`Logo` blocks; without one they are skipped.
    """
    width = document.width
    printer._raw(INITIALISE + SELECT_CODE_PAGE)
    for block in document.blocks:
        if isinstance(block, TextLine):
            printer.set(align=block.align, bold=block.bold,
                        double_width=block.double, double_height=block.double,
                        normal_textsize=not block.double)
            for chunk in wrap_text(block.text, width // 2 if block.double else width):
                printer._raw(encode_text(chunk) + b"\n")
            printer.set(align="left", bold=False, normal_textsize=True)
        elif isinstance(block, Rule):
            printer._raw(encode_text(block.char * width) + b"\n")
        elif isinstance(block, QrCode):
            printer.set(align="center")
            printer.qr(block.data, native=True, size=6)
            printer.set(align="left")
        elif isinstance(block, Barcode):
            # The hardware path directly: python-escpos's barcode() print()s to stdout,
            # which would land in CLI output; every profile we use has CODE128 in hardware.
            printer._hw_barcode("{B" + block.data, "CODE128", pos="OFF", align_ct=True,
                                function_type="B")
            printer.set(align="left")
        elif isinstance(block, Logo):
            if logo is not None:
                printer.image(logo, center=True)
        elif isinstance(block, Feed):
            printer._raw(b"\n" * block.lines)
    printer.cut(feed=False)
