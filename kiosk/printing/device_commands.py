"""``kiosk device printer status|test``: a technician's direct line to the printer."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from drivers.errors import DeviceError, DeviceUriError
from drivers.printer.status import status_reason
from drivers.registry import default_registry
from kiosk import __version__
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config, resolve_config_path
from kiosk.config.schema import Config
from kiosk.i18n import Translator
from kiosk.receipts.layout import ReceiptHeader
from kiosk.receipts.templates import TechnicianPage, technician_test_page
from kiosk.selftest import LOCAL_ZONE


def register(device_subparsers: argparse._SubParsersAction) -> None:
    printer = device_subparsers.add_parser("printer", help="the receipt printer")
    actions = printer.add_subparsers(dest="printer_action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="live status: online, paper, cover")
    status.add_argument("--uri", required=True, help="e.g. escpos+tcp://10.1.2.3:9100")
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=status_command)
    test = actions.add_parser("test", help="print the technician test page")
    test.add_argument("--uri", required=True, help="the printer, as for status")
    test.add_argument("--config", help="for the kiosk id and site printed on the page")
    test.add_argument(
        "--language", choices=("fr", "nl", "en"), default="fr", help="the test page's language"
    )
    test.set_defaults(handler=test_command)


def status_command(args: argparse.Namespace) -> int:
    try:
        printer = default_registry().open("printer", args.uri)
    except (DeviceError, DeviceUriError) as exc:
        sys.stderr.write(f"kiosk: printer {args.uri}: {exc}\n")
        return 2
    try:
        status = printer.status()
    finally:
        printer.close()
    if args.json:
        report = {"online": status.online, "paper": status.paper,
                  "cover_open": status.cover_open}
        if status.error:
            report["error"] = status.error
        sys.stdout.write(json.dumps(report) + "\n")
    else:
        sys.stdout.write(f"online={status.online} paper={status.paper} "
                         f"cover_open={status.cover_open} {status.error}\n")
    return 0 if status.can_print else 1


def test_command(args: argparse.Namespace) -> int:
    config = _optional_config(args.config)
    try:
        printer = default_registry().open("printer", args.uri)
    except (DeviceError, DeviceUriError) as exc:
        sys.stderr.write(f"kiosk: printer {args.uri}: {exc}\n")
        return 2
    try:
        status = printer.status()
        state = status_reason(status) or ("paper near end" if status.paper == "near_end"
                                          else "ok")
        page = technician_test_page(
            TechnicianPage(config.kiosk.id, config.kiosk.site_name, __version__,
                           {"printer": state}, datetime.now(LOCAL_ZONE)),
            ReceiptHeader(config.kiosk.site_name, config.kiosk.id),
            Translator(args.language), printer.columns)
        printer.print_receipt(page)
    except DeviceError as exc:
        sys.stderr.write(f"kiosk: test page not printed: {exc}\n")
        return 1
    finally:
        printer.close()
    sys.stdout.write("test page printed\n")
    return 0


def _optional_config(path: str | None) -> Config:
    """The kiosk's config when there is one; defaults on a bench without one."""
    registry = default_registry()
    resolved = resolve_config_path(path, os.environ)
    if path is None and not Path(resolved).exists():
        return load_config(None, registry, {})
    try:
        return load_config(Path(resolved), registry, os.environ)
    except ConfigError as exc:
        raise SystemExit(f"kiosk: {exc}") from None
