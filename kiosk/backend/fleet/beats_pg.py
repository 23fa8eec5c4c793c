"""A heartbeat group's reads and writes on PostgreSQL, sent as plain SQL through the
driver (psycopg) inside the group's transaction.

Measured on the fleet bench (bench/fleet.py, 10,000 kiosks): through SQLAlchemy, a
group cost about 3 ms of the backend's CPU whatever its size — each statement built,
compiled, its IN list expanded, its rows made objects, a connection ping and the
commit — a third of what 1,000 heartbeats a second may cost on 2 cores. Here the group
is two round trips: one SELECT (the kiosks, locked in kiosk-id order, with their open
alerts) and one pipeline of array-parameter statements (new kiosks, the others' latest
heartbeat, the alerts that only stay open, the history). Same rows written as the
SQLAlchemy path (beats.py) that SQLite keeps; tests/backend/fleet/test_group_writes.py
compares the two.

Locking: the SELECT locks the group's kiosk rows in kiosk-id order (``ORDER BY ... FOR
UPDATE``), so two backend processes writing overlapping groups wait for each other
instead of deadlocking, as the ordered executemany of beats.py does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from kiosk.backend.fleet.beats import Beat

_READ = """
SELECT k.kiosk_id, k.offline,
       CASE WHEN k.kiosk_id = ANY(%(with_state)b) THEN k.state END,
       a.id, a.rule
FROM fleet_kiosks k
LEFT JOIN fleet_alerts a ON a.kiosk_id = k.kiosk_id AND a.resolved_at IS NULL
WHERE k.kiosk_id = ANY(%(ids)b)
ORDER BY k.kiosk_id, a.id
FOR UPDATE OF k
"""

_INSERT_KIOSKS = """
INSERT INTO fleet_kiosks (kiosk_id, site, first_seen_at, last_heartbeat_at, silent_after,
                          interval_s, offline, software_version, config_version, state,
                          heartbeats)
SELECT v.kiosk_id, v.site, v.at, v.at, v.silent_after, v.interval_s, false, v.software,
       v.config, v.state::json, v.count
FROM unnest(%(ids)b::varchar[], %(sites)b::varchar[], %(at)b::timestamptz[],
            %(silent_after)b::timestamptz[], %(intervals)b::float8[], %(software)b::varchar[],
            %(config)b::varchar[], %(states)b::text[], %(counts)b::bigint[])
     AS v(kiosk_id, site, at, silent_after, interval_s, software, config, state, count)
ORDER BY v.kiosk_id
ON CONFLICT (kiosk_id) DO NOTHING
"""

_UPDATE_KIOSKS = """
UPDATE fleet_kiosks AS k
SET site = v.site, last_heartbeat_at = v.at, silent_after = v.silent_after,
    interval_s = v.interval_s, offline = false, software_version = v.software,
    config_version = v.config, state = v.state::json, heartbeats = k.heartbeats + v.count
FROM unnest(%(ids)b::varchar[], %(sites)b::varchar[], %(at)b::timestamptz[],
            %(silent_after)b::timestamptz[], %(intervals)b::float8[], %(software)b::varchar[],
            %(config)b::varchar[], %(states)b::text[], %(counts)b::bigint[])
     AS v(kiosk_id, site, at, silent_after, interval_s, software, config, state, count)
WHERE k.kiosk_id = v.kiosk_id
"""

_TOUCH_ALERTS = """
UPDATE fleet_alerts SET last_seen_at = %(now)s
WHERE kiosk_id = ANY(%(ids)b) AND resolved_at IS NULL
"""

_INSERT_HISTORY = """
INSERT INTO fleet_heartbeats (kiosk_id, received_at, status, body)
SELECT v.kiosk_id, v.received_at, v.status, v.body::json
FROM unnest(%(ids)b::varchar[], %(at)b::timestamptz[], %(statuses)b::varchar[],
            %(bodies)b::text[]) AS v(kiosk_id, received_at, status, body)
"""


@dataclass
class Stored:
    """What the group read of its kiosks."""

    offline: dict[str, bool]  # kiosk → offline (kiosks never seen are absent)
    states: dict[str, dict[str, Any]]  # kiosk → stored state (those asked for only)
    open_rules: dict[str, list[tuple[int, str]]]  # kiosk → (alert id, rule), oldest first


@contextmanager
def _as_sqlalchemy_errors(statement: str) -> Iterator[None]:
    """The driver's errors as SQLAlchemy raises them (a lost or locked database is an
    ``OperationalError``: the heartbeat is answered 503, retry later, as on every other
    path), not as a bare psycopg error the app's handlers do not know."""
    try:
        yield
    except psycopg.Error as exc:
        raise DBAPIError.instance(statement, None, exc, psycopg.Error) from exc


def _cursor(session: Session) -> Any:
    return session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]


def read(session: Session, ids: set[str], with_state: set[str]) -> Stored:
    """The group's kiosks (locked), their open alerts and the states asked for."""
    stored = Stored({}, {}, {})
    with _as_sqlalchemy_errors(_READ), _cursor(session) as cursor:
        cursor.execute(_READ, {"ids": sorted(ids), "with_state": sorted(with_state)})
        for kiosk_id, offline, state, alert_id, rule in cursor:
            stored.offline[kiosk_id] = bool(offline)
            if kiosk_id in with_state:
                stored.states[kiosk_id] = state or {}
            if alert_id is not None:
                stored.open_rules.setdefault(kiosk_id, []).append((alert_id, rule))
    return stored


def write(session: Session, beats: list[Beat], touched: set[str], now: datetime) -> None:
    """Each kiosk's latest heartbeat and count (new kiosks inserted), "last seen" of the
    ``touched`` kiosks' open alerts, and the history rows due — one pipeline."""
    latest: dict[str, Beat] = {}
    counts: dict[str, int] = {}
    for beat in beats:
        latest[beat.kiosk_id] = beat
        counts[beat.kiosk_id] = counts.get(beat.kiosk_id, 0) + 1
    statements: list[tuple[str, dict[str, Any]]] = []
    for new, statement in ((True, _INSERT_KIOSKS), (False, _UPDATE_KIOSKS)):
        ids = sorted(k for k, b in latest.items() if b.new is new)
        if ids:
            rows = [latest[k] for k in ids]
            statements.append((statement, {
                "ids": ids, "sites": [b.site for b in rows], "at": [b.now for b in rows],
                "silent_after": [b.silent_after for b in rows],
                "intervals": [float(b.interval_s) for b in rows],
                "software": [b.software_version for b in rows],
                "config": [b.config_version for b in rows],
                "states": [json.dumps(b.body) for b in rows],
                "counts": [counts[k] for k in ids]}))
    if touched:
        statements.append((_TOUCH_ALERTS, {"ids": sorted(touched), "now": now}))
    history = [b for b in beats if b.history]
    if history:
        statements.append((_INSERT_HISTORY, {
            "ids": [b.kiosk_id for b in history], "at": [b.now for b in history],
            "statuses": [b.status for b in history],
            "bodies": [json.dumps(b.body) for b in history]}))
    if not statements:
        return
    session.flush()  # the group's alert rows first, as the ORM path's autoflush does
    connection = session.connection().connection.driver_connection
    with (_as_sqlalchemy_errors("; ".join(s for s, _ in statements)),
          connection.pipeline(), connection.cursor() as cursor):  # type: ignore[union-attr]
        for statement, params in statements:
            cursor.execute(statement, params)
