"""``kiosk library serve|replay|report|resolve`` (and Open+'s ``access``, ``schedule``).

``serve`` runs the embedded demo library system over SIP2 on 127.0.0.1; ``replay``
sends offline transactions to the library system; ``report`` lists, for library
staff, what the library system refused at replay (and uncertain fee payments).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from typing import Any

from drivers.registry import default_registry
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config, resolve_config_path
from kiosk.config.schema import Config
from kiosk.library.access import commands as access_commands


def register(subparsers: argparse._SubParsersAction) -> None:
    library = subparsers.add_parser(
        "library", help="library mode: SIP2 demo system, offline replay, staff report"
    )
    actions = library.add_subparsers(dest="library_action", metavar="ACTION", required=True)
    serve = actions.add_parser("serve", help="run the embedded demo library system (SIP2)")
    serve.add_argument("--port", type=int, help="default: [library] embedded_port; 0 = any")
    serve.add_argument("--charset", default="cp850", help="the charset it announces")
    serve.set_defaults(handler=serve_command)
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
    for action in (serve, replay, report, resolve):
        action.add_argument(
            "--config", help="config file (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)"
        )
        action.add_argument("--json", action="store_true", help="one JSON object")
    access_commands.register(actions)  # access [serve], schedule show (Open+)


def _config(args: argparse.Namespace) -> Config:
    try:
        return load_config(
            resolve_config_path(args.config, os.environ), default_registry(), os.environ
        )
    except ConfigError as exc:
        raise SystemExit(f"kiosk: {exc}") from None


def serve_command(args: argparse.Namespace) -> int:
    from kiosk.backend.library.seed import demo_library
    from kiosk.backend.library.sip2_server import LibrarySip2Service

    section = _config(args).library
    service = LibrarySip2Service(
        demo_library(section.eid_link_key),
        port=section.embedded_port if args.port is None else args.port,
        institution_id=section.institution_id,
        login_user=section.login_user,
        login_password=section.login_password,
        charset=args.charset,
    )
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    port = service.start()
    sys.stdout.write(f"library SIP2 server listening on 127.0.0.1:{port}\n")
    sys.stdout.flush()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        service.stop()
    return 0


def _open(args: argparse.Namespace) -> tuple[Any, Any, Any]:

    from drivers.sip2.client import Sip2Client
    from kiosk.library.offline import OfflineStore
    from kiosk.library.settings import from_config
    from kiosk.store.database import Store

    config = _config(args)
    store = Store.from_section(config.store)
    sip2, _ = from_config(config.library)
    return store, OfflineStore(store), Sip2Client(sip2)


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
            f"{e.id:>5}  {e.occurred_at:%Y-%m-%d %H:%M}  {e.kind:<22} "
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
