"""``kiosk device eid authenticate --roots PEM [--crl PEM] [--pin-stdin] [--reader NAME] --json``

For technicians and tests: verifies the PIN (stdin with ``--pin-stdin``, else the
reader's pinpad, else the terminal without echo), has the card sign a random challenge,
and checks signature, chain, validity and revocation. Prints one JSON object with
``result`` (ok, wrong_pin, blocked, revoked, expired, untrusted, revocation_unknown,
no_card, card_error, error), ``tries_left`` and ``auth_cert_sha256``; exit code 0 only
for ``ok`` (1: the card or PIN was refused, 2: no card or another failure).
Honours ``PCSCLITE_CSOCK_NAME`` like the other eID commands.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import secrets
import sys
from pathlib import Path
from typing import Any

from cryptography import x509

from common.eid.trust import (
    StaleCrlPolicy,
    TrustError,
    certificate_sha256,
    load_certificates,
    load_crls,
)
from drivers.eid.auth import HostPinEntry, PinEntry, PinError, pin_is_well_formed, wipe
from drivers.eid.errors import CardError, CardRemovedError
from drivers.eid.pcsc import PcscEidReader
from drivers.eid.presence import CardCertificates, TrustSettings, prove_presence
from drivers.errors import DeviceError, DeviceUnavailableError

REFUSED = {"wrong_pin", "blocked", "revoked", "expired", "untrusted", "revocation_unknown"}


class PinInputError(Exception):
    """The PIN given to the command cannot be a PIN (no card try is spent on it)."""


def _well_formed(pin: bytearray, source: str) -> bytearray:
    if not pin_is_well_formed(pin):
        wipe(pin)
        raise PinInputError(f"PIN from {source}: 4 to 12 digits expected")
    return pin


def _read_pin_stdin() -> bytearray:
    line = sys.stdin.buffer.readline()
    pin = bytearray(line.rstrip(b"\r\n"))
    wipe(bytearray(line))  # best effort: ``line`` itself is immutable
    return _well_formed(pin, "stdin")


def _read_pin_terminal(left: int | None) -> bytearray:
    try:
        typed = getpass.getpass(f"eID PIN ({left} tries left): ")
    except EOFError:
        raise PinInputError("PIN from the terminal: none typed (end of input)") from None
    return _well_formed(bytearray(typed.encode()), "the terminal")


def _warn_before_the_last_try(left: int | None) -> None:
    """Never spend the last try silently: the card would block."""
    if left == 1:
        sys.stderr.write("Last try: one more wrong PIN blocks the card (the holder then has "
                         "it unblocked at their commune's counter, with the PUK code).\n")


def _trust(args: argparse.Namespace) -> TrustSettings:
    roots_path = Path(args.roots)
    try:
        roots = load_certificates(roots_path.read_bytes(), str(roots_path))
        crls: tuple[x509.CertificateRevocationList, ...] = ()
        if args.crl:
            crl_path = Path(args.crl)
            crls = tuple(load_crls(crl_path.read_bytes(), str(crl_path)))
    except OSError as exc:
        raise TrustError("error", f"cannot read {exc.filename}: {exc.strerror}") from None
    return TrustSettings(roots, crls, StaleCrlPolicy(args.stale_crl))


def authenticate(args: argparse.Namespace) -> dict[str, Any]:
    """Run the exchange; the JSON object to print (never a personal value)."""
    out: dict[str, Any] = {"result": "error", "tries_left": None, "auth_cert_sha256": None,
                           "message": "", "revocation": "not_checked" if not args.crl else None}
    try:
        trust = _trust(args)
    except TrustError as exc:
        out.update(result="error", message=str(exc))
        return out
    reader = PcscEidReader(args.reader)

    def seen(certs: CardCertificates) -> None:
        out["auth_cert_sha256"] = certificate_sha256(certs.auth_cert)
        out["applet_version"] = f"{certs.applet_version >> 4}.{certs.applet_version & 0xF}"

    try:
        with reader.session() as (session, pinpad):
            out["pinpad"] = pinpad is not None

            def ask_pin(left: int | None) -> PinEntry:
                out["tries_left"] = left
                _warn_before_the_last_try(left)
                if args.pin_stdin:
                    return HostPinEntry(_read_pin_stdin())
                if pinpad is not None:
                    sys.stderr.write(f"Enter the PIN on the reader's keypad ({left} tries "
                                     "left).\n")
                    return pinpad
                return HostPinEntry(_read_pin_terminal(left))

            proof = prove_presence(session, ask_pin=ask_pin,
                                   challenge=secrets.token_bytes(32), trust=trust,
                                   on_certificates=seen, verifier=reader.verifier())
    except PinInputError as exc:
        out.update(result="error", message=str(exc))
        return out
    except PinError as exc:
        out.update(result="blocked" if exc.tries_left == 0 else "wrong_pin",
                   tries_left=exc.tries_left, message=str(exc))
        return out
    except TrustError as exc:
        out.update(result=exc.result, message=str(exc))
        return out
    except CardRemovedError as exc:
        out.update(result="no_card", message=f"the card was removed: {exc}")
        return out
    except DeviceUnavailableError as exc:
        out.update(result="no_card", message=str(exc))
        return out
    except CardError as exc:
        no_card = "no card in the reader" in str(exc)
        out.update(result="no_card" if no_card else "card_error", message=str(exc))
        return out
    except DeviceError as exc:
        out.update(result="card_error", message=str(exc))
        return out
    finally:
        reader.close()
    out.update(result="ok", tries_left=None, message="presence proven",
               auth_cert_sha256=proof.auth_cert_sha256)
    trusted = proof.trusted
    if trusted is not None and trusted.crl is not None:
        now = dt.datetime.now(dt.UTC)
        out["revocation"] = {
            "this_update": trusted.crl.this_update.isoformat(),
            "next_update": trusted.crl.next_update.isoformat() if trusted.crl.next_update
            else None,
            "age_seconds": int(trusted.crl.age(now).total_seconds()),
            "stale": trusted.crl.stale,
        }
    return out


def _run(args: argparse.Namespace) -> int:
    out = authenticate(args)
    if args.json:
        sys.stdout.write(json.dumps(out, sort_keys=True) + "\n")
    else:
        for key, value in out.items():
            sys.stdout.write(f"{key}: {value}\n")
    if out["result"] == "ok":
        return 0
    return 1 if out["result"] in REFUSED else 2


def register(eid_subparsers: argparse._SubParsersAction) -> None:
    """Add ``eid authenticate``."""
    auth = eid_subparsers.add_parser(
        "authenticate", help="PIN + challenge signature; chain, validity and revocation checks")
    auth.add_argument("--roots", required=True, metavar="PEM",
                      help="trusted root certificates (PEM bundle)")
    auth.add_argument("--crl", metavar="PEM",
                      help="the citizen CAs' CRLs: a PEM bundle (one per CA), or one DER CRL")
    auth.add_argument("--stale-crl", choices=[p.value for p in StaleCrlPolicy],
                      default=StaleCrlPolicy.REFUSE.value,
                      help="a CRL past its next update: refuse the card (default) or accept")
    auth.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")
    auth.add_argument("--reader", default="*", help="reader name pattern (fnmatch)")
    auth.add_argument("--json", action="store_true", help="one JSON object on stdout")
    auth.set_defaults(handler=_run)
