"""A heartbeat group writes the same rows on PostgreSQL (plain SQL through the driver,
fleet/beats_pg.py) as on SQLite (SQLAlchemy, fleet/beats.py): kiosks new and known, a
kiosk twice in one group, alerts opened, kept, resolved, a kiosk back from offline, the
update state handed to the rollouts, the history."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from kiosk.backend.app import prepare_database
from kiosk.backend.database import Database
from kiosk.backend.fleet import beats_pg
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.fleet.tables import AlertRow, FleetKioskRow, HeartbeatRow
from kiosk.backend.settings import BackendSettings
from tests.backend.fleet.helpers import BREAKS, FakeClock
from tests.backend.fleet.test_heartbeat_fastpath import _beat

# Groups of (kiosk, breaks), each committed as one group; None: 200 s pass and a sweep
# takes every kiosk offline.
SCRIPT: list[list[tuple[str, tuple[str, ...]]] | None] = [
    [("w1", ()), ("w2", ("paper_out",)), ("w3", ("update_failed",))],
    [("w1", ("paper_out",)), ("w2", ("paper_out",)), ("w2", ()), ("w3", ("update_failed",))],
    [("w2", ("cash_jammed",)), ("w3", ("update_failed",)), ("w2", ("cash_jammed",))],
    None,
    [("w1", ()), ("w2", ("cash_jammed", "disk_low")), ("w4", ("reader_missing",))],
    [("w4", ("reader_missing",)), ("w1", ())],
]


def _body(kiosk_id: str, breaks: tuple[str, ...], clock: FakeClock) -> Any:
    change: dict[str, Any] = {"sent_at": clock().isoformat(), "uptime_s": 10.0}
    for name in breaks:
        for key, value in BREAKS[name].items():
            change[key] = {**change.get(key, {}), **value} if isinstance(value, dict) else value
    return _beat(kiosk_id, **change)


def _run(db: Database) -> tuple[list[Any], dict[str, list[Any]]]:
    clock = FakeClock()
    fleet = FleetService(db, clock, wall_clock=clock)
    answers: list[Any] = []
    for group in SCRIPT:
        clock.advance(10)
        if group is None:
            clock.advance(200)
            fleet.sweep()
            continue
        items = [fleet._prepare(k, "laeken", _body(k, breaks, clock))[0] for k, breaks in group]
        fleet._commit_beats(items)
        answers.append([(i.kiosk_id, i.new, sorted((c.kind, c.rule) for c in i.changes),
                         (i.previous_state or {}).get("update")) for i in items])
    with db.read() as session:
        tables = {
            "kiosks": [
                (r.kiosk_id, r.site, r.first_seen_at, r.last_heartbeat_at, r.silent_after,
                 r.interval_s, r.offline, r.software_version, r.config_version, r.state,
                 r.heartbeats)
                for r in session.scalars(select(FleetKioskRow).order_by(FleetKioskRow.kiosk_id))],
            "alerts": [
                (r.kiosk_id, r.rule, r.severity, r.detail, r.opened_at, r.last_seen_at,
                 r.resolved_at)
                for r in session.scalars(select(AlertRow).order_by(AlertRow.id))],
            "history": [
                (r.kiosk_id, r.received_at, r.status, r.body)
                for r in session.scalars(select(HeartbeatRow).order_by(HeartbeatRow.id))],
        }
    return answers, tables


@pytest.fixture(scope="module")
def both(tmp_path_factory, pg_cluster) -> dict[str, tuple[list[Any], dict[str, list[Any]]]]:
    urls = {"sqlite": f"sqlite:///{tmp_path_factory.mktemp('writes') / 'backend.db'}",
            "postgresql": pg_cluster.create_database()}
    runs = {}
    for name, url in urls.items():
        db = Database(url)
        try:
            prepare_database(db, BackendSettings(db_url=url, seed_demo_data=False))
            runs[name] = _run(db)
        finally:
            db.close()
    return runs


def test_postgresql_and_sqlite_write_the_same_rows_and_answers(both):
    assert both["postgresql"] == both["sqlite"]


def test_the_script_exercised_what_it_claims(both):
    answers, tables = both["postgresql"]
    # A kiosk twice in one group: paper_out kept, then resolved by the same group.
    assert answers[1][1:3] == [("w2", False, [], None),
                               ("w2", False, [("resolved", "paper_out")], None)]
    assert answers[1][0] == ("w1", False, [("opened", "paper_out")], None)
    # The rollouts hear the stored update state of the kiosk's previous heartbeat.
    assert answers[1][3][3]["state"] == "failed"
    # Back from offline: the offline alert resolved; a new kiosk inserted.
    assert ("resolved", "offline") in answers[3][0][2] and answers[3][2][1] is True
    kiosks = {row[0]: row for row in tables["kiosks"]}
    assert kiosks["w2"][-1] == 6 and kiosks["w4"][-1] == 2  # counted, twice in a group too
    assert not any(row[6] for row in tables["kiosks"] if row[0] != "w3")
    assert kiosks["w3"][6] is True  # swept offline, not heard from since
    still_open = sorted((r[0], r[1]) for r in tables["alerts"] if r[6] is None)
    assert still_open == [("w2", "cash_jammed"), ("w2", "disk_low"), ("w3", "offline"),
                          ("w3", "update_failed"), ("w4", "reader_missing")]
    kept = next(r for r in tables["alerts"] if r[:2] == ("w4", "reader_missing"))
    assert kept[5] > kept[4]  # "last seen" moved while it stayed open
    assert len(tables["history"]) >= 8


def test_a_driver_error_on_postgresql_is_sqlalchemys_operational_error(pg_cluster):
    """The fast path answers 503 (retry later) to SQLAlchemy's OperationalError; the
    plain SQL path raises that too, not a bare psycopg error (here: a lock not had)."""
    url = pg_cluster.create_database()
    db = Database(url)
    try:
        prepare_database(db, BackendSettings(db_url=url, seed_demo_data=False))
        clock = FakeClock()
        FleetService(db, clock).heartbeat("w9", "laeken", _body("w9", (), clock))
        with db.write() as holder:
            holder.execute(text("SELECT 1 FROM fleet_kiosks WHERE kiosk_id = 'w9' FOR UPDATE"))
            with db.write() as session:
                session.execute(text("SET LOCAL lock_timeout = '200ms'"))
                with pytest.raises(OperationalError, match="lock"):
                    beats_pg.read(session, {"w9"}, set())
    finally:
        db.close()
