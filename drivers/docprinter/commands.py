"""``kiosk device document-printer status|print --uri URI [FILE] --json``: the A4 printer
by hand. ``status`` exits 0 when the printer can print, 1 when it cannot (paper out, jam,
offline…), 2 on a bad URI; ``print`` exits 0 once the job completed, 1 otherwise."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drivers.cli_support import emit, open_device
from drivers.errors import DeviceError, DeviceUriError


def register(device_subparsers: argparse._SubParsersAction) -> None:
    printer = device_subparsers.add_parser("document-printer",
                                           help="the A4 printer for certificates (IPP)")
    actions = printer.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="state, reasons, accepted formats")
    status.add_argument("--uri", required=True, help="ipp://host:631/ipp/print or ipps://…")
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=_status)
    print_ = actions.add_parser("print", help="print a PDF and wait until it is done")
    print_.add_argument("--uri", required=True, help="the A4 printer, as for status")
    print_.add_argument("file", type=Path, metavar="FILE")
    print_.add_argument("--timeout", type=float, default=120.0,
                        help="seconds to wait for the job to complete (default 120)")
    print_.add_argument("--json", action="store_true", help="one JSON object")
    print_.set_defaults(handler=_print)


def _status(args: argparse.Namespace) -> int:
    try:
        printer = open_device("document_printer", args.uri)
    except DeviceUriError as exc:
        sys.stderr.write(f"document-printer status: {exc}\n")
        return 2
    try:
        status = printer.status()
    finally:
        printer.close()
    emit(status.as_dict(), args.json)
    return 0 if status.can_print else 1


def _print(args: argparse.Namespace) -> int:
    try:
        pdf = args.file.read_bytes()
    except OSError as exc:
        sys.stderr.write(f"document-printer print: {args.file}: {exc.strerror}\n")
        return 2
    if not pdf.startswith(b"%PDF-"):
        sys.stderr.write(f"document-printer print: {args.file} is not a PDF\n")
        return 2
    try:
        printer = open_device("document_printer", args.uri)
    except DeviceUriError as exc:
        sys.stderr.write(f"document-printer print: {exc}\n")
        return 2
    try:
        status = printer.status()
        if not status.can_print:
            emit({"printed": False, **status.as_dict()}, args.json)
            return 1
        job_id = printer.submit(pdf, args.file.name)
        result = printer.wait(job_id, args.timeout)
    except DeviceError as exc:
        sys.stderr.write(f"document-printer print: {exc}\n")
        return 1
    finally:
        printer.close()
    emit({"printed": result.completed, **result.as_dict()}, args.json)
    return 0 if result.completed else 1
