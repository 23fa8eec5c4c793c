"""``kiosk backend serve|device add|admin add|token create|openapi``.

Loaded by the CLI for every command, the UI's included: FastAPI, uvicorn and the
database layer are imported inside the handlers only, never at module level.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

DEFAULT_DB = "sqlite:////var/lib/kiosk/backend.db"


def register(subparsers: argparse._SubParsersAction) -> None:
    backend = subparsers.add_parser("backend", help="the embedded citizen-service backend")
    actions = backend.add_subparsers(dest="backend_action", metavar="ACTION", required=True)

    serve = actions.add_parser("serve", help="serve the HTTP API (uvicorn)")
    _db_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8700, help="TCP port (default 8700)")
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help="uvicorn worker processes (a large fleet on PostgreSQL; "
                            "SQLite takes one writer at a time: keep 1)")
    serve.add_argument("--no-demo-data", action="store_true",
                       help="do not load the demo citizens, sites and slots into an empty db")
    seal = serve.add_argument_group("document seal (docs/document-seal.md)")
    seal.add_argument("--seal-key", type=Path, help="PEM private key of the city's seal")
    seal.add_argument("--seal-cert", type=Path, help="PEM certificate of the seal")
    seal.add_argument("--seal-chain", type=Path, action="append", default=[],
                      help="PEM intermediate certificate(s) to embed (repeatable)")
    seal.add_argument("--seal-roots", type=Path,
                      help="PEM roots an uploaded PDF's seal must chain to (verification form)")
    seal.add_argument("--seal-demo-pki", type=Path, metavar="DIR",
                      help="seal with a throwaway PKI kept in DIR (demo; never production)")
    seal.add_argument("--tsa-url", help="RFC 3161 timestamp authority: seals get a timestamp")
    seal.add_argument("--public-url", default="https://www.bruxelles.be",
                      help="where citizens reach /verify/<id> (printed in the QR code)")
    serve.add_argument("--eid-roots", metavar="PEM",
                       help="roots eID cards must chain to for card sessions "
                            "(default: the Belgian roots shipped in common/eid/roots)")
    serve.add_argument("--eid-crl", metavar="PEM",
                       help="the citizen CAs' CRLs (a PEM bundle, one per CA, or one DER "
                            "CRL) checked when a card session opens")
    serve.add_argument("--eid-ocsp", metavar="URL",
                       help="the citizen CA's OCSP responder, asked first when a card "
                            "session opens (its CRL decides when it gives no answer)")
    serve.set_defaults(handler=serve_command)

    device = actions.add_parser("device", help="kiosk credentials")
    device_actions = device.add_subparsers(dest="device_action", metavar="ACTION",
                                           required=True)
    add = device_actions.add_parser("add", help="issue a kiosk's credential (printed once)")
    _db_option(add)
    add.add_argument("--site", required=True, help="the site the kiosk serves, e.g. bxl-centre")
    add.add_argument("--kiosk", help="the kiosk id (default: generated from the site)")
    add.add_argument("--expires", help="refuse the credential after this: a duration (90d, "
                                       "12h) or an ISO date (default: valid until revoked)")
    add.set_defaults(handler=device_add_command)

    admin = actions.add_parser("admin", help="admin credentials")
    admin_actions = admin.add_subparsers(dest="admin_action", metavar="ACTION", required=True)
    admin_add = admin_actions.add_parser("add", help="issue an admin credential (printed once)")
    _db_option(admin_add)
    admin_add.add_argument("--name", default="admin", help="who holds the credential (audit)")
    admin_add.add_argument("--role", choices=("operator", "viewer"), default="operator",
                           help="operator: may act and change config; viewer: reads only")
    admin_add.set_defaults(handler=admin_add_command)

    token = actions.add_parser("token", help="one-time enrolment tokens for new kiosks")
    token_actions = token.add_subparsers(dest="token_action", metavar="ACTION", required=True)
    token_create = token_actions.add_parser(
        "create", help="issue a one-time, expiring enrolment token for a site (printed once)")
    _db_option(token_create)
    token_create.add_argument(
        "--site", required=True, help="the site the token may enrol a kiosk for"
    )
    token_create.add_argument("--kiosk", default=None,
                              help="re-enrol this kiosk of the site (replaces its credential)")
    token_create.add_argument("--expires", default="24h",
                              help="validity: a number and s, m, h or d (default 24h)")
    token_create.set_defaults(handler=token_create_command)

    openapi = actions.add_parser("openapi", help="write the OpenAPI document (the contract)")
    openapi.add_argument("--out", type=Path, help="file to write (default: standard output)")
    openapi.set_defaults(handler=openapi_command)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB,
                        help=f"SQLAlchemy URL: sqlite:///PATH or postgresql://… "
                             f"(default {DEFAULT_DB})")
    parser.add_argument("--key-file", type=Path,
                        default=os.environ.get("KIOSK_BACKEND_KEY_FILE") or None,
                        help="the personal-field keys (made 0600 if missing; default: "
                             "KIOSK_BACKEND_KEY_FILE, or DB.keys beside a SQLite file; "
                             "required for PostgreSQL)")


def _database(args: argparse.Namespace) -> Any:  # Database; imported lazily
    from kiosk.backend.database import Database, field_keys_for

    return Database(args.db, keys=field_keys_for(args.db, args.key_file))


def serve_command(args: argparse.Namespace) -> int:
    import os

    from kiosk.backend.crypto_fields import FieldKeyError
    from kiosk.backend.fleet.alerting import RoutingConfigError, routing_from_env
    from kiosk.backend.serve_options import ServeOptions, settings_for
    from kiosk.backend.server import serve
    from kiosk.seal.signer import SealError

    try:
        routing = routing_from_env(os.environ)
    except RoutingConfigError as exc:
        sys.stderr.write(f"kiosk: {exc}\n")
        return 2
    _ensure_sqlite_dir(args.db)
    options = ServeOptions.from_args(args)
    try:
        settings = settings_for(options, routing)
    except (ValueError, OSError, SealError) as exc:
        sys.stderr.write(f"kiosk backend serve: {exc}\n")
        return 2
    try:
        # Workers build the same settings from the same options (serve_options.py).
        serve(settings, host=args.host, port=args.port, workers=args.workers, options=options)
    except FieldKeyError as exc:
        sys.stderr.write(f"kiosk: {exc}\n")
        return 2
    return 0


def _issue(args: argparse.Namespace, role: str, name: str, site: str | None,
           expires: str | None = None) -> int:
    from kiosk.backend import auth
    from kiosk.backend.app import prepare_database
    from kiosk.backend.settings import BackendSettings
    from kiosk.backend.tables import SiteRow

    _ensure_sqlite_dir(args.db)
    settings = BackendSettings(db_url=args.db)
    now = settings.clock()
    try:
        expires_at = auth.parse_expiry(expires, now) if expires is not None else None
    except ValueError as exc:
        sys.stderr.write(f"kiosk: --expires {exc}\n")
        return 2
    try:
        database = _database(args)
    except ValueError as exc:  # FieldKeyError
        sys.stderr.write(f"kiosk: {exc}\n")
        return 2
    try:
        prepare_database(database, settings)
        with database.write() as session:
            if site is not None and session.get(SiteRow, site) is None:
                sys.stderr.write(f"kiosk: no site {site!r} in the backend\n")
                return 2
            token = auth.issue(session, role=role, credential_id=name, site=site,
                               now=now, expires_at=expires_at)
    except auth.CredentialExistsError as exc:
        sys.stderr.write(f"kiosk: {exc}\n")
        return 2
    finally:
        database.close()
    sys.stdout.write(token + "\n")
    return 0


def device_add_command(args: argparse.Namespace) -> int:
    from kiosk.backend.auth import new_device_id

    return _issue(args, "device", args.kiosk or new_device_id(args.site), args.site,
                  args.expires)


def admin_add_command(args: argparse.Namespace) -> int:
    from kiosk.backend.auth import OPERATOR, VIEWER

    return _issue(args, VIEWER if args.role == "viewer" else OPERATOR, args.name, None)


def token_create_command(args: argparse.Namespace) -> int:
    from kiosk.backend import enrolment
    from kiosk.backend.app import prepare_database
    from kiosk.backend.settings import BackendSettings

    try:
        ttl = enrolment.parse_duration(args.expires)
    except ValueError as exc:
        sys.stderr.write(f"kiosk: --expires {exc}\n")
        return 2
    _ensure_sqlite_dir(args.db)
    settings = BackendSettings(db_url=args.db)
    try:
        database = _database(args)
    except ValueError as exc:  # FieldKeyError
        sys.stderr.write(f"kiosk: {exc}\n")
        return 2
    try:
        prepare_database(database, settings)
        with database.write() as session:
            token = enrolment.create_token(session, site=args.site, ttl=ttl,
                                           now=settings.clock(), kiosk_id=args.kiosk)
    except enrolment.EnrolmentRefusedError as exc:
        sys.stderr.write(f"kiosk: {exc.reason}\n")
        return 2
    finally:
        database.close()
    sys.stdout.write(token + "\n")
    return 0


def openapi_command(args: argparse.Namespace) -> int:
    from kiosk.backend.server import openapi_document

    text = json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _ensure_sqlite_dir(url: str) -> None:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
