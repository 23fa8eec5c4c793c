"""The backend's database: SQLite (default, WAL) or PostgreSQL, chosen by URL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store.migrate import stamp, upgrade_to_head
from kiosk.store.sqlite import configure_sqlite

SQLITE_BUSY_TIMEOUT_MS = 10_000
MIGRATIONS = Path(__file__).parent / "migrations"
BASELINE_REVISION = "0001"  # the schema release 0.1.0 made with create_all


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
        """Bring the schema to the newest migration (idempotent), on SQLite and
        PostgreSQL alike.

        A database made by release 0.1.0 (``create_all``, no ``alembic_version``) has
        the baseline revision's schema (that release completed it at every start): it
        is stamped with that revision, then upgraded like any other."""
        with self.write() as session:
            connection = session.connection()
            tables = set(inspect(connection).get_table_names())
            if tables and "alembic_version" not in tables:
                stamp(connection, MIGRATIONS, BASELINE_REVISION)
            upgrade_to_head(connection, MIGRATIONS)

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
