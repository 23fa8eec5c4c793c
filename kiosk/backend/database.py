"""The backend's database: SQLite (default, WAL) or PostgreSQL, chosen by URL."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.backend.crypto_fields import (
    FieldKeyError,
    FieldKeys,
    bind_keys,
    load_or_create_key_file,
)
from kiosk.store.migrate import stamp, upgrade_to_head
from kiosk.store.sqlite import configure_sqlite

SQLITE_BUSY_TIMEOUT_MS = 10_000
MIGRATIONS = Path(__file__).parent / "migrations"
BASELINE_REVISION = "0001"  # the schema release 0.1.0 made with create_all
# The tables release 0.1.0 made: an unversioned database must have them all to be stamped.
BASELINE_TABLES = frozenset({
    "bookings", "case_history", "cases", "certificate_requests", "citizens", "credentials",
    "documents", "enrolment_tokens", "events", "fleet_alerts", "fleet_heartbeats",
    "fleet_kiosks", "fleet_remote_config", "payments", "queue_tickets", "sites", "slots",
    "update_bundle_chunks", "update_bundles", "update_kiosk_states", "update_rollouts",
})


class SchemaError(RuntimeError):
    """The database cannot be brought to this release's schema (the reason says why)."""


def normalise_url(url: str) -> str:
    """``postgresql://…`` means psycopg 3 (the driver this project installs)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for PostgreSQL or in memory."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def field_keys_for(url: str, key_file: Path | None) -> FieldKeys:
    """The personal-field keys of the database at ``url``: ``key_file`` if given (made,
    0600, if missing); else, for a SQLite file, ``<file>.keys`` beside it; in memory,
    new keys. PostgreSQL needs a key file: keys kept in the database would protect
    nothing from whoever reads a dump of it."""
    if key_file is not None:
        return load_or_create_key_file(key_file)
    database_file = sqlite_file(normalise_url(url))
    if database_file is not None:
        return load_or_create_key_file(Path(f"{database_file}.keys"))
    if normalise_url(url).startswith("sqlite"):
        return FieldKeys.generate()
    raise FieldKeyError("PostgreSQL: personal fields are encrypted with keys kept outside "
                        "the database; give --key-file PATH (or KIOSK_BACKEND_KEY_FILE)")


def _private_file(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would follow the umask,
    0644 usually); SQLite gives its -wal and -shm files the same mode. An existing file
    is only chmod-ed: opening and closing it here would drop the POSIX locks SQLite
    holds on it in this process (and corrupt it)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)


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

    def __init__(self, url: str, keys: FieldKeys | None = None) -> None:
        """``keys`` encrypt the personal columns (crypto_fields); None: the key file
        beside a SQLite file, else keys made for this object only (tests, and tools that
        never read personal data back)."""
        self.url = normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if keys is None:
            keys = (field_keys_for(self.url, None) if sqlite_file(self.url) is not None
                    else FieldKeys.generate())
        self.keys = keys
        database_file = sqlite_file(self.url)
        if database_file is not None:
            _private_file(database_file)
        if self.is_sqlite:
            self.engine = _sqlite_engine(self.url, immediate=True)
            self._reader = _sqlite_engine(self.url, immediate=False)
        else:
            self.engine = create_engine(self.url, future=True, pool_size=10, max_overflow=20,
                                        pool_pre_ping=True)
            self._reader = self.engine
        for engine in {self.engine, self._reader}:
            bind_keys(engine.dialect, self.keys)
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
                missing = sorted(BASELINE_TABLES - tables)
                if missing:  # older than 0.1.0's schema, or not this backend's at all
                    raise SchemaError(
                        f"{make_url(self.url).render_as_string(hide_password=True)}: not a "
                        f"database of release 0.1.0 or later (no table {', '.join(missing)}); "
                        "not upgraded")
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
