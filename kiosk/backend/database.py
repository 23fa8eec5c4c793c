"""The backend's database: SQLite (default, WAL) or PostgreSQL, chosen by URL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.backend.tables import Base
from kiosk.store.sqlite import configure_sqlite

SQLITE_BUSY_TIMEOUT_MS = 10_000


def normalise_url(url: str) -> str:
    """``postgresql://…`` means psycopg 3 (the driver this project installs)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    in_memory = make_url(url).database in (None, "", ":memory:")
    pool = {} if in_memory else {"pool_size": 8, "max_overflow": 16}
    return configure_sqlite(create_engine(url, future=True, **pool), immediate=immediate,
                            busy_timeout_ms=SQLITE_BUSY_TIMEOUT_MS)


def add_missing_nullable_columns(connection: Connection) -> list[str]:
    """``ALTER TABLE … ADD COLUMN`` for nullable columns a model gained after its table
    was created (``create_all`` creates only missing tables). Returns what was added."""
    existing = inspect(connection)
    tables = set(existing.get_table_names())
    added: list[str] = []
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            continue
        present = {c["name"] for c in existing.get_columns(table.name)}
        for column in table.columns:
            if column.name in present or not column.nullable or column.primary_key:
                continue
            kind = column.type.compile(dialect=connection.dialect)
            connection.execute(text(
                f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}'))
            added.append(f"{table.name}.{column.name}")
    return added


class Database:
    """Sessions for the app: ``write()`` is one transaction, ``read()`` a plain session.

    On SQLite, writes in this process are also serialised by a lock so app threads
    queue here rather than spin on SQLite's busy handler.
    """

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = _sqlite_engine(self.url, immediate=True)
            self._reader = _sqlite_engine(self.url, immediate=False)
        else:
            self.engine = create_engine(self.url, future=True, pool_size=10, max_overflow=20,
                                        pool_pre_ping=True)
            self._reader = self.engine
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)
        self._write_lock: threading.Lock | None = threading.Lock() if self.is_sqlite else None

    def create_schema(self) -> None:
        """Create missing tables, and missing nullable columns of existing ones
        (idempotent)."""
        with self.write() as session:
            Base.metadata.create_all(session.connection())
            add_missing_nullable_columns(session.connection())

    @contextmanager
    def write(self) -> Iterator[Session]:
        lock = self._write_lock or nullcontext()
        with lock, self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session:
            yield session
            session.rollback()

    def close(self) -> None:
        self.engine.dispose()
        self._reader.dispose()
