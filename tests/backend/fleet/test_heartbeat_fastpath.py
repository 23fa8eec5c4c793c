"""The heartbeat's cheap path: the briefly cached credential check (revocation bites
within the cache's bound, expiry at once, other routes at once) and the alert
evaluation skipped while nothing changed — still right when another backend process
wrote the kiosk meanwhile, or a sweep took it offline."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from fastapi import HTTPException
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import Engine, event, select

from kiosk.backend import auth
from kiosk.backend.database import Database
from kiosk.backend.deps import make_guards
from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.fleet.tables import AlertRow
from tests.backend.fleet.helpers import BREAKS, FakeClock, healthy


class Ticker:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _bearer(token: str) -> HTTPAuthorizationCredentials:
    return HTTPAuthorizationCredentials(scheme="Bearer", credentials=token)


def _issue(db: Database, name: str, clock: FakeClock, **extra) -> str:
    with db.write() as session:
        return auth.issue(
            session, role="device", credential_id=name, site="laeken", now=clock(), **extra
        )


def test_a_revoked_credential_stops_heartbeats_within_the_cache_bound(database):
    clock, ticker = FakeClock(), Ticker()
    guards = make_guards(database, clock, heartbeat_ttl_s=60, monotonic=ticker)
    token = _issue(database, "laeken-01", clock)
    assert guards.heartbeat(_bearer(token)).id == "laeken-01"
    with database.write() as session:
        assert auth.revoke(session, "laeken-01")
    # Every other route reads the database: refused at once.
    with pytest.raises(HTTPException) as refused:
        guards.device(_bearer(token))
    assert refused.value.status_code == 401
    # The heartbeat route trusts its check for at most the bound ...
    ticker.t += 59
    assert guards.heartbeat(_bearer(token)).id == "laeken-01"
    # ... and not a moment longer.
    ticker.t += 1
    with pytest.raises(HTTPException) as refused:
        guards.heartbeat(_bearer(token))
    assert refused.value.status_code == 401


def test_expiry_and_forget_bite_at_once_and_forgeries_are_never_cached(database):
    clock, ticker = FakeClock(), Ticker()
    guards = make_guards(database, clock, heartbeat_ttl_s=60, monotonic=ticker)
    short = _issue(database, "laeken-02", clock, expires_at=clock() + timedelta(minutes=5))
    other = _issue(database, "laeken-03", clock)
    assert guards.heartbeat(_bearer(short)).id == "laeken-02"
    assert guards.heartbeat(_bearer(other)).id == "laeken-03"
    clock.advance(300)  # past the expiry, well inside the cache bound
    with pytest.raises(HTTPException):
        guards.heartbeat(_bearer(short))
    with database.write() as session:
        auth.revoke(session, "laeken-03")
    assert guards.credentials is not None
    guards.credentials.forget("laeken-03")  # revoked in this process: no grace
    with pytest.raises(HTTPException):
        guards.heartbeat(_bearer(other))
    forged = other.rsplit(".", 1)[0] + ".forged"
    for _ in range(2):
        with pytest.raises(HTTPException):
            guards.heartbeat(_bearer(forged))


def test_device_credentials_are_checked_against_one_read_of_them_all(database):
    clock, ticker = FakeClock(), Ticker()
    tokens = [_issue(database, f"snap-{i}", clock) for i in range(3)]
    guards = make_guards(database, clock, heartbeat_ttl_s=60, monotonic=ticker)
    reads: list[str] = []

    def counted(conn, cursor, statement, *args) -> None:
        if "credentials" in statement:
            reads.append(statement)

    event.listen(Engine, "before_cursor_execute", counted)  # reader and writer
    try:
        # The first heartbeat reads every device credential; the others need no query.
        assert [guards.heartbeat(_bearer(t)).id for t in tokens] == ["snap-0", "snap-1",
                                                                     "snap-2"]
        assert len(reads) == 1
        # A credential issued since works at once (looked up by itself) ...
        late = _issue(database, "snap-late", clock)
        reads.clear()
        assert guards.heartbeat(_bearer(late)).id == "snap-late"
        assert len(reads) == 1
        # ... a forged one is refused, each time from the database.
        forged = tokens[0].rsplit(".", 1)[0] + ".forged"
        for _ in range(2):
            with pytest.raises(HTTPException):
                guards.heartbeat(_bearer(forged))
        assert len(reads) == 3
        # Revoked after the read: accepted for the bound counted from the read, not
        # from the heartbeat that first met the token in the snapshot.
        with database.write() as session:
            assert auth.revoke(session, "snap-1")
        ticker.t += 59
        assert guards.heartbeat(_bearer(tokens[1])).id == "snap-1"
        ticker.t += 1
        with pytest.raises(HTTPException) as refused:
            guards.heartbeat(_bearer(tokens[1]))
        assert refused.value.status_code == 401
        assert guards.heartbeat(_bearer(tokens[2])).id == "snap-2"  # read again, still good
    finally:
        event.remove(Engine, "before_cursor_execute", counted)


def test_an_admin_credential_is_refused_on_the_heartbeat_even_when_cached(database):
    clock = FakeClock()
    guards = make_guards(database, clock, heartbeat_ttl_s=60, monotonic=Ticker())
    with database.write() as session:
        admin = auth.issue(session, role="admin", credential_id="it-1", site=None, now=clock())
    for _ in range(2):
        with pytest.raises(HTTPException) as refused:
            guards.heartbeat(_bearer(admin))
        assert refused.value.status_code == 403


def _beat(kiosk_id: str, **change) -> schemas.Heartbeat:
    return schemas.Heartbeat.model_validate(healthy(kiosk_id, **change))


def _open_rules(db: Database, kiosk_id: str) -> list[str]:
    with db.read() as session:
        return sorted(
            session.scalars(
                select(AlertRow.rule).where(
                    AlertRow.kiosk_id == kiosk_id, AlertRow.resolved_at.is_(None)
                )
            )
        )


def test_alerts_stay_right_when_another_process_wrote_the_kiosk(database):
    clock = FakeClock()
    mine, theirs = FleetService(database, clock), FleetService(database, clock)
    paper_out = BREAKS["paper_out"]
    assert mine.heartbeat("k1", "laeken", _beat("k1", **paper_out)).open_alerts == ["paper_out"]
    clock.advance(30)
    mine.heartbeat("k1", "laeken", _beat("k1", **paper_out))  # unchanged: the cheap path
    assert _open_rules(database, "k1") == ["paper_out"]
    clock.advance(30)
    theirs.heartbeat("k1", "laeken", _beat("k1"))  # another backend: paper refilled
    assert _open_rules(database, "k1") == []
    clock.advance(30)
    # Same rules as this process last saw, but the kiosk moved on: evaluated again.
    mine.heartbeat("k1", "laeken", _beat("k1", **paper_out))
    assert _open_rules(database, "k1") == ["paper_out"]


def test_a_swept_offline_kiosk_is_back_online_on_its_next_heartbeat(database):
    clock = FakeClock()
    fleet = FleetService(database, clock)
    fleet.heartbeat("k2", "laeken", _beat("k2"))
    clock.advance(31 * 3)
    assert fleet.sweep() == 1
    assert _open_rules(database, "k2") == ["offline"]
    clock.advance(1)
    answer = fleet.heartbeat("k2", "laeken", _beat("k2"))
    assert answer.status == "online"
    assert _open_rules(database, "k2") == []


def test_the_credential_snapshot_is_read_again_ahead_of_its_bound_not_when_all_expire(
        database):
    """Cached tokens carry their snapshot's time: without a read ahead they all expired
    with it, and a worker's heartbeats queued behind one reload once a minute."""
    clock, ticker = FakeClock(), Ticker()
    guards = make_guards(database, clock, heartbeat_ttl_s=60, monotonic=ticker)
    token = _issue(database, "laeken-07", clock)
    assert guards.heartbeat(_bearer(token)).id == "laeken-07"  # snapshot read at 1000
    assert guards.credentials is not None and guards.credentials.devices is not None
    devices = guards.credentials.devices
    assert devices.loaded_at == 1000
    ticker.t += 30  # within three quarters of the bound: nothing read
    assert guards.credentials.get(token, clock()) is not None
    assert devices.loaded_at == 1000
    ticker.t += 20  # 1050: past them, a heartbeat answered from the cache reads it ahead
    assert guards.credentials.get(token, clock()) is not None
    deadline = time.monotonic() + 10
    while devices.loaded_at != 1050:
        assert time.monotonic() < deadline, "the snapshot was not read ahead"
        time.sleep(0.01)
    ticker.t += 15  # 1065: the token's cache entry (from 1000) is past the bound ...
    assert devices.fresh()  # ... the snapshot read ahead is not
    assert guards.credentials.get(token, clock()).id == "laeken-07"  # vouched in memory
    # A revocation still bites within the bound: the next read ahead no longer has it.
    with database.write() as session:
        assert auth.revoke(session, "laeken-07")
    ticker.t += 40  # 1105: past three quarters of the snapshot read at 1050
    assert guards.credentials.get(token, clock()) is not None  # its entry, until 1110
    deadline = time.monotonic() + 10
    while devices.loaded_at != 1105:
        assert time.monotonic() < deadline, "the snapshot was not read ahead again"
        time.sleep(0.01)
    ticker.t += 6  # 1111: the entry is past the bound, and the new snapshot lacks it
    assert guards.credentials.get(token, clock()) is None


def test_an_unchanged_fleet_renews_its_credential_snapshot_without_reading_it(db_url):
    """On PostgreSQL the database digests the device credentials: when the snapshot's
    bound passes and nothing changed, one digest query renews it — no row comes to the
    worker. A revoked credential or a replaced secret changes the digest, and is read
    within the bound as before. SQLite (no digest) reads the snapshot each time."""
    from kiosk.backend.app import prepare_database
    from kiosk.backend.settings import BackendSettings

    database = Database(db_url)
    prepare_database(database, BackendSettings(db_url=db_url, seed_demo_data=False))
    digests = db_url.startswith("postgresql")
    reads = {"digest": 0, "rows": 0}

    def count(_conn, _cursor, statement, *_args) -> None:
        if "sha256(" in statement:
            reads["digest"] += 1
        elif "FROM credentials" in statement and "credentials.revoked IS" in statement:
            reads["rows"] += 1

    clock, ticker = FakeClock(), Ticker()
    guards = make_guards(database, clock, heartbeat_ttl_s=60, monotonic=ticker)
    kept = _issue(database, "laeken-01", clock)
    gone = _issue(database, "laeken-02", clock)
    event.listen(Engine, "before_cursor_execute", count)
    try:
        assert guards.heartbeat(_bearer(kept)).id == "laeken-01"
        assert guards.heartbeat(_bearer(gone)).id == "laeken-02"
        assert reads == {"digest": 2 if digests else 0, "rows": 1}  # before and after
        ticker.t += 61
        assert guards.heartbeat(_bearer(kept)).id == "laeken-01"
        assert reads == ({"digest": 3, "rows": 1} if digests else {"digest": 0, "rows": 2})
        with database.write() as session:
            assert auth.revoke(session, "laeken-02")
        ticker.t += 61
        with pytest.raises(HTTPException) as refused:
            guards.heartbeat(_bearer(gone))
        assert refused.value.status_code == 401
        assert guards.heartbeat(_bearer(kept)).id == "laeken-01"
        assert reads["rows"] == (2 if digests else 3)
        # A secret replaced under the same id (a kiosk enrolled again): the old token
        # stops within the bound, the new one works.
        with database.write() as session:
            fresh = auth.reissue(session, credential_id="laeken-01", site="laeken",
                                 now=clock())
        ticker.t += 61
        with pytest.raises(HTTPException):
            guards.heartbeat(_bearer(kept))
        assert guards.heartbeat(_bearer(fresh)).id == "laeken-01"
    finally:
        event.remove(Engine, "before_cursor_execute", count)
        database.close()
