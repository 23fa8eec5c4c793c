"""``kiosk document verify --roots PEM FILE.pdf [--backend URL] [--json]`` and, for
technicians, ``kiosk document owed|reprint --request ID [--config FILE]``.

Without ``--backend`` (or with ``--offline``, kept for scripts that say it) only the seal
is checked — offline, against the given roots, and the answer says so. With
``--backend URL`` exit 0 also needs a file the backend issued (its SHA-256 is the one of
the document its id names) that is not revoked or expired. Exit 1: refused (the reason is
printed); 2: bad input (file, roots); 3: the backend could not be asked.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

OK, REFUSED, BAD_INPUT, UNREACHABLE = 0, 1, 2, 3


def register(subparsers: argparse._SubParsersAction) -> None:
    document = subparsers.add_parser("document", help="issued documents: check a sealed PDF")
    actions = document.add_subparsers(dest="document_action", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="check a PDF's seal and that the city issued it")
    verify.add_argument("--roots", type=Path, required=True,
                        help="PEM file of the trusted seal root certificate(s)")
    verify.add_argument("file", type=Path, metavar="FILE.pdf")
    # Offline is the default: a citizen or a notary checking a file has the root
    # certificate, not necessarily a backend address; the backend check is opt-in.
    where = verify.add_mutually_exclusive_group()
    where.add_argument("--backend", help="also ask the backend (https://…) that the city "
                                         "issued this very file and has not revoked it")
    where.add_argument("--offline", action="store_true",
                       help="check the seal alone (the default without --backend)")
    verify.add_argument("--json", action="store_true", help="one JSON object")
    verify.set_defaults(handler=verify_command)

    owed = actions.add_parser("owed", help="paid certificates the A4 printer did not deliver")
    owed.add_argument("--config", help="config file (default: $KIOSK_CONFIG or "
                                       "/etc/kiosk/kiosk.toml)")
    owed.add_argument("--json", action="store_true", help="one JSON object")
    owed.set_defaults(handler=owed_command)
    reprint = actions.add_parser(
        "reprint", help="print an owed certificate on the A4 printer (the backend serves "
                        "it to a kiosk only under the citizen's card session: without "
                        "it the document stays owed, for the counter or the portal)")
    reprint.add_argument("--config", help="config file (default: $KIOSK_CONFIG or "
                                          "/etc/kiosk/kiosk.toml)")
    reprint.add_argument("--request", required=True, help="the request id (see `owed`)")
    reprint.add_argument("--json", action="store_true", help="one JSON object")
    reprint.set_defaults(handler=reprint_command)


def _out(result: dict[str, Any], as_json: bool) -> int:
    if as_json:
        sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
    else:
        sys.stdout.write(f"{result['verdict']}: {result['message']}\n")
    return int(result["exit"])


def verify_command(args: argparse.Namespace) -> int:
    from kiosk.seal.verify import check_seal, document_id, load_roots_file

    try:
        pdf = args.file.read_bytes()
        roots = load_roots_file(args.roots)
    except (OSError, ValueError) as exc:
        return _out({"verdict": "ERROR", "message": str(exc), "exit": BAD_INPUT}, args.json)
    seal = check_seal(pdf, roots)
    result: dict[str, Any] = {"file": str(args.file), **seal.as_dict()}
    if not seal.ok:
        return _out({**result, "verdict": "REFUSED", "message": seal.reason, "exit": REFUSED},
                    args.json)
    if args.backend is None:
        return _out({**result, "verdict": "SEAL OK", "exit": OK, "offline": True,
                     "message": "intact seal under the given roots; offline: only the seal "
                                "was checked, not that the city issued this file"}, args.json)
    found = document_id(pdf)
    if found is None:
        return _out({**result, "verdict": "REFUSED", "exit": REFUSED,
                     "message": "the seal is intact but the file names no document id: "
                                "not a document the city's backend issued"}, args.json)
    result["document_id"] = found
    answer = _ask_backend(args.backend, found)
    if isinstance(answer, str):
        return _out({**result, "verdict": "UNKNOWN", "exit": UNREACHABLE,
                     "message": f"{answer}; only the seal was checked (intact)"}, args.json)
    if answer is None:
        return _out({**result, "verdict": "REFUSED", "exit": REFUSED,
                     "message": "the backend has no document with this id"}, args.json)
    result.update(kind=answer.get("kind"), reference=answer.get("reference"),
                  valid_until=answer.get("valid_until"), status=answer.get("verdict"))
    if answer.get("sha256") != hashlib.sha256(pdf).hexdigest():
        return _out({**result, "verdict": "REFUSED", "exit": REFUSED,
                     "message": "sealed, but not the file the city issued under this id"},
                    args.json)
    if answer.get("verdict") != "genuine":
        return _out({**result, "verdict": "REFUSED", "exit": REFUSED,
                     "message": f"issued by the city but {answer.get('verdict')}"}, args.json)
    return _out({**result, "verdict": "GENUINE", "exit": OK,
                 "message": f"intact seal, issued by the city: {answer.get('kind')} "
                            f"{answer.get('reference')}, valid until "
                            f"{answer.get('valid_until')}"}, args.json)


def _ask_backend(base_url: str, document_id: str) -> dict[str, Any] | str | None:
    """The backend's public status of the document; None if it has none; a str saying
    why it could not be asked."""
    import requests

    from sync.client import API, require_secure_url

    try:
        require_secure_url(base_url)
    except ValueError as exc:
        return str(exc)
    try:
        response = requests.get(f"{base_url.rstrip('/')}{API}/documents/{document_id}/status",
                                timeout=(5, 15))
    except requests.RequestException as exc:
        return f"the backend could not be reached ({type(exc).__name__})"
    if response.status_code in (404, 422):
        return None
    if response.status_code != 200:
        return f"the backend answered HTTP {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return "the backend's answer is not JSON"
    return body if isinstance(body, dict) else "the backend's answer is not a status"


def _delivery(args: argparse.Namespace) -> tuple[Any, Any]:
    """The kiosk's DocumentDelivery from its config: store, backend client, A4 printer."""
    from drivers.errors import DeviceError, DeviceUriError
    from drivers.registry import default_registry
    from kiosk.devices import DeviceOwner
    from kiosk.documents.delivery import DocumentDelivery
    from sync.commands import _config
    from sync.credential import CredentialError
    from sync.documents import BackendDocumentSource
    from sync.wiring import build

    config = _config(args)
    try:
        parts = build(config)
    except CredentialError as exc:
        raise SystemExit(f"kiosk: {exc}") from None
    owner = None
    if config.devices.document_printer:
        try:
            owner = DeviceOwner("document_printer", default_registry().open(
                "document_printer", config.devices.document_printer))
        except (DeviceError, DeviceUriError) as exc:
            sys.stderr.write(f"kiosk document: the A4 printer cannot be opened: {exc}\n")

    def close() -> None:
        if owner is not None:
            owner.close()
        parts.close()

    return DocumentDelivery(parts.store, BackendDocumentSource(parts.client, parts.outbox),
                            owner), close


def owed_command(args: argparse.Namespace) -> int:
    delivery, close = _delivery(args)
    try:
        owed = delivery.owed()
    finally:
        close()
    if args.json:
        sys.stdout.write(json.dumps([{
            "request_id": o.request_id, "reference": o.reference, "service_id": o.service_id,
            "reason": o.reason, "attempts": o.attempts, "created_at": o.created_at.isoformat(),
        } for o in owed], sort_keys=True) + "\n")
    else:
        for o in owed:
            sys.stdout.write(f"{o.request_id}  {o.reference}  {o.service_id}  "
                             f"({o.attempts} attempt(s)): {o.reason}\n")
        if not owed:
            sys.stdout.write("no certificate owed\n")
    return 0


def reprint_command(args: argparse.Namespace) -> int:
    delivery, close = _delivery(args)
    try:
        try:
            done = delivery.reprint(args.request)
        except (KeyError, ValueError) as exc:
            sys.stderr.write(f"kiosk document reprint: {exc.args[0]}\n")
            return 2
    finally:
        close()
    result = {"request_id": done.request_id, "outcome": done.outcome, "pages": done.pages,
              "reason": done.reason}
    if args.json:
        sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
    else:
        sys.stdout.write(f"{done.outcome}" + (f": {done.reason}" if done.reason else
                                              f" ({done.pages} page(s))") + "\n")
    return 0 if done.outcome == "printed" else 1
