"""The SQLite database: WAL mode, migrations at open, and the one writer path."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import migrate
from kiosk.store.crypto import (
    KEY_CHECK_AAD,
    KEY_CHECK_PLAINTEXT,
    KEY_CHECK_TABLE,
    StoreCipher,
    StoreKeyError,
    holds_encrypted_data,
    open_cipher,
)
from kiosk.store.minimise import enforce_minimisation, strict_from_environment
from kiosk.store.sqlite import configure_sqlite
from kiosk.store.types import attach_cipher

if TYPE_CHECKING:
    from kiosk.config.schema import StoreSection

MIGRATIONS = Path(__file__).parent / "migrations"


def create_sqlite_engine(path: Path, *, immediate: bool) -> Engine:
    """An engine on the SQLite file at ``path`` (see :func:`configure_sqlite`)."""
    return configure_sqlite(create_engine(f"sqlite:///{path}", future=True), immediate=immediate)


def upgrade_to_head(engine: Engine) -> None:
    """Apply every Alembic migration not yet applied."""
    with engine.begin() as connection:
        migrate.upgrade_to_head(connection, MIGRATIONS)


class Store:
    """The kiosk's local database.

    All writes go through :meth:`write`, which serialises them inside this process
    (SQLite's own lock does it across processes): one writer path, one transaction
    per citizen action.

    Request and outbox payloads hold only what their service declares: an undeclared
    field is dropped with a warning, or raises with ``strict_minimisation`` (default:
    ``KIOSK_STORE_STRICT_MINIMISATION=true`` in the environment; tests, development).

    Personal columns are encrypted with the device key at ``key_path`` (default:
    ``store.key`` beside the database; created on first open). A missing or wrong key
    raises :class:`~kiosk.store.crypto.StoreKeyError` naming the file.
    """

    def __init__(
        self, path: Path, key_path: Path | None = None, *, strict_minimisation: bool | None = None
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        cipher = open_cipher(path, key_path)
        self.key_path = cipher.key_path
        # An existing store migrated now: migrations 0009 and 0011 encrypt columns in
        # place, leaving the old clear text in free pages until the file is rebuilt.
        encrypting = path.exists() and (
            not holds_encrypted_data(path) or _schema_revision(path) != _head_revision()
        )
        self._engine = create_sqlite_engine(path, immediate=True)
        attach_cipher(self._engine, cipher)
        try:
            upgrade_to_head(self._engine)
            _check_key(self._engine, cipher)
            if encrypting:
                _drop_old_clear_text(self._engine)
        except BaseException:
            self._engine.dispose()
            raise
        self._reader = create_sqlite_engine(path, immediate=False)
        attach_cipher(self._reader, cipher)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)
        # Only the fields each service declares are stored (kiosk/domain/personal_data.py).
        if strict_minimisation is None:
            strict_minimisation = strict_from_environment()
        enforce_minimisation(self._sessions, strict=strict_minimisation)
        self._write_lock = threading.Lock()

    @classmethod
    def from_section(cls, section: StoreSection) -> Store:
        """The store ``[store]`` describes: its ``path``, ``key_path`` and
        ``strict_minimisation``."""
        return cls(
            Path(section.path),
            Path(section.key_path) if section.key_path else None,
            strict_minimisation=section.strict_minimisation or None,
        )

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


def _check_key(engine: Engine, cipher: StoreCipher) -> None:
    """Fail at open, naming the key file, when ``cipher`` is not this store's key."""
    with engine.begin() as connection:
        row = connection.exec_driver_sql(
            f"SELECT canary FROM {KEY_CHECK_TABLE} WHERE id = 1"
        ).first()
        if row is None:  # the row went missing: put it back with this key
            connection.exec_driver_sql(
                f"INSERT INTO {KEY_CHECK_TABLE} (id, canary) VALUES (1, ?)",
                (cipher.encrypt(KEY_CHECK_PLAINTEXT, KEY_CHECK_AAD),),
            )
            return
    try:
        ok = cipher.decrypt(row[0], KEY_CHECK_AAD) == KEY_CHECK_PLAINTEXT
    except StoreKeyError:
        ok = False
    if not ok:
        raise StoreKeyError(
            f"the store key {cipher.key_path} is not the key the store {engine.url.database} "
            f"was encrypted with: its personal data cannot be read (restore the right key "
            f"file, or set [store] key_path to it)"
        )


def _head_revision() -> str | None:
    return migrate.head_revision(MIGRATIONS)


def _schema_revision(path: Path) -> str | None:
    """The Alembic revision of the store at ``path`` (None: not migrated yet)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return row[0] if row else None


def _drop_old_clear_text(engine: Engine) -> None:
    """After encrypting in place, the clear text still sits in freed pages and in the
    WAL's old frames: rebuild the file and empty the WAL (once, at that first open)."""
    # The raw connection: VACUUM cannot run inside the BEGIN the engine's begin emits.
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        connection.close()
