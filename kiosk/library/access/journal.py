"""The Open+ journal: entries and refusals (never a name or card number), building
switches, alerts, and the offline allow-list of hashed patron tokens.

Its own small SQLite file (``[library.access] journal_path``): the door service runs on
the door's machine, and the sync process reads the file for the heartbeat. Every write
is its own committed transaction (WAL, synchronous FULL).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, result TEXT NOT NULL, reason TEXT NOT NULL,
    mode TEXT NOT NULL, via TEXT NOT NULL, patron_key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS switches (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, mode TEXT NOT NULL, action TEXT NOT NULL,
    ok INTEGER NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL,
    cleared_at TEXT);
CREATE TABLE IF NOT EXISTS allow_list (
    patron_key TEXT PRIMARY KEY, confirmed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class EntryRow:
    at: datetime
    result: str
    reason: str
    mode: str
    via: str
    patron_key: str  # keyed hash (kiosk/library/eid.card_key): groups, never identifies


@dataclass(frozen=True)
class SwitchRow:
    at: datetime
    mode: str
    action: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class AlertRow:
    at: datetime
    kind: str
    detail: str
    cleared_at: datetime | None


class AccessJournal:
    """One connection, calls serialised (the door and schedule threads share it)."""

    def __init__(self, path: Path, now: Callable[[], datetime] = lambda: datetime.now(UTC)):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._now = now
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(sql, args)

    def _read(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # --- entries ----------------------------------------------------------------------

    def log_entry(self, result: str, reason: str, mode: str, via: str, patron_key: str) -> None:
        self._write(
            "INSERT INTO entries (at, result, reason, mode, via, patron_key) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (self._now().isoformat(), result, reason, mode, via, patron_key),
        )

    def entries(self, limit: int = 100) -> list[EntryRow]:
        rows = self._read(
            "SELECT at, result, reason, mode, via, patron_key FROM entries "
            "ORDER BY id DESC LIMIT ?", (limit,))
        return [EntryRow(datetime.fromisoformat(r[0]), *r[1:]) for r in rows]

    def prune_entries(self, max_age: timedelta) -> int:
        """Entries older than ``max_age`` deleted (the privacy retention)."""
        cutoff = (self._now() - max_age).isoformat()
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            return self._db.execute("DELETE FROM entries WHERE at < ?", (cutoff,)).rowcount

    # --- allow-list -------------------------------------------------------------------

    def confirm(self, patron_key: str) -> None:
        """The library system just said this patron may enter."""
        now = self._now().isoformat()
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(
                "INSERT INTO allow_list (patron_key, confirmed_at) VALUES (?, ?) "
                "ON CONFLICT(patron_key) DO UPDATE SET confirmed_at = excluded.confirmed_at",
                (patron_key, now))
            self._db.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('refreshed_at', ?)", (now,))

    def withdraw(self, patron_key: str) -> None:
        """The library system just refused this patron: off the list at once."""
        now = self._now().isoformat()
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM allow_list WHERE patron_key = ?", (patron_key,))
            self._db.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('refreshed_at', ?)", (now,))

    def replace_allow_list(self, patron_keys: list[str]) -> int:
        """The library system's own export (keyed hashes of the patrons who may enter)
        replaces the list, all confirmed now; returns its size."""
        now = self._now().isoformat()
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM allow_list")
            self._db.executemany("INSERT OR REPLACE INTO allow_list VALUES (?, ?)",
                                 [(key, now) for key in patron_keys])
            self._db.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('refreshed_at', ?)", (now,))
        return self.allow_list_size()

    def allowed_offline(self, patron_key: str, max_age: timedelta) -> bool:
        rows = self._read("SELECT confirmed_at FROM allow_list WHERE patron_key = ?",
                          (patron_key,))
        return bool(rows) and self._now() - datetime.fromisoformat(rows[0][0]) <= max_age

    def allow_list_size(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM allow_list")[0][0])

    def allow_list_age(self) -> timedelta | None:
        """Since the library system last answered an entry (None: never)."""
        rows = self._read("SELECT value FROM meta WHERE name = 'refreshed_at'")
        return self._now() - datetime.fromisoformat(rows[0][0]) if rows else None

    def prune_allow_list(self, max_age: timedelta) -> int:
        cutoff = (self._now() - max_age).isoformat()
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            return self._db.execute(
                "DELETE FROM allow_list WHERE confirmed_at < ?", (cutoff,)).rowcount

    # --- schedule switches and alerts -------------------------------------------------

    def log_switch(self, mode: str, action: str, ok: bool, detail: str = "") -> None:
        self._write(
            "INSERT INTO switches (at, mode, action, ok, detail) VALUES (?, ?, ?, ?, ?)",
            (self._now().isoformat(), mode, action, int(ok), detail))

    def switches(self, limit: int = 100) -> list[SwitchRow]:
        rows = self._read("SELECT at, mode, action, ok, detail FROM switches "
                          "ORDER BY id DESC LIMIT ?", (limit,))
        return [SwitchRow(datetime.fromisoformat(r[0]), r[1], r[2], bool(r[3]), r[4])
                for r in rows]

    def raise_alert(self, kind: str, detail: str) -> bool:
        """Open an alert of ``kind`` unless one is open; True when it is new."""
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            if self._db.execute("SELECT 1 FROM alerts WHERE kind = ? AND cleared_at IS NULL",
                                (kind,)).fetchone():
                return False
            self._db.execute("INSERT INTO alerts (at, kind, detail) VALUES (?, ?, ?)",
                             (self._now().isoformat(), kind, detail))
            return True

    def clear_alert(self, kind: str) -> None:
        self._write("UPDATE alerts SET cleared_at = ? WHERE kind = ? AND cleared_at IS NULL",
                    (self._now().isoformat(), kind))

    def open_alerts(self) -> list[AlertRow]:
        rows = self._read("SELECT at, kind, detail FROM alerts WHERE cleared_at IS NULL "
                          "ORDER BY id")
        return [AlertRow(datetime.fromisoformat(r[0]), r[1], r[2], None) for r in rows]

    def heartbeat_section(self, recent: int = 20) -> dict[str, Any]:
        """What the fleet view shows of Open+: the switches (the last ``recent``: a beat
        every 30 s carries each of them), open alerts, the allow-list's age."""
        switches = [{"at": w.at.isoformat(), "mode": w.mode, "action": w.action, "ok": w.ok}
                    for w in self.switches(limit=recent)]
        age = self.allow_list_age()
        return {
            "last_switch": switches[0] if switches else None,
            "switches": switches,
            "alerts": [{"kind": a.kind, "since": a.at.isoformat(), "detail": a.detail}
                       for a in self.open_alerts()],
            "allow_list": {"size": self.allow_list_size(),
                           "age_s": None if age is None else int(age.total_seconds())},
        }
