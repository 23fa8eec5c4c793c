"""``kiosk audit export|verify|anchor``: the audit log for technicians and controllers."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.audit.chain import AuditDataError, AuditEntry, Problem, VerifyReport, verify_chain
from kiosk.audit.export import export_file, read_jsonl, write_jsonl
from kiosk.config.errors import ConfigError

if TYPE_CHECKING:
    from kiosk.audit.log import AuditLog
    from kiosk.store.database import Store

EXIT_OK, EXIT_TAMPERED, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    audit = subparsers.add_parser("audit", help="audit log of money and admin actions")
    audit.add_argument(
        "--config", help="config file (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)"
    )
    actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="write the log as JSON Lines")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    export.set_defaults(handler=export_command)

    verify = actions.add_parser(
        "verify",
        help="walk the hash chain; exit 1 at the first edited, deleted, inserted "
        "or reordered entry",
    )
    verify.add_argument(
        "--file", type=Path, help="verify a JSONL export instead of the kiosk's store"
    )
    verify.add_argument(
        "--anchor",
        help="a hash kept elsewhere (heartbeat) that must be in the log: detects a cut-off end",
    )
    verify.add_argument("--json", action="store_true", help="one JSON object")
    verify.set_defaults(handler=verify_command)

    anchor = actions.add_parser("anchor", help="the newest entry's number and hash")
    anchor.set_defaults(handler=anchor_command)

    for action in (export, verify, anchor):
        action.add_argument(
            "--config",
            default=argparse.SUPPRESS,
            help="config file (may also come before the action)",
        )


def _open(args: argparse.Namespace) -> tuple[AuditLog, Store]:
    # Heavy imports (SQLAlchemy, Alembic) only for the commands that need the store.
    from drivers.registry import default_registry
    from kiosk.audit.log import AuditLog
    from kiosk.config.loader import load_config, resolve_config_path
    from kiosk.store.database import Store

    try:
        config = load_config(
            resolve_config_path(args.config, os.environ), default_registry(), os.environ
        )
    except ConfigError as exc:
        raise SystemExit(f"kiosk: {exc}") from None
    store = Store.from_section(config.store)
    return AuditLog(store), store


def export_command(args: argparse.Namespace) -> int:
    audit, store = _open(args)
    try:
        if args.out is None:
            count = write_jsonl(audit.entries(), sys.stdout)
        else:
            count = export_file(audit.entries(), args.out)
    finally:
        store.close()
    sys.stderr.write(f"kiosk: {count} audit entries exported\n")
    return EXIT_OK


def verify_command(args: argparse.Namespace) -> int:
    entries: list[AuditEntry]
    if args.file is not None:
        source = str(args.file)
        try:
            entries = read_jsonl(args.file)
        except AuditDataError as exc:
            return _report(
                source, VerifyReport(0, None, Problem("malformed", None, str(exc))), args.json
            )
        except OSError as exc:
            sys.stderr.write(f"kiosk: cannot read {args.file}: {exc.strerror}\n")
            return EXIT_UNREADABLE
        report = verify_chain(entries, args.anchor)
    else:
        audit, store = _open(args)
        source = f"{store.path} (audit_log)"
        try:
            report = audit.verify(args.anchor)
        finally:
            store.close()
    return _report(source, report, args.json)


def _report(source: str, report: VerifyReport, as_json: bool) -> int:
    if as_json:
        problem = report.problem
        sys.stdout.write(
            json.dumps(
                {
                    "source": source,
                    "ok": report.ok,
                    "entries": report.count,
                    "last": report.last.__dict__ if report.last else None,
                    "problem": problem.__dict__ if problem else None,
                }
            )
            + "\n"
        )
    elif report.ok:
        last = f", last {report.last.seq} {report.last.hash}" if report.last else ""
        sys.stdout.write(f"{source}: OK, {report.count} entries{last}\n")
    else:
        assert report.problem is not None
        sys.stdout.write(f"{source}: TAMPERED ({report.problem.kind}): {report.problem.message}\n")
    return EXIT_OK if report.ok else EXIT_TAMPERED


def anchor_command(args: argparse.Namespace) -> int:
    audit, store = _open(args)
    try:
        anchor = audit.latest_anchor()
    finally:
        store.close()
    sys.stdout.write(json.dumps(anchor.__dict__ if anchor else None) + "\n")
    return EXIT_OK
