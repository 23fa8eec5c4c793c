"""The ``kiosk`` command.

Subcommands live with the package that owns them and are declared as entry points in
pyproject.toml (``kiosk.commands``: a ``register(subparsers)`` each;
``kiosk.device_commands``: ``register(device_subparsers)`` for ``kiosk device KIND``
commands that need the core). The core must not import the UI, sync or provisioning
packages (DESIGN.md): it never names them, the packaging metadata does, and
import-linter sees every import that is left.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points

from drivers.commands import register as register_device_commands
from kiosk import __version__
from kiosk.privacy import capture_logs_from_env, install_log_masking

COMMANDS_GROUP = "kiosk.commands"
DEVICE_COMMANDS_GROUP = "kiosk.device_commands"

Registrar = Callable[[argparse._SubParsersAction], object]


def registrars(group: str) -> list[tuple[str, Registrar]]:
    """(entry point name, its ``register``) for every command module declared in
    ``group`` (setuptools writes them sorted by name)."""
    found = entry_points(group=group)
    if not found:
        raise RuntimeError(
            f"no {group} entry points: the project is not installed (pip install -e .)"
        )
    return [(point.name, point.load()) for point in found]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="City of Brussels kiosk")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for _, register in registrars(COMMANDS_GROUP):
        register(subparsers)
    device_subparsers = register_device_commands(subparsers)
    for _, register in registrars(DEVICE_COMMANDS_GROUP):
        register(device_subparsers)
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
