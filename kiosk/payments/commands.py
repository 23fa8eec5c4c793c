"""``kiosk payments reconcile|end-of-day|unfinished``: the payment journal for technicians."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from drivers.errors import DeviceError, DeviceUriError
from drivers.registry import DeviceRegistry, default_registry
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config, resolve_config_path
from kiosk.devices import DeviceOwner
from kiosk.domain.queue import Site
from kiosk.payments.service import PaymentService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store


def register(subparsers: argparse._SubParsersAction) -> None:
    payments = subparsers.add_parser("payments", help="payment journal: reconcile, end of day")
    payments.add_argument("--config", help="config file (default: $KIOSK_CONFIG or "
                                           "/etc/kiosk/kiosk.toml)")
    actions = payments.add_subparsers(dest="payments_action", metavar="ACTION", required=True)
    for name, handler, text in (
            ("reconcile", reconcile_command, "settle unfinished payments with the devices"),
            ("end-of-day", end_of_day_command,
             "totals by method, the terminal's batch and the cash levels, reconciled"),
            ("unfinished", unfinished_command, "payments not yet completed or closed")):
        action = actions.add_parser(name, help=text)
        action.add_argument("--config", default=argparse.SUPPRESS,
                            help="config file (may also come before the action)")
        action.add_argument("--json", action="store_true", help="one JSON object")
        action.set_defaults(handler=handler)


def _open(args: argparse.Namespace, with_devices: bool) -> tuple[PaymentService,
                                                                  list[Callable[[], Any]]]:
    registry = default_registry()
    try:
        config = load_config(resolve_config_path(args.config, os.environ), registry,
                             os.environ)
    except ConfigError as exc:
        raise SystemExit(f"kiosk: {exc}") from None
    store = Store.from_section(config.store)
    closers: list[Callable[[], Any]] = [store.close]
    owners: dict[str, DeviceOwner[Any]] = {}
    if with_devices:
        from kiosk.services import device_registry  # the whole service graph: only here

        for kind in ("printer", "card_terminal", "cash"):
            owner = _owner(device_registry(config), kind, getattr(config.devices, kind))
            if owner is not None:
                owners[kind] = owner
                closers.append(owner.close)
    site = Site(config.kiosk.site, config.kiosk.site_name, config.kiosk.id)
    service = PaymentService(store, ReceiptSpool(store, owners.get("printer")), site,
                             owners.get("card_terminal"), owners.get("cash"))
    return service, closers


def _owner(registry: DeviceRegistry, kind: str, uri: str | None) -> DeviceOwner[Any] | None:
    if not uri:
        return None
    try:
        return DeviceOwner(kind, registry.open(kind, uri))
    except (DeviceError, DeviceUriError) as exc:
        sys.stderr.write(f"kiosk: {kind} not available: {exc}\n")
        return None


def _close(closers: list[Callable[[], Any]]) -> None:
    for close in reversed(closers):
        close()


def reconcile_command(args: argparse.Namespace) -> int:
    service, closers = _open(args, with_devices=True)
    try:
        done = service.reconcile()
    finally:
        _close(closers)
    if args.json:
        sys.stdout.write(json.dumps([r.__dict__ for r in done]) + "\n")
    else:
        for r in done:
            sys.stdout.write(f"{r.payment_id}  {r.method:<4} {r.amount_cents:>8}  {r.result}\n")
    return 1 if any(r.result == "pending" for r in done) else 0


def end_of_day_command(args: argparse.Namespace) -> int:
    service, closers = _open(args, with_devices=True)
    try:
        report = service.end_of_day(actor="cli")
    finally:
        _close(closers)
    if args.json:
        sys.stdout.write(json.dumps(report.as_dict()) + "\n")
    else:
        from datetime import datetime

        from kiosk.formatting import money
        from kiosk.l10n import format_technical

        # The report keeps UTC (--json); staff read Brussels time.
        since = (format_technical(datetime.fromisoformat(report.since), zone=True, seconds=True)
                 if report.since else "the first payment")
        sys.stdout.write(
            f"kiosk {report.kiosk_id}, since {since}\n"
            f"card  {report.card_count:>4} payments  {money(report.card_cents)}"
            f"  (terminal batch: {money(report.terminal_total_cents)})\n"
            f"cash  {report.cash_count:>4} payments  {money(report.cash_cents)}"
            f"  (in {money(report.cash_in_cents)}, out {money(report.cash_out_cents)},"
            f" owed {money(report.debts_cents)}; levels {money(report.levels_cents)})\n")
        for difference in report.differences:
            sys.stdout.write(f"DIFFERENCE: {difference}\n")
    return 0 if report.ok else 1


def unfinished_command(args: argparse.Namespace) -> int:
    service, closers = _open(args, with_devices=False)
    try:
        unfinished = service.journal.unfinished()
    finally:
        _close(closers)
    if args.json:
        sys.stdout.write(json.dumps(unfinished) + "\n")
    else:
        for payment_id in unfinished:
            sys.stdout.write(f"{payment_id}\n")
    return 0
