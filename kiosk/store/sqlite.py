"""How every SQLite engine of the project behaves (the kiosk's store and the embedded
backend alike): WAL, FULL sync, foreign keys, a busy timeout, explicit BEGIN."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

BUSY_TIMEOUT_MS = 5000


def configure_sqlite(engine: Engine, *, immediate: bool,
                     busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """Set the pragmas on every new connection and choose how transactions begin.

    ``synchronous=FULL`` is set for the whole database rather than per table (SQLite
    has no per-table setting): the money tables need it, and a kiosk writes little.
    With ``immediate`` (writers) transactions start with ``BEGIN IMMEDIATE``, so two
    processes never deadlock upgrading a read lock to a write lock; readers use a
    plain ``BEGIN`` and never block anyone under WAL.
    """
    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's begin event emits BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine
