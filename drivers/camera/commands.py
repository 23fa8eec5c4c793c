"""``kiosk device camera scan``: read codes from a camera by hand, one JSON line each."""

from __future__ import annotations

import argparse
import json
import sys
import time

from drivers.camera.interface import SYMBOLOGIES
from drivers.cli_support import open_device
from drivers.errors import DeviceError, DeviceUriError


def _scan(args: argparse.Namespace) -> int:
    formats = frozenset(args.format or ())
    try:
        camera = open_device("camera", args.uri)
    except (DeviceError, DeviceUriError) as exc:
        sys.stderr.write(f"camera scan: {exc}\n")
        return 2
    found = 0
    deadline = time.monotonic() + args.timeout
    try:
        while (remaining := deadline - time.monotonic()) > 0:
            # Short reads so --count stops us as soon as it is reached.
            code = camera.read_code(min(remaining, 1.0), formats)
            if code is None:
                continue
            found += 1
            sys.stdout.write(
                json.dumps({"text": code.text, "symbology": code.symbology}, ensure_ascii=False)
                + "\n"
            )
            sys.stdout.flush()
            if args.count and found >= args.count:
                break
    except DeviceError as exc:
        sys.stderr.write(f"camera scan: {exc}\n")
        return 2
    finally:
        camera.close()
    return 0 if found else 1


def _timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r}: give 0 < seconds ≤ 3600")
    return value


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number ≥ 0")
    return int(text)


def register(device_subparsers: argparse._SubParsersAction) -> None:
    """Add ``camera`` under ``kiosk device``."""
    camera = device_subparsers.add_parser("camera", help="barcode camera")
    sub = camera.add_subparsers(dest="camera_command", metavar="COMMAND", required=True)

    scan = sub.add_parser(
        "scan",
        help="print decoded codes as JSON lines ({text, symbology})",
        description="Exit status: 0 a code was read, 1 none before the timeout, "
        "2 the camera failed.",
    )
    scan.add_argument(
        "--uri", required=True, help="e.g. v4l2:///dev/video0?width=1280&height=720, sim://camera"
    )
    scan.add_argument(
        "--format",
        action="append",
        choices=sorted(SYMBOLOGIES),
        help="only this symbology (repeatable; default: all)",
    )
    scan.add_argument(
        "--timeout", type=_timeout, default=10.0, help="seconds to look for codes (10)"
    )
    scan.add_argument(
        "--count",
        type=_count,
        default=1,
        help="stop after this many codes (1; 0: until the timeout)",
    )
    scan.set_defaults(handler=_scan)
