"""The SQLite database: WAL mode, migrations at open, and the one writer path."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store.sqlite import configure_sqlite

MIGRATIONS = Path(__file__).parent / "migrations"


def create_sqlite_engine(path: Path, *, immediate: bool) -> Engine:
    """An engine on the SQLite file at ``path`` (see :func:`configure_sqlite`)."""
    return configure_sqlite(create_engine(f"sqlite:///{path}", future=True), immediate=immediate)


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
