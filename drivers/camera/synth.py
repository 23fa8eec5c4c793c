"""Synthetic camera frames: a code printed by zxing-cpp's writer, held in a 1280x720 scene.

Used by the camera simulator, the tests and bench/scan.py. Distortions a real kiosk
camera sees are optional and deterministic for a given ``seed``: blur (out of focus),
rotation (held askew), glare (a bright reflection on glossy paper) and sensor noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

from drivers.camera.decoder import ZXING_FORMATS
from drivers.camera.interface import check_formats

FRAME_WIDTH = 1280
FRAME_HEIGHT = 720

# Pixels per module: what a code 20-30 cm from a 720p camera typically gets.
_SCALE = {"QR": 4, "EAN13": 3, "CODE128": 3, "CODABAR": 3, "DATAMATRIX": 6}


class CodeRenderError(ValueError):
    """The text cannot be printed in that symbology (bad check digit, wrong characters…)."""


@dataclass(frozen=True)
class Distortion:
    """How the code looks through the lens; all off by default."""

    blur: float = 0.0  # Gaussian sigma in pixels
    rotate: float = 0.0  # degrees, counter-clockwise
    glare: float = 0.0  # 0..1: strength of a bright elliptic reflection over the code
    noise: float = 0.0  # standard deviation of sensor noise, in grey levels

    def __post_init__(self) -> None:
        for name in ("blur", "glare", "noise"):
            if getattr(self, name) < 0:
                raise ValueError(f"distortion {name} must be ≥ 0, got {getattr(self, name)}")
        if self.glare > 1:
            raise ValueError(f"distortion glare must be between 0 and 1, got {self.glare}")


def render_code(text: str, symbology: str, scale: int | None = None) -> np.ndarray:
    """The printed code (black on white, with its quiet zone) as a greyscale array."""
    (name,) = check_formats((symbology,), "render_code symbology")
    # Matrix codes carry UTF-8 (as EPC payment QR codes do). Left to its default the
    # writer uses Latin-1 where it can, which readers may take for Shift_JIS ("¡" -> "｡").
    options = {"eci": "UTF8"} if name in ("QR", "DATAMATRIX") else {}
    try:
        barcode = zxingcpp.create_barcode(text, ZXING_FORMATS[name], **options)
    except ValueError as exc:
        raise CodeRenderError(f"cannot print as {name}: {exc}") from None
    image = np.asarray(barcode.to_image(scale=scale or _SCALE[name]))
    if image.ndim == 3:
        image = image[:, :, 0]
    if name != "QR" and name != "DATAMATRIX" and image.shape[0] < 40 * (scale or 3):
        # 1-D codes come out a few modules tall; a printed label is much taller.
        image = cv2.resize(
            image, (image.shape[1], 40 * (scale or 3)), interpolation=cv2.INTER_NEAREST
        )
    return np.ascontiguousarray(image, dtype=np.uint8)


def scene(
    rng: np.random.Generator, width: int = FRAME_WIDTH, height: int = FRAME_HEIGHT
) -> np.ndarray:
    """An empty greyscale scene: a lit gradient with some soft texture, no code."""
    x = np.linspace(0, 1, width, dtype=np.float32)
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    base = 150 + 50 * x[None, :] - 30 * y
    texture = cv2.GaussianBlur(
        rng.normal(0, 12, (height // 8, width // 8)).astype(np.float32), (0, 0), 2
    )
    base = base + cv2.resize(texture, (width, height), interpolation=cv2.INTER_LINEAR)
    return np.clip(base, 0, 255).astype(np.uint8)


def compose(
    code: np.ndarray | None,
    distortion: Distortion = Distortion(),
    seed: int = 0,
    width: int = FRAME_WIDTH,
    height: int = FRAME_HEIGHT,
) -> np.ndarray:
    """A ``width``x``height`` greyscale frame with ``code`` (or nothing) in it."""
    rng = np.random.default_rng(seed)
    frame = scene(rng, width, height)
    if code is not None:
        h, w = code.shape
        if h > height or w > width:
            raise ValueError(f"code image {w}x{h} does not fit in a {width}x{height} frame")
        # A card is white paper around the code; place it off-centre like a hand would.
        top = int(rng.integers(0, height - h + 1))
        left = int(rng.integers(0, width - w + 1))
        patch = code
        if distortion.rotate:
            patch = _rotated(code, distortion.rotate)
            ph, pw = patch.shape
            if ph > height or pw > width:
                raise ValueError(f"code rotated by {distortion.rotate}° does not fit the frame")
            top = min(top, height - ph)
            left = min(left, width - pw)
            mask = _rotated(np.full_like(code, 255), distortion.rotate) > 127
            frame[top : top + ph, left : left + pw][mask] = patch[mask]
        else:
            frame[top : top + h, left : left + w] = patch
        if distortion.glare:
            _add_glare(
                frame,
                top + patch.shape[0] // 2,
                left + patch.shape[1] // 2,
                patch.shape,
                distortion.glare,
            )
    if distortion.blur:
        frame = cv2.GaussianBlur(frame, (0, 0), distortion.blur)
    if distortion.noise:
        noisy = frame.astype(np.float32) + rng.normal(0, distortion.noise, frame.shape)
        frame = np.clip(noisy, 0, 255).astype(np.uint8)
    return frame


def to_bgr(frame_gray: np.ndarray) -> np.ndarray:
    """What a colour webcam hands OpenCV: three channels, blue first."""
    return cv2.cvtColor(frame_gray, cv2.COLOR_GRAY2BGR)


def _rotated(image: np.ndarray, degrees: float) -> np.ndarray:
    h, w = image.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(h * sin + w * cos) + 1, int(h * cos + w * sin) + 1
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    return cv2.warpAffine(
        image,
        matrix,
        (new_w, new_h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=0,
    )


def _add_glare(frame: np.ndarray, cy: int, cx: int, size: tuple[int, ...], strength: float) -> None:
    # A soft elliptic highlight across a third of the code: reflections wash out
    # contrast without erasing modules outright (strong glare does make codes unreadable).
    height, width = frame.shape
    yy, xx = np.ogrid[:height, :width]
    ry, rx = max(size[0] / 3, 1), max(size[1] / 3, 1)
    falloff = np.exp(-(((yy - cy) / ry) ** 2 + ((xx - cx + size[1] / 6) / rx) ** 2))
    lifted = frame + (255 - frame.astype(np.float32)) * (strength * falloff)
    frame[:] = np.clip(lifted, 0, 255).astype(np.uint8)
