"""What the backend app is built from: passed to the factory, never read from globals."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

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
    # The personal-field keys (database.field_keys_for): None means beside a SQLite file.
    key_file: Path | None = None
    # Citizen and case lookups per credential per minute (lookup_guard).
    lookups_per_minute: int = 20
    # Keys the subject hash of lookup audit lines; random per process unless given.
    audit_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    def today(self) -> date:
        return self.clock().date()
