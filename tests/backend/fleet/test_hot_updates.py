"""On PostgreSQL a heartbeat updates its kiosk's row in place (a HOT update: no new index
entries, nothing left for vacuum in the indexes), because no index of ``fleet_kiosks``
covers a column every heartbeat changes (migration 0006)."""

from __future__ import annotations

import time

from sqlalchemy import text

from kiosk.backend.app import prepare_database
from kiosk.backend.database import Database
from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.settings import BackendSettings
from tests.backend.fleet.helpers import FakeClock, healthy

KIOSKS = 20
ROUNDS = 25


def _table_updates(db: Database) -> tuple[int, int]:
    with db.engine.connect() as connection:
        row = connection.execute(text(
            "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables "
            "WHERE relname = 'fleet_kiosks'")).one()
    return row.n_tup_upd, row.n_tup_hot_upd


def test_heartbeats_update_the_kiosk_rows_in_place(pg_cluster):
    url = pg_cluster.create_database()
    db = Database(url)
    try:
        prepare_database(db, BackendSettings(db_url=url, seed_demo_data=False))
        clock = FakeClock()
        fleet = FleetService(db, clock)
        for _ in range(ROUNDS):
            for k in range(KIOSKS):
                beat = schemas.Heartbeat.model_validate(healthy(f"hot-{k:02d}"))
                fleet.heartbeat(f"hot-{k:02d}", "laeken", beat)
            clock.advance(10)  # every heartbeat moves last_heartbeat_at and silent_after
        # A server process reports its counters when its connection ends: close them all,
        # then wait (bounded) for the counts to arrive.
        db.engine.dispose()
        expected = KIOSKS * (ROUNDS - 1)
        deadline = time.monotonic() + 20
        while (counts := _table_updates(db))[0] < expected and time.monotonic() < deadline:
            db.engine.dispose()
            time.sleep(0.1)
        updates, hot = counts
        assert updates >= expected, f"the statistics never showed the updates: {counts}"
        assert hot >= 0.9 * updates, f"only {hot} of {updates} kiosk updates were HOT"
    finally:
        db.close()
