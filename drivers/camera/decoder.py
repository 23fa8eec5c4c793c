"""Barcode decoding of one greyscale frame with zxing-cpp.

A pure function of the frame: nothing is kept between calls, so it is benchmarked
(bench/scan.py) and tested without a camera. Import it lazily: it brings numpy and
zxing-cpp.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import cv2
import numpy as np
import zxingcpp

from drivers.camera.interface import SYMBOLOGIES, ScannedCode, check_formats

ZXING_FORMATS: dict[str, Any] = {
    "QR": zxingcpp.BarcodeFormat.QRCode,
    "EAN13": zxingcpp.BarcodeFormat.EAN13,
    "CODE128": zxingcpp.BarcodeFormat.Code128,
    "CODABAR": zxingcpp.BarcodeFormat.Codabar,
    "DATAMATRIX": zxingcpp.BarcodeFormat.DataMatrix,
}
assert set(ZXING_FORMATS) == SYMBOLOGIES
_OUR_NAMES = {fmt: name for name, fmt in ZXING_FORMATS.items()}


@dataclass(frozen=True)
class DecoderOptions:
    """How hard zxing-cpp looks. Defaults measured with bench/scan.py (1280x720).

    ``try_rotate`` stays on: patrons hold books and cards at any angle, and a 1D code
    turned by 90 degrees is only found with it. ``try_invert`` (light-on-dark codes)
    is off: none of the City's or the libraries' labels are inverted, and it doubles
    the work on frames without a code. ``try_downscale`` stays on so a code held close
    to the lens (big modules) is still found.
    """

    try_rotate: bool = True
    try_invert: bool = False
    try_downscale: bool = True
    # "local": zxing-cpp's local-average binarizer, robust to shadows and uneven light.
    # "fixed": a threshold at mid-grey after stretching a dim frame's levels — about 3x
    # faster on frames without a code (bench/scan.py), for evenly lit scan areas; it
    # misses a code in deep shadow next to a bright spot.
    binarizer: Literal["local", "fixed"] = "local"
    # A cheap look first (~0.5 ms): a frame with no patch of dense, strong edges holds
    # no code, and zxing-cpp is not run on it (empty frames: ~10 ms -> ~1 ms, see
    # bench/scan.py). A busy frame without a code simply gets the full decode.
    precheck: bool = True

    def __post_init__(self) -> None:
        if self.binarizer not in ("local", "fixed"):
            raise ValueError(f"binarizer must be 'local' or 'fixed', got {self.binarizer!r}")


DEFAULT_OPTIONS = DecoderOptions()
_BINARIZERS = {"local": zxingcpp.Binarizer.LocalAverage, "fixed": zxingcpp.Binarizer.FixedThreshold}
# Below this, the brightest percent of a frame is not clearly above the fixed threshold
# (127): white paper would binarize as black, so the frame's levels are stretched first.
_DIM_WHITE = 170


def _levelled(frame_gray: np.ndarray) -> np.ndarray:
    """``frame_gray``, brightened so its near-white reaches ~220 when it is dim."""
    white = float(np.percentile(frame_gray[::8, ::8], 99))
    if white >= _DIM_WHITE or white < 8:  # lit well enough, or nothing to see at all
        return frame_gray
    return cv2.convertScaleAbs(frame_gray, alpha=220.0 / white)


# The pre-check, on a half-size frame: a pixel is an edge when its 3x3 neighbourhood
# spans at least _EDGE_LEVEL grey levels (a code in deep shadow at ~15 % brightness
# still does; sensor noise of sigma 5 barely does), and a code is a _WINDOW-pixel
# square where at least _CODE_DENSITY of the pixels are edges. Measured on the synthetic
# frames of bench/scan.py and tests/drivers/camera: codes 0.42-1.0, empty scenes < 0.03.
_EDGE_LEVEL = 16
_CODE_DENSITY = 0.3
_WINDOW = 24
_KERNEL = np.ones((3, 3), np.uint8)


def looks_like_a_code(frame_gray: np.ndarray) -> bool:
    """Whether some part of the frame has the dense strong edges of a printed code."""
    height, width = frame_gray.shape
    if height < 2 * _WINDOW or width < 2 * _WINDOW:
        return True  # too small to judge: let zxing-cpp look
    small = cv2.resize(frame_gray, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
    edges = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, _KERNEL) >= _EDGE_LEVEL
    density = cv2.boxFilter(edges.astype(np.float32), -1, (_WINDOW, _WINDOW))
    return float(density.max()) >= _CODE_DENSITY


def decode(
    frame_gray: np.ndarray,
    formats: frozenset[str] = frozenset(),
    options: DecoderOptions = DEFAULT_OPTIONS,
) -> list[ScannedCode]:
    """The codes of ``formats`` (all of ours when empty) in one greyscale frame.

    ``frame_gray`` is a 2-D uint8 array. Only the decoded texts are returned; the frame
    is neither copied nor kept.
    """
    if not isinstance(frame_gray, np.ndarray) or frame_gray.ndim != 2:
        shape = getattr(frame_gray, "shape", type(frame_gray).__name__)
        raise ValueError(f"decode: expected a 2-D greyscale frame, got {shape}")
    if frame_gray.dtype != np.uint8:
        raise ValueError(f"decode: expected uint8 pixels, got {frame_gray.dtype}")
    wanted = check_formats(formats) or SYMBOLOGIES
    if options.precheck and not looks_like_a_code(frame_gray):
        return []
    if options.binarizer == "fixed":
        frame_gray = _levelled(frame_gray)
    results = zxingcpp.read_barcodes(
        frame_gray,
        formats=tuple(ZXING_FORMATS[name] for name in sorted(wanted)),
        try_rotate=options.try_rotate,
        try_invert=options.try_invert,
        try_downscale=options.try_downscale,
        binarizer=_BINARIZERS[options.binarizer],
    )
    codes: list[ScannedCode] = []
    for result in results:
        name = _OUR_NAMES.get(result.format)
        # zxing may report a sibling format (e.g. UPC-A) we did not ask for: drop it.
        if name in wanted:
            codes.append(ScannedCode(result.text, name))
    return codes
