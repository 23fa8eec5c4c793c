"""``kiosk config check FILE``: validate a configuration without starting anything."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from drivers.registry import default_registry
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config


def register(subparsers: argparse._SubParsersAction) -> None:
    config = subparsers.add_parser("config", help="configuration tools")
    config_sub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    check = config_sub.add_parser(
        "check", help="validate a config file (and KIOSK_* overrides) without starting")
    check.add_argument("file", type=Path)
    check.set_defaults(handler=check_command)
    hash_pin = config_sub.add_parser(
        "hash-pin", help="hash a technician PIN for [ui] technician_pin_hash "
        "(the PIN is read from the terminal or stdin, never from the command line)")
    hash_pin.set_defaults(handler=hash_pin_command)


def check_command(args: argparse.Namespace) -> int:
    try:
        load_config(args.file, default_registry(), os.environ)
    except ConfigError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        return 1
    sys.stdout.write(f"{args.file}: OK\n")
    return 0


def hash_pin_command(args: argparse.Namespace) -> int:
    from kiosk.technician import PinFormatError, hash_pin

    if sys.stdin.isatty():
        pin = getpass.getpass("Technician PIN: ")
        if getpass.getpass("Again: ") != pin:
            sys.stderr.write("kiosk: the two PINs differ\n")
            return 1
    else:
        pin = sys.stdin.readline().strip()
    try:
        value = hash_pin(pin)
    except PinFormatError as exc:
        sys.stderr.write(f"kiosk: {exc}\n")
        return 1
    sys.stdout.write(f'technician_pin_hash = "{value}"\n')
    return 0
