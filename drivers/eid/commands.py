"""``kiosk device eid read --json`` and ``kiosk device eid watch``.

Talks to pcscd like the kiosk does (``PCSCLITE_CSOCK_NAME`` selects a private one).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from typing import Any

from common.eid.model import EidCardData
from drivers.eid import authenticate_command
from drivers.eid.pcsc import PcscEidReader
from drivers.errors import DeviceError


def card_to_json(card: EidCardData) -> dict[str, Any]:
    """The fields ``eid read --json`` prints (dates as ISO strings)."""
    ident = card.identity
    verified = card.verification
    return {
        "card_number": ident.card_number,
        "national_number": ident.national_number,
        "surname": ident.surname,
        "first_names": ident.first_names,
        "nationality": ident.nationality,
        "birth_place": ident.birth_place,
        "birth_date": ident.birth_date.isoformat(),
        "sex": ident.sex,
        "document_type": ident.document_type,
        "issuing_municipality": ident.issuing_municipality,
        "validity_begin": ident.validity_begin.isoformat(),
        "validity_end": ident.validity_end.isoformat(),
        "address": {
            "street": card.address.street,
            "zip": card.address.zip,
            "municipality": card.address.municipality,
        },
        "photo": {"bytes": len(card.photo), "sha256": hashlib.sha256(card.photo).hexdigest()},
        "verified": {
            "photo_hash": verified.photo_hash,
            "identity_signature": verified.identity_signature,
            "address_signature": verified.address_signature,
        },
    }


def _read(args: argparse.Namespace) -> int:
    reader = PcscEidReader(args.reader)
    try:
        card = reader.read_card()
    except DeviceError as exc:
        sys.stderr.write(f"eid read: {exc}\n")
        return 2
    finally:
        reader.close()
    data = card_to_json(card)
    if args.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
    else:
        for key, value in data.items():
            sys.stdout.write(f"{key}: {value}\n")
    return 0 if card.verification.all_passed else 1


def _watch(args: argparse.Namespace) -> int:
    reader = PcscEidReader(args.reader)
    deadline = None if args.timeout is None else time.monotonic() + args.timeout
    seen = 0
    try:
        reader.wait_for_event(0)  # first look: learn the current state, report no event
        ready = {"event": "watching", "readers": reader.matching_readers()}
        sys.stdout.write(json.dumps(ready) + "\n")
        sys.stdout.flush()
        while args.count is None or seen < args.count:
            remaining = 1.0 if deadline is None else deadline - time.monotonic()
            if remaining <= 0:
                return 0 if args.count is None else 1
            event = reader.wait_for_event(min(remaining, 1.0))
            if event is not None:
                seen += 1
                sys.stdout.write(json.dumps({"event": event.kind, "reader": event.reader}) + "\n")
                sys.stdout.flush()
    except DeviceError as exc:
        sys.stderr.write(f"eid watch: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 0
    finally:
        reader.close()
    return 0


def register(device_subparsers: argparse._SubParsersAction) -> None:
    """Add ``eid read``, ``eid watch`` and ``eid authenticate`` under ``kiosk device``."""
    eid = device_subparsers.add_parser("eid", help="Belgian eID reader (PC/SC)")
    sub = eid.add_subparsers(dest="eid_command", metavar="COMMAND", required=True)
    read = sub.add_parser("read", help="read and verify the card in the reader")
    read.add_argument("--json", action="store_true", help="one JSON object on stdout")
    read.add_argument("--reader", default="*", help="reader name pattern (fnmatch)")
    read.set_defaults(handler=_read)
    watch = sub.add_parser("watch", help="print card insert/remove events, one JSON per line")
    watch.add_argument("--reader", default="*", help="reader name pattern (fnmatch)")
    watch.add_argument("--count", type=int, default=None, help="stop after N events")
    watch.add_argument("--timeout", type=float, default=None, help="stop after SECONDS")
    watch.set_defaults(handler=_watch)
    authenticate_command.register(sub)
