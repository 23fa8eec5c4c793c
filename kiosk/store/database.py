"""The SQLite database: WAL mode, migrations at open, and the one writer path."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 5000


def create_sqlite_engine(path: Path, *, immediate: bool) -> Engine:
    """An engine whose connections run WAL, FULL sync and foreign keys.

    ``synchronous=FULL`` is set for the whole database rather than per table (SQLite
    has no per-table setting): the money tables need it, and a kiosk writes little.
    With ``immediate`` (the writer engine) transactions start with ``BEGIN IMMEDIATE``
    so two processes (UI and sync) never deadlock upgrading a read lock to a write
    lock; readers use a plain ``BEGIN`` and never block anyone under WAL.
    """
    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"
    engine = create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's begin event emits BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


def upgrade_to_head(engine: Engine) -> None:
    """Apply every Alembic migration not yet applied."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    """The kiosk's local database.

    All writes go through :meth:`write`, which serialises them inside this process
    (SQLite's own lock does it across processes): one writer path, one transaction
    per citizen action.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._engine = create_sqlite_engine(path, immediate=True)
        upgrade_to_head(self._engine)
        self._reader = create_sqlite_engine(path, immediate=False)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)
        self._write_lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        return self._engine

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._write_lock, self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session:
            yield session

    def close(self) -> None:
        self._engine.dispose()
        self._reader.dispose()
