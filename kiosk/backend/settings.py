"""What the backend app is built from: passed to the factory, never read from globals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from kiosk.backend.fleet.alerting import Routing
from kiosk.domain.catalog import Catalog, demo_catalog


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
    # Where fleet alerts are mailed / posted (KIOSK_BACKEND_ALERT_* for `backend serve`).
    alert_routing: Routing = field(default_factory=Routing)

    def today(self) -> date:
        return self.clock().date()
