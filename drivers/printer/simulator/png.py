"""A picture of the simulated paper roll, for the demo and for people to look at."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from drivers.printer.simulator.paper import (
    PrintedBarcode,
    PrintedFeed,
    PrintedImage,
    PrintedQr,
    PrintedText,
    SimulatedReceipt,
)

MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
MONO_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf")
MARGIN = 16


def _font(path: Path, size: int) -> Any:
    if path.exists():
        return ImageFont.truetype(str(path), size=size)
    return ImageFont.load_default()


def render_png(receipt: SimulatedReceipt, width_px: int = 512) -> bytes:
    """The receipt as a PNG: white paper, black print, ``width_px`` dots wide."""
    size = max(8, int(width_px / receipt.columns / 0.602))
    line_height = int(size * 1.3)
    fonts = {(bold, double): _font(MONO_BOLD if bold else MONO, size * (2 if double else 1))
             for bold in (False, True) for double in (False, True)}
    pieces: list[tuple[str, Any]] = []
    height = MARGIN * 2
    for item in receipt.items:
        if isinstance(item, PrintedText):
            block = line_height * (2 if item.double else 1)
        elif isinstance(item, PrintedFeed):
            block = line_height * item.lines
        elif isinstance(item, PrintedQr):
            block = _qr_image(item.data).height + line_height
        elif isinstance(item, PrintedBarcode):
            block = 80 + line_height
        elif isinstance(item, PrintedImage):
            block = item.height + line_height // 2
        else:
            block = 0
        pieces.append(("item", item))
        height += block
    image = Image.new("L", (width_px + MARGIN * 2, height + line_height), 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for _, item in pieces:
        if isinstance(item, PrintedText):
            font = fonts[(item.bold, item.double)]
            text_width = draw.textlength(item.text, font=font)
            x = MARGIN + {"left": 0, "center": (width_px - text_width) / 2,
                          "right": width_px - text_width}[item.align]
            draw.text((x, y), item.text, fill=0, font=font)
            y += line_height * (2 if item.double else 1)
        elif isinstance(item, PrintedFeed):
            y += line_height * item.lines
        elif isinstance(item, PrintedQr):
            qr = _qr_image(item.data)
            image.paste(qr, (MARGIN + (width_px - qr.width) // 2, y))
            y += qr.height + line_height
        elif isinstance(item, PrintedBarcode):
            _draw_barcode(draw, item.data, MARGIN + width_px // 6, y, width_px * 2 // 3, 70)
            y += 80 + line_height
        elif isinstance(item, PrintedImage):
            bitmap = _bitmap(item)
            image.paste(bitmap, (MARGIN + (width_px - bitmap.width) // 2, y))
            y += item.height + line_height // 2
    if receipt.cut != "none":
        draw.line((0, image.height - 4, image.width, image.height - 4), fill=160, width=1)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _qr_image(data: str) -> Any:
    import qrcode  # a python-escpos dependency

    code = qrcode.QRCode(border=1, box_size=4)
    code.add_data(data)
    code.make(fit=True)
    return code.make_image(fill_color="black", back_color="white").get_image().convert("L")


def _draw_barcode(draw: Any, data: str, x: int, y: int, width: int, height: int) -> None:
    """Bars drawn from the bytes' bits: a look-alike, not a scannable CODE128."""
    bits = "".join(f"{byte:08b}" for byte in data.encode("ascii", errors="replace"))
    bar = max(1, width // max(1, len(bits)))
    for index, bit in enumerate(bits):
        if bit == "1":
            draw.rectangle((x + index * bar, y, x + index * bar + bar - 1, y + height), fill=0)


def _bitmap(item: PrintedImage) -> Any:
    image = Image.new("L", (item.width, item.height), 255)
    pixels = image.load()
    for row_index, row in enumerate(item.rows):
        for byte_index, byte in enumerate(row):
            for bit in range(8):
                if byte & (0x80 >> bit):
                    pixels[byte_index * 8 + bit, row_index] = 0
    return image
