"""The ``kiosk`` command.

Subcommands live with the package that owns them. The core must not import the UI,
sync or provisioning packages (see DESIGN.md), so the table below names each command
module by its dotted path and loads it only when the command line is parsed: the
table is the one explicit place where commands are wired in.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from drivers.commands import register as register_device_commands
from kiosk import __version__
from kiosk.privacy import capture_logs_from_env, install_log_masking

# Module that provides ``register(subparsers)`` for each group of subcommands.
COMMAND_MODULES: tuple[str, ...] = (
    "kiosk.config.commands",  # kiosk config check
    "ui.commands",  # kiosk run, kiosk demo
    "kiosk.printing.commands",  # kiosk receipts owed|reprint
    "kiosk.payments.commands",  # kiosk payments reconcile|end-of-day|unfinished
    "kiosk.backend.commands",  # kiosk backend serve|device add|admin add|openapi
    "sync.commands",  # kiosk sync run|once|status|dead-letters
    "sync.document_commands",  # kiosk document verify
    "provisioning.commands",  # kiosk provision detect|enroll|selftest|install|diagnostics
    "kiosk.library.commands",  # kiosk library serve|replay|report|resolve
    "kiosk.audit.commands",  # kiosk audit export|verify|anchor
    "kiosk.updates.commands",  # kiosk update status|apply|rollback, kiosk release build|…
    "kiosk.privacy_commands",  # kiosk store purge, kiosk privacy register
)
# Modules that add ``kiosk device KIND …`` commands needing the core (templates, config);
# the drivers' own device commands are listed in drivers/commands.py.
DEVICE_COMMAND_MODULES: tuple[str, ...] = (
    "kiosk.printing.device_commands",  # kiosk device printer status|test
)


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="City of Brussels kiosk")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in modules:
        importlib.import_module(name).register(subparsers)
    device_subparsers = register_device_commands(subparsers)
    for name in DEVICE_COMMAND_MODULES:
        importlib.import_module(name).register(device_subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    log_format = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format=log_format,
        stream=sys.stderr,
    )
    install_log_masking()  # URLs logged by HTTP libraries can carry a national number
    # Under the test suite: the same lines to a file it scans for personal data.
    capture_logs_from_env(f"kiosk-{args.command}", logging.Formatter(log_format))
    return int(args.handler(args) or 0)
