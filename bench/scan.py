"""Barcode decoding speed on 1280x720 greyscale frames, on one core.

Prints one JSON object: for each symbology the median decode time of frames holding
one code (formats restricted to that symbology, as a scan screen does, and with all of
ours), and for an empty frame the median with the formats of each kind of screen.
Frames are generated (drivers/camera/synth.py) with mild camera realism: a textured
scene, slight blur, tilt and sensor noise. Two decoder profiles are measured: the
driver's default ("local" binarizer, after a cheap pre-check that skips frames with no
code-like patch), the fast one (``binarizer=fixed`` in the camera URI) and the default
without the pre-check; zxing-cpp's own defaults are measured on the empty frame for
comparison.
Targets (issue 8): ≤ 20 ms per frame with a code, ≤ 5 ms per empty frame.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import cv2

from drivers.camera.decoder import DEFAULT_OPTIONS, DecoderOptions, decode
from drivers.camera.interface import SYMBOLOGIES
from drivers.camera.synth import Distortion, compose, render_code

SAMPLES = {
    "QR": "BCD\n002\n1\nSCT\nGEBABEBB\nVille de Bruxelles\nBE68539007547034\nEUR12.50\n\n"
    "+++090/9337/55454+++\n",
    "EAN13": "9782070612758",
    "CODE128": "LIB-0004711",
    "CODABAR": "A40012345B",
    "DATAMATRIX": "BXL-CASE-2026-000123",
}
# What each kind of screen asks for.
SCREENS = {
    "letter (QR)": frozenset({"QR"}),
    "library items (CODE128, EAN13)": frozenset({"CODE128", "EAN13"}),
    "library card (CODE128, CODABAR)": frozenset({"CODE128", "CODABAR"}),
    "all five": SYMBOLOGIES,
}
CAMERA = Distortion(blur=0.7, rotate=3, noise=2)
TARGET_CODE_MS = 20.0
TARGET_EMPTY_MS = 5.0
ZXING_DEFAULTS = DecoderOptions(
    try_rotate=True, try_invert=True, try_downscale=True, precheck=False
)
PROFILES = {
    "local": DEFAULT_OPTIONS,
    "fixed": DecoderOptions(binarizer="fixed"),
    # The default before the empty-frame pre-check (drivers/camera/decoder.py), for comparison.
    "local_no_precheck": DecoderOptions(precheck=False),
}


def median_ms(frames, formats, options, runs: int) -> tuple[float, int]:
    """Median time of one decode over ``runs`` passes of ``frames``; codes found."""
    times, found = [], 0
    for _ in range(runs):
        for frame in frames:
            start = time.perf_counter()
            codes = decode(frame, formats, options)
            times.append((time.perf_counter() - start) * 1000)
            found += bool(codes)
    return round(statistics.median(times), 2), found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frames", type=int, default=6, help="different frames per case")
    args = parser.parse_args()
    # One core: pin the process, and keep OpenCV (frame synthesis) single-threaded.
    # zxing-cpp decodes on the calling thread.
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    cv2.setNumThreads(1)

    profiles = {name: measure(options, args) for name, options in PROFILES.items()}
    empties = [compose(None, CAMERA, seed) for seed in range(args.frames)]
    zxing = {
        screen: median_ms(empties, formats, ZXING_DEFAULTS, args.runs)[0]
        for screen, formats in SCREENS.items()
    }
    default = profiles["local"]
    print(
        json.dumps(
            {
                "benchmark": "scan",
                "frame": "1280x720 greyscale",
                "cores": 1,
                "profiles": profiles,
                "empty_ms_zxing_defaults": zxing,
                "target_code_ms": TARGET_CODE_MS,
                "target_empty_ms": TARGET_EMPTY_MS,
                "default_profile": "local",
                "ok": default["ok"],
            }
        )
    )
    return 0 if default["ok"] else 1  # make bench lists a missed target


def measure(options: DecoderOptions, args: argparse.Namespace) -> dict:
    """Codes and empty frames through one decoder profile."""
    codes = {}
    for name in sorted(SYMBOLOGIES):
        image = render_code(SAMPLES[name], name)
        frames = [compose(image, CAMERA, seed) for seed in range(args.frames)]
        restricted, found = median_ms(frames, frozenset({name}), options, args.runs)
        everything, _ = median_ms(frames, SYMBOLOGIES, options, args.runs)
        codes[name] = {
            "median_ms": restricted,
            "median_ms_all_formats": everything,
            "decoded": f"{found}/{args.frames * args.runs}",
        }
    empties = [compose(None, CAMERA, seed) for seed in range(args.frames)]
    empty = {
        screen: median_ms(empties, formats, options, args.runs)[0]
        for screen, formats in SCREENS.items()
    }
    worst_code = max(c["median_ms"] for c in codes.values())
    worst_empty_screen = max(empty[s] for s in SCREENS if s != "all five")
    all_decoded = all(
        c["decoded"].split("/")[0] == c["decoded"].split("/")[1] for c in codes.values()
    )
    return {
        "codes": codes,
        "empty_ms": empty,
        "worst_code_ms": worst_code,
        "worst_empty_ms_per_screen": worst_empty_screen,
        # Screens restrict formats; "all five" is reported but not held to the target.
        "ok": all_decoded
        and worst_code <= TARGET_CODE_MS
        and worst_empty_screen <= TARGET_EMPTY_MS,
    }


if __name__ == "__main__":
    raise SystemExit(main())
