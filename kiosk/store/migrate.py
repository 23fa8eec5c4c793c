"""Alembic run on a connection we hand over: the kiosk's store and the backend each
have their own migrations folder (``script_location``) and metadata, one way to run them.

Each migrations folder's ``env.py`` takes the connection from
``config.attributes["connection"]``; nothing reads an alembic.ini.
"""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

# Alembic's ``context`` and ``op`` are process-wide proxies: two migrations running at
# once on two threads (the demo starts two backends while the kiosk opens its store)
# would run each other's operations. One at a time in a process.
_ALEMBIC_IN_USE = threading.Lock()


def alembic_config(script_location: Path, connection: Connection | None = None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(script_location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(connection: Connection, script_location: Path) -> None:
    """Apply every migration of ``script_location`` not yet applied on ``connection``."""
    with _ALEMBIC_IN_USE:
        command.upgrade(alembic_config(script_location, connection), "head")


def stamp(connection: Connection, script_location: Path, revision: str) -> None:
    """Record ``revision`` as applied without running it (a database made before the
    migrations existed, whose schema is that revision's)."""
    with _ALEMBIC_IN_USE:
        command.stamp(alembic_config(script_location, connection), revision)


def head_revision(script_location: Path) -> str | None:
    return ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
