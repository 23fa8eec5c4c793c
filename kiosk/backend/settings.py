"""What the backend app is built from: passed to the factory, never read from globals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

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
    # The city's seal on issued certificates (None: issued unsealed, without a QR code),
    # and the public address its verification page (/verify/<id>) is reached at.
    sealer: Sealer | None = None
    public_url: str = "https://www.bruxelles.be"
    # Certificates the register answers at once: issued while the citizen waits at the
    # kiosk (POST /api/v1/certificate-requests/{id}/document), the others by portal/post.
    instant_services: frozenset[str] = frozenset({
        "cert-residence", "cert-household", "cert-nationality", "cert-life", "cert-birth"})
    # PEM of the roots an uploaded PDF's seal must chain to (the verification form).
    seal_roots_pem: bytes = b""
    # Where fleet alerts are mailed / posted (KIOSK_BACKEND_ALERT_* for `backend serve`).
    alert_routing: Routing = field(default_factory=Routing)

    def today(self) -> date:
        return self.clock().date()
