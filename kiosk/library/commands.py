"""``kiosk library serve|replay|report|resolve`` (and Open+'s ``access``, ``schedule``).

``serve`` runs the embedded demo library system over SIP2 on 127.0.0.1 (the backend's:
kiosk/backend/library/commands.py, declared in pyproject.toml); ``replay``
sends offline transactions to the library system; ``report`` lists, for library
staff, what the library system refused at replay (and uncertain fee payments).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from drivers.registry import default_registry
from kiosk.cli import registrars
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config, resolve_config_path
from kiosk.config.schema import Config
from kiosk.l10n import format_technical
from kiosk.library.access import commands as access_commands

LIBRARY_COMMANDS_GROUP = "kiosk.library_commands"


def register(subparsers: argparse._SubParsersAction) -> None:
    library = subparsers.add_parser(
        "library", help="library mode: SIP2 demo system, offline replay, staff report"
    )
    actions = library.add_subparsers(dest="library_action", metavar="ACTION", required=True)
    replay = actions.add_parser(
        "replay", help="send offline transactions to the library system now"
    )
    replay.set_defaults(handler=replay_command)
    report = actions.add_parser("report", help="what the library system refused, for staff")
    report.add_argument("--all", action="store_true", help="include resolved lines")
    report.add_argument(
        "--full-card", action="store_true", help="show whole card numbers (staff desk only)"
    )
    report.set_defaults(handler=report_command)
    resolve = actions.add_parser("resolve", help="mark a report line as settled")
    resolve.add_argument("entry", type=int)
    resolve.set_defaults(handler=resolve_command)
    for action in (replay, report, resolve):
        common_options(action)
    access_commands.register(actions)  # access [serve], schedule show (Open+)
    # `library serve` is the backend's (its embedded library system): declared as an entry
    # point so the core never imports the backend. It reads the kiosk's configuration through
    # ``args.load_config``, so the backend never imports the core's command (nor its drivers).
    library.set_defaults(load_config=config_from_args)
    for _, register_action in registrars(LIBRARY_COMMANDS_GROUP):
        register_action(actions)


def common_options(action: argparse.ArgumentParser) -> None:
    """``--config`` and ``--json``, which every ``kiosk library`` action takes."""
    action.add_argument(
        "--config", help="config file (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)"
    )
    action.add_argument("--json", action="store_true", help="one JSON object")


def config_from_args(args: argparse.Namespace) -> Config:
    """The kiosk's configuration named by ``--config`` (or the default); exits on an error."""
    try:
        return load_config(
            resolve_config_path(args.config, os.environ), default_registry(), os.environ
        )
    except ConfigError as exc:
        raise SystemExit(f"kiosk: {exc}") from None


def _open(args: argparse.Namespace) -> tuple[Any, Any, Any]:

    from drivers.sip2.client import Sip2Client
    from kiosk.library.offline import OfflineStore
    from kiosk.library.settings import from_config, library_clock
    from kiosk.store.database import Store

    config = config_from_args(args)
    store = Store.from_section(config.store)
    sip2, _ = from_config(config.library)
    return store, OfflineStore(store), Sip2Client(sip2, now=library_clock(config.library))


def replay_command(args: argparse.Namespace) -> int:
    from kiosk.library.replay import Replayer

    store, offline, client = _open(args)
    try:
        report = Replayer(client, offline).run()
    finally:
        client.close()
        store.close()
    if args.json:
        sys.stdout.write(json.dumps(report.__dict__) + "\n")
    else:
        sys.stdout.write(
            f"replayed {report.replayed}, refused {report.refused}, verified "
            f"{report.verified}, waiting {report.waiting}"
            f"{'; stopped: ' + report.stopped if report.stopped else ''}\n"
        )
    return 1 if report.waiting else 0


def report_command(args: argparse.Namespace) -> int:
    store, offline, _client = _open(args)
    try:
        entries = offline.report(include_resolved=args.all)
    finally:
        store.close()

    def card(entry: Any) -> str:
        return (entry.patron_identifier or "-") if args.full_card else entry.patron_label

    if args.json:
        sys.stdout.write(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "kind": e.kind,
                        "item": e.item_id,
                        "card": card(e),
                        "reason": e.reason,
                        "occurred_at": e.occurred_at.isoformat(),
                        "resolved": e.resolved,
                    }
                    for e in entries
                ]
            )
            + "\n"
        )
        return 0
    if not entries:
        sys.stdout.write("nothing to settle\n")
    for e in entries:
        sys.stdout.write(
            f"{e.id:>5}  {format_technical(e.occurred_at)}  {e.kind:<22} "
            f"{e.item_id or '-':<12} {card(e):<16} {e.reason}\n"
        )
    return 0


def resolve_command(args: argparse.Namespace) -> int:
    store, offline, _client = _open(args)
    try:
        done = offline.resolve(args.entry)
    finally:
        store.close()
    sys.stdout.write(("resolved" if done else "no open entry") + f" {args.entry}\n")
    return 0 if done else 1
