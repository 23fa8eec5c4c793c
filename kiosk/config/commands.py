"""``kiosk config check FILE``: validate a configuration without starting anything;
``hash-pin`` and ``hash-card`` make technician mode's config values."""

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
    hash_card = config_sub.add_parser(
        "hash-card",
        help="hash a technician's eID CARD number for [ui] technician_card_hashes (typed on "
        "the terminal or stdin, or read from the card in the reader; never printed)",
    )
    hash_card.add_argument(
        "--from-reader", action="store_true", help="read the card number from the eID reader"
    )
    hash_card.add_argument(
        "--reader", default="*", help="PC/SC reader name pattern (fnmatch), with --from-reader"
    )
    hash_card.set_defaults(handler=hash_card_command)


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


def hash_card_command(args: argparse.Namespace) -> int:
    """Print one ``technician_card_hashes`` entry; the card number itself goes nowhere."""
    from kiosk.technician import PinFormatError, hash_card

    if args.from_reader:
        number = _card_number_from_reader(args.reader)
        if number is None:
            return 2
    elif sys.stdin.isatty():
        number = getpass.getpass("Card number (as printed on the card): ")
    else:
        number = sys.stdin.readline().strip()
    try:
        value = hash_card(number)
    except PinFormatError as exc:
        sys.stderr.write(f"kiosk: {exc}\n")
        return 1
    sys.stdout.write(f'technician_card_hashes = ["{value}"]  # add to the list in [ui]\n')
    return 0


def _card_number_from_reader(reader_pattern: str) -> str | None:
    """The card number of the genuine eID in the reader (pcscd, like ``kiosk device eid
    read``); None with the reason on stderr."""
    from drivers.eid.pcsc import PcscEidReader  # pyscard: only for this action
    from drivers.errors import DeviceError

    reader = PcscEidReader(reader_pattern)
    try:
        card = reader.read_card()
    except DeviceError as exc:
        sys.stderr.write(f"kiosk: eID reader: {exc}\n")
        return None
    finally:
        reader.close()
    if not card.verification.all_passed:
        sys.stderr.write("kiosk: the card in the reader is not a genuine eID: not hashed\n")
        return None
    return card.identity.card_number
