"""What `kiosk backend serve` was told on its command line, as one value that also
reaches uvicorn's worker processes (``--workers N``): they are started fresh and build
their app from the environment, so the parent hands them these options as JSON — file
paths and URLs, never key material — and each worker builds the same settings from
them with the same code as a single-process backend (:func:`settings_for`)."""

from __future__ import annotations

import argparse
import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.backend.fleet.alerting import Routing
from kiosk.backend.settings import BackendSettings

# The environment variable the parent sets for its workers.
WORKER_OPTIONS = "KIOSK_BACKEND_WORKER_OPTIONS"
_PATHS = ("key_file", "seal_key", "seal_cert", "seal_roots", "seal_demo_pki", "eid_roots",
          "eid_crl")


@dataclass(frozen=True)
class ServeOptions:
    """The command line's settings for the backend (paths are read when settings are
    built, so a worker reads the same files the parent checked)."""

    db_url: str
    key_file: Path | None = None
    seed_demo_data: bool = True
    public_url: str = "https://www.bruxelles.be"
    seal_key: Path | None = None
    seal_cert: Path | None = None
    seal_chain: tuple[Path, ...] = ()
    seal_roots: Path | None = None
    seal_demo_pki: Path | None = None
    tsa_url: str | None = None
    eid_roots: Path | None = None
    eid_crl: Path | None = None
    eid_ocsp: str | None = None  # the citizen CA's OCSP responder (asked before the CRL)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> ServeOptions:
        def path(value: Any) -> Path | None:
            return Path(value) if value else None

        return cls(db_url=args.db, key_file=args.key_file,
                   seed_demo_data=not args.no_demo_data, public_url=args.public_url,
                   seal_key=args.seal_key, seal_cert=args.seal_cert,
                   seal_chain=tuple(args.seal_chain), seal_roots=args.seal_roots,
                   seal_demo_pki=args.seal_demo_pki, tsa_url=args.tsa_url,
                   eid_roots=path(args.eid_roots), eid_crl=path(args.eid_crl),
                   eid_ocsp=args.eid_ocsp or None)

    def to_json(self) -> str:
        values = dataclasses.asdict(self)
        for name in _PATHS:
            values[name] = str(values[name]) if values[name] is not None else None
        values["seal_chain"] = [str(p) for p in self.seal_chain]
        return json.dumps(values)

    @classmethod
    def from_json(cls, text: str) -> ServeOptions:
        """The parent's options; ValueError naming the variable when unreadable."""
        try:
            values = json.loads(text)
            for name in _PATHS:
                values[name] = Path(values[name]) if values.get(name) else None
            values["seal_chain"] = tuple(Path(p) for p in values.get("seal_chain") or ())
            return cls(**values)
        except (TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"{WORKER_OPTIONS}: not the options of `kiosk backend serve` "
                             f"({exc})") from None


def settings_for(options: ServeOptions, routing: Routing) -> BackendSettings:
    """The backend's settings; ValueError, OSError or SealError name a bad option."""
    sealer, roots = _seal(options)
    settings = BackendSettings(db_url=options.db_url, seed_demo_data=options.seed_demo_data,
                               sealer=sealer, seal_roots_pem=roots,
                               public_url=options.public_url, alert_routing=routing,
                               key_file=options.key_file, eid_ocsp_url=options.eid_ocsp)
    return with_eid_trust(settings, options.eid_roots, options.eid_crl)


def _seal(options: ServeOptions) -> tuple[Any, bytes]:
    """The sealer and the verification roots (none given: unsealed)."""
    from kiosk.seal import pki
    from kiosk.seal.signer import SealConfig, Sealer

    if options.seal_demo_pki is not None:
        demo = pki.load_or_generate(options.seal_demo_pki)
        key, cert, roots_file = demo.seal_key, demo.seal_cert, demo.root_cert
    elif options.seal_key or options.seal_cert:
        if not (options.seal_key and options.seal_cert):
            raise ValueError("--seal-key and --seal-cert go together")
        key, cert, roots_file = options.seal_key, options.seal_cert, options.seal_roots
    else:
        return None, b""
    sealer = Sealer.from_config(SealConfig(key, cert, options.seal_chain, options.tsa_url))
    return sealer, roots_file.read_bytes() if roots_file is not None else b""


def with_eid_trust(settings: BackendSettings, roots: Path | str | None,
                   crl: Path | str | None) -> BackendSettings:
    """``settings`` with the eID roots and CRLs from files (errors name the file)."""
    from common.eid.trust import TrustError, load_certificates, load_crls

    changes: dict[str, Any] = {}
    try:
        if roots:
            changes["eid_roots"] = tuple(load_certificates(Path(roots).read_bytes(), str(roots)))
        if crl:
            changes["eid_crls"] = tuple(load_crls(Path(crl).read_bytes(), str(crl)))
    except TrustError as exc:
        raise ValueError(str(exc)) from None
    return dataclasses.replace(settings, **changes) if changes else settings
