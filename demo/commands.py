"""``kiosk demo``: the kiosk on simulated devices, with the backend embedded."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ui.commands import has_display, use_software_rendering, window_options


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser(
        "demo", help="the kiosk on simulated devices; headless without a display")
    demo.add_argument("--out", type=Path, default=Path("demo-out"),
                      help="where screenshots, receipts and the demo database go")
    window_options(demo)
    demo.set_defaults(handler=demo_command)


def demo_command(args: argparse.Namespace) -> int:
    use_software_rendering()
    from demo import harness

    out_dir = args.out.resolve()
    if args.windowed or args.fullscreen or has_display():
        return harness.run_windowed(args.fullscreen, out_dir)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    report = harness.run_headless(out_dir)
    sys.stdout.write(f"Headless demo done. Screens ({len(report.screenshots)}):\n")
    for path in report.screenshots:
        sys.stdout.write(f"  {path}\n")
    sys.stdout.write(f"Receipts ({len(report.receipts)}, as text and as a picture):\n")
    for text, image in zip(report.receipts, report.receipt_images, strict=True):
        sys.stdout.write(f"  {text}\n  {image}\n")
    sys.stdout.write(f"Sealed documents from the A4 printer ({len(report.documents)}), "
                     f"seal root {out_dir / 'documents' / 'seal-root.pem'}:\n")
    for note in report.document_notes:
        sys.stdout.write(f"  {note}\n")
    sys.stdout.write(f"Library entrance, after-hours access and counting "
                     f"({len(report.entrance)}):\n")
    for path in report.entrance:
        sys.stdout.write(f"  {path}\n")
    for note in report.entrance_notes:
        sys.stdout.write(f"  {note}\n")
    sys.stdout.write(f"A queue ticket by keypad and voice: {len(report.keypad)} screens, "
                     f"{len(report.speech)} spoken prompts (WAV):\n")
    for path in [*report.keypad, *report.speech]:
        sys.stdout.write(f"  {path}\n")
    return 0
