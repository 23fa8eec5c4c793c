"""What the backend app is built from: passed to the factory, never read from globals."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography import x509

from common.eid.belgian_roots import belgian_roots
from kiosk.backend.fleet.alerting import Routing
from kiosk.domain.catalog import Catalog, demo_catalog
from kiosk.seal.signer import Sealer


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class BackendSettings:
    """The backend's knobs. ``clock`` is injectable so tests control time."""

    db_url: str = "sqlite:///kiosk-backend.db"
    catalog: Catalog = field(default_factory=demo_catalog)
    clock: Callable[[], datetime] = utc_now
    max_batch: int = 500
    # Demo data (citizens, sites, slots, cases) is loaded into an empty database.
    seed_demo_data: bool = True
    slot_days: int = 14
    # The personal-field keys (database.field_keys_for): None means beside a SQLite file.
    key_file: Path | None = None
    # Citizen and case lookups per credential per minute (lookup_guard).
    lookups_per_minute: int = 20
    # Keys the subject hash of lookup audit lines; random per process unless given.
    audit_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    # The city's seal on issued certificates (None: issued unsealed, without a QR code),
    # and the public address its verification page (/verify/<id>) is reached at.
    sealer: Sealer | None = None
    public_url: str = "https://www.bruxelles.be"
    # PEM of the roots an uploaded PDF's seal must chain to (the verification form).
    seal_roots_pem: bytes = b""
    # Where fleet alerts are mailed / posted (KIOSK_BACKEND_ALERT_* for `backend serve`).
    alert_routing: Routing = field(default_factory=Routing)
    # eID card sessions (kiosk/backend/card_sessions.py): the roots a card must chain to
    # (the real Belgian roots unless configured), the citizen CAs' CRLs, the lifetimes.
    eid_roots: tuple[x509.Certificate, ...] = field(
        default_factory=lambda: tuple(belgian_roots()))
    eid_crls: tuple[x509.CertificateRevocationList, ...] = ()
    # The citizen CA's OCSP responder (asked first; the CRL decides without an answer).
    eid_ocsp_url: str | None = None
    card_challenge_ttl_s: float = 60.0
    # Personal-data lookups need a card session. Only a demo/test backend behind the
    # in-process simulated reader (which holds no card keys) turns this off.
    require_card_session: bool = True
    card_session_ttl_s: float = 300.0

    def today(self) -> date:
        return self.clock().date()
