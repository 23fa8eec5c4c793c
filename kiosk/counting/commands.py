"""``kiosk counter count|serve``: people counting at a library entrance.

``count`` runs a recorded video (calibration, tests) and prints in / out / frames;
``serve`` counts on the entrance camera and commits the counts per 15 minutes to the
outbox (kiosk/counting/periods.py). No frame is written or sent anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

from kiosk.systemd_notify import SystemdNotifier


def register(subparsers: argparse._SubParsersAction) -> None:
    counter = subparsers.add_parser("counter", help="visitor counting (line crossings, no images)")
    actions = counter.add_subparsers(dest="counter_action", metavar="ACTION", required=True)
    count = actions.add_parser("count", help="count the crossings in a recorded video")
    count.add_argument("--source", required=True, metavar="FILE_OR_DEVICE",
                       help="a video file, v4l2:///dev/videoN or rtsp://…")
    count.add_argument("--line-y", type=float, default=0.5,
                       help="the counting line, as a fraction of the frame height")
    count.add_argument("--in-direction", choices=("down", "up"), default="down",
                       help="which way across the line is an entry")
    count.add_argument("--json", action="store_true", help="one JSON object")
    count.set_defaults(handler=count_command)
    serve = actions.add_parser("serve", help="count on the entrance camera, 15-minute totals")
    serve.add_argument(
        "--config", help="config file (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)")
    serve.add_argument("--source", help="default: [counting] source")
    serve.set_defaults(handler=serve_command)


def _check_line(line_y: float) -> None:
    if not 0.05 <= line_y <= 0.95:
        raise SystemExit(f"kiosk: --line-y {line_y}: a fraction of the frame height, 0.05..0.95")


def count_command(args: argparse.Namespace) -> int:
    from drivers.camera.frames import open_frames
    from drivers.errors import DeviceError
    from kiosk.counting.counter import count_frames

    _check_line(args.line_y)
    try:
        with open_frames(args.source) as frames:
            counts = count_frames(frames, args.line_y, args.in_direction)
    except DeviceError as exc:
        raise SystemExit(f"kiosk: --source: {exc}") from None
    if args.json:
        sys.stdout.write(json.dumps(counts.as_json()) + "\n")
    else:
        sys.stdout.write(f"in {counts.entries}, out {counts.exits} ({counts.frames} frames)\n")
    return 0


def serve_command(args: argparse.Namespace) -> int:
    from drivers.camera.frames import open_frames
    from drivers.errors import DeviceError
    from drivers.registry import default_registry
    from kiosk.config.errors import ConfigError
    from kiosk.config.loader import load_config, resolve_config_path
    from kiosk.counting.periods import run_counting
    from kiosk.store.database import Store

    try:
        config = load_config(resolve_config_path(args.config, os.environ), default_registry(),
                             os.environ)
    except ConfigError as exc:
        raise SystemExit(f"kiosk: {exc}") from None
    source = args.source or config.counting.source
    if not source:
        raise SystemExit("kiosk: no camera: set [counting] source or give --source")
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    store = Store.from_section(config.store)
    notifier = SystemdNotifier.from_env()  # systemd/kiosk-counter.service: Type=notify
    try:
        with open_frames(source) as frames:
            sys.stdout.write("counting\n")
            sys.stdout.flush()
            notifier.ready("counting")
            totals = run_counting(_pinging(frames, notifier), store, config.kiosk.site,
                                  config.kiosk.id, config.counting, stop)
    except DeviceError as exc:
        raise SystemExit(f"kiosk: counting source: {exc}") from None
    finally:
        notifier.stopping()
        notifier.close()
        store.close()
    sys.stdout.write(json.dumps(totals.as_json()) + "\n")
    return 0


def _pinging(frames: Iterable[Any], notifier: SystemdNotifier,
             every_s: float = 1.0) -> Iterator[Any]:
    """The frames, pinging systemd's watchdog as they come: a camera that stops
    delivering stops the pings, and systemd restarts the service."""
    last = 0.0
    for frame in frames:
        now = time.monotonic()
        if now - last >= every_s:
            notifier.ping()
            last = now
        yield frame
