"""The logo printed at the top of receipts: loaded from a file, or drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
)


def load_logo(path: Path | None, width_px: int) -> Any:
    """A 1-bit image at most ``width_px`` wide: the file at ``path``, or a drawn one."""
    if path is not None:
        image = Image.open(path).convert("L")
        if image.width > width_px:
            image = image.resize((width_px, image.height * width_px // image.width))
        return image.convert("1")
    return draw_city_logo(min(width_px, 384))


def draw_city_logo(width_px: int) -> Any:
    """A plain wordmark: a black band with the city's name, white on black."""
    height = max(48, width_px // 6)
    image = Image.new("1", (width_px, height), 1)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width_px - 1, height - 1), fill=0)
    text = "BRUXELLES · BRUSSEL"
    font: Any = ImageFont.load_default()
    path = next((p for p in FONT_PATHS if p.exists()), None)
    if path is not None:
        size = height // 2
        font = ImageFont.truetype(str(path), size=size)
        while size > 8 and draw.textlength(text, font=font) > width_px * 0.9:
            size -= 1
            font = ImageFont.truetype(str(path), size=size)
    box = draw.textbbox((0, 0), text, font=font)
    x = (width_px - (box[2] - box[0])) // 2
    y = (height - (box[3] - box[1])) // 2 - box[1]
    draw.text((x, y), text, fill=1, font=font)
    return image
