"""``kiosk receipts owed|reprint``: receipts a citizen is still owed, printed again."""

from __future__ import annotations

import argparse
import json
import os
import sys

from drivers.errors import DeviceError, DeviceUriError
from drivers.registry import default_registry
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config, resolve_config_path
from kiosk.devices import DeviceOwner
from kiosk.l10n import format_technical
from kiosk.printing.spool import PrintOutcome, ReceiptSpool
from kiosk.store.database import Store


def register(subparsers: argparse._SubParsersAction) -> None:
    receipts = subparsers.add_parser("receipts", help="stored receipts: owed, reprint")
    receipts.add_argument("--config", help="config file (default: $KIOSK_CONFIG or "
                                           "/etc/kiosk/kiosk.toml)")
    actions = receipts.add_subparsers(dest="receipts_action", metavar="ACTION", required=True)
    owed = actions.add_parser("owed", help="receipts that never came out")
    owed.add_argument("--json", action="store_true", help="one JSON object")
    owed.set_defaults(handler=owed_command)
    reprint = actions.add_parser("reprint", help="print a stored receipt again")
    which = reprint.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", help="the receipt's id (see 'owed')")
    which.add_argument("--reference", help="the citizen's request reference")
    reprint.set_defaults(handler=reprint_command)


def _spool(args: argparse.Namespace, with_printer: bool) -> tuple[ReceiptSpool, list]:
    registry = default_registry()
    try:
        config = load_config(resolve_config_path(args.config, os.environ), registry,
                             os.environ)
    except ConfigError as exc:
        raise SystemExit(f"kiosk: {exc}") from None
    store = Store.from_section(config.store)
    closers: list = [store.close]
    owner = None
    if with_printer and config.devices.printer:
        try:
            owner = DeviceOwner("printer", registry.open("printer", config.devices.printer))
            closers.append(owner.close)
        except (DeviceError, DeviceUriError) as exc:
            sys.stderr.write(f"kiosk: printer not available: {exc}\n")
    return ReceiptSpool(store, owner), closers


def owed_command(args: argparse.Namespace) -> int:
    spool, closers = _spool(args, with_printer=False)
    try:
        owed = spool.owed()
    finally:
        for close in reversed(closers):
            close()
    if args.json:
        sys.stdout.write(json.dumps([{
            "id": o.receipt_id, "kind": o.kind, "language": o.language,
            "reference": o.reference, "created_at": o.created_at.isoformat(),
            "attempts": o.attempts, "error": o.error} for o in owed]) + "\n")
    else:
        for o in owed:
            sys.stdout.write(f"{o.receipt_id}  {format_technical(o.created_at)}  {o.kind:<14} "
                             f"{o.reference or '-'}  ({o.attempts}x: {o.error})\n")
    return 0


def reprint_command(args: argparse.Namespace) -> int:
    spool, closers = _spool(args, with_printer=True)
    try:
        outcomes: list[PrintOutcome] = (
            [spool.print(args.id)] if args.id else spool.reprint_by_reference(args.reference))
    except KeyError as exc:
        sys.stderr.write(f"kiosk: {exc.args[0]}\n")
        return 2
    finally:
        for close in reversed(closers):
            close()
    for outcome in outcomes:
        sys.stdout.write(f"{outcome.receipt_id}: "
                         f"{'printed' if outcome.printed else 'NOT printed: ' + outcome.error}\n")
    return 0 if all(o.printed for o in outcomes) else 1
