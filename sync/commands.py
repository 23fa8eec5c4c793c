"""``kiosk sync run|once|status|dead-letters``.

The CLI imports this module for every command (the UI's too), so requests and the
relay are imported inside the handlers only.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    sync = subparsers.add_parser("sync", help="deliver the outbox, pull reference data")
    sync.add_argument("--config", help="config file (default: $KIOSK_CONFIG or "
                                       "/etc/kiosk/kiosk.toml)")
    actions = sync.add_subparsers(dest="sync_action", metavar="ACTION", required=True)
    run = actions.add_parser("run", help="relay until stopped (the kiosk-sync service)")
    run.set_defaults(handler=run_command)
    once = actions.add_parser("once", help="pull reference data, drain the outbox, exit")
    once.add_argument("--json", action="store_true", help="one JSON object")
    once.set_defaults(handler=once_command)
    status = actions.add_parser("status", help="online/offline, pending and dead letters")
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=status_command)
    dead = actions.add_parser("dead-letters", help="events the backend refused, with reasons")
    dead.add_argument("--json", action="store_true", help="one JSON object")
    dead.set_defaults(handler=dead_letters_command)


def _config(args: argparse.Namespace) -> Any:
    from drivers.registry import default_registry
    from kiosk.config.errors import ConfigError
    from kiosk.config.loader import load_config, resolve_config_path

    try:
        return load_config(resolve_config_path(args.config, os.environ), default_registry(),
                           os.environ)
    except ConfigError as exc:
        raise SystemExit(f"kiosk: {exc}") from None


def _parts(args: argparse.Namespace) -> Any:
    from sync.credential import CredentialError
    from sync.wiring import build

    try:
        return build(_config(args))
    except CredentialError as exc:
        raise SystemExit(f"kiosk: {exc}") from None


def run_command(args: argparse.Namespace) -> int:
    parts = _parts(args)
    stop = threading.Event()

    def _stop(_signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    heartbeat = _heartbeat(args, stop)
    updates = _update_agent(args, stop)
    watchdog = _watchdog(args)
    watchdog.ready()
    purge = _daily_purge(args, parts.store)
    try:
        parts.relay.run(stop, on_cycle=lambda: (watchdog.ping(), purge.maybe_run()))
    finally:
        watchdog.close()
        heartbeat.close()
        if updates is not None:
            updates.join(15)  # stop is set: it ends after its current step
        parts.close()
    return 0


def _update_agent(args: argparse.Namespace, stop: threading.Event) -> Any:
    """The software update agent (sync/updates.py) on its own thread, when this kiosk
    takes updates (``[updates] public_key``); a failure to start it is logged and the
    relay runs on: updates must never cost the kiosk its sync."""
    import logging
    from pathlib import Path

    from kiosk.config.loader import resolve_config_path
    from sync.credential import read_credential
    from sync.updates import start_agent

    config = _config(args)
    if not config.updates.public_key:
        return None
    try:
        token = read_credential(Path(config.backend.credential_path))
        # The update unit it spawns reads the same file (systemd-run has no $KIOSK_CONFIG).
        path = str(resolve_config_path(args.config, os.environ).resolve())
        return start_agent(config, path, token, stop)
    except Exception:
        logging.getLogger(__name__).exception("software update agent not started")
        return None


def _daily_purge(args: argparse.Namespace, store: Any) -> Any:
    """The retention purge (kiosk/store/purge.py), at most once a day, on the relay's
    own store."""
    from kiosk.store.purge import DailyPurge

    return DailyPurge(store, _config(args).privacy.retention_days)


def _watchdog(args: argparse.Namespace) -> Any:
    """systemd's watchdog (sync/watchdog.py), pinged once per relay cycle."""
    from sync.watchdog import SyncWatchdog

    config = _config(args)
    return SyncWatchdog.from_env(config.sync.backoff_max_s + 3 * config.backend.timeout_s)


def _heartbeat(args: argparse.Namespace, stop: threading.Event) -> Any:
    """The heartbeat thread beside the relay (sync/heartbeat.py), same stop event."""
    from pathlib import Path

    from drivers.registry import default_registry
    from sync.credential import read_credential
    from sync.heartbeat import HeartbeatThread

    config = _config(args)
    token = read_credential(Path(config.backend.credential_path))
    return HeartbeatThread(config, token, default_registry(), stop).start()


def once_command(args: argparse.Namespace) -> int:
    parts = _parts(args)
    try:
        reference_ok = parts.relay.refresh_reference()
        result = parts.relay.drain()
        pending, dead = parts.outbox.counts()
    finally:
        parts.close()
    summary = {"delivered": result.delivered, "rejected": result.rejected,
               "batches": result.batches, "pending": pending, "dead_letters": dead,
               "reference_ok": reference_ok, "error": result.error}
    if args.json:
        sys.stdout.write(json.dumps(summary) + "\n")
    else:
        sys.stdout.write(f"delivered {result.delivered}, rejected {result.rejected}, "
                         f"pending {pending}, dead letters {dead}"
                         f"{f' — stopped: {result.error}' if result.error else ''}\n")
    return 0 if result.complete and reference_ok else 1


def status_command(args: argparse.Namespace) -> int:

    from kiosk.store.database import Store
    from sync.status import read_status

    store = Store.from_section(_config(args).store)
    try:
        s = read_status(store)
    finally:
        store.close()
    data = {"state": s.state, "reason": s.reason,
            "since": s.since.isoformat() if s.since else None,
            "last_contact_at": s.last_contact_at.isoformat() if s.last_contact_at else None,
            "pending": s.pending, "dead_letters": s.dead_letters}
    if args.json:
        sys.stdout.write(json.dumps(data) + "\n")
    else:
        sys.stdout.write(f"{s.state}{f' ({s.reason})' if s.reason else ''}; pending "
                         f"{s.pending}, dead letters {s.dead_letters}\n")
    return 0


def dead_letters_command(args: argparse.Namespace) -> int:

    from kiosk.store.database import Store
    from sync.outbox import Outbox

    store = Store.from_section(_config(args).store)
    try:
        letters = Outbox(store).dead_letters()
    finally:
        store.close()
    if args.json:
        sys.stdout.write(json.dumps([{
            "event_id": d.event_id, "type": d.type, "seq": d.seq,
            "created_at": d.created_at.isoformat(), "reason": d.reason,
            "attempts": d.attempts} for d in letters]) + "\n")
    else:
        for d in letters:
            sys.stdout.write(f"{d.event_id}  #{d.seq}  {d.type:<24} {d.reason}\n")
    return 0
