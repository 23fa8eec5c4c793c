"""The store schema a release runs on, checked before the switch (see README: updates).

Migrations run forward when the new release opens the store, and are written
expand-only (add tables/columns, never drop or rename in the same release), so the
previous release still runs on the migrated data. A release whose manifest does not list
the store's current revision cannot run on it and is refused before the switch. On a
rollback past a migration the failed release's own code steps the revision back
(``python -m kiosk.updates.schema downgrade DB REV``), since the older release does not
know the newer revision.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from kiosk.updates.bundle import Manifest
from kiosk.updates.errors import UpdateError


def store_revision(db: Path | None) -> str | None:
    """The store's Alembic revision (read-only; None: no store or never migrated)."""
    if db is None or not db.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None


def check_runs_on(manifest: Manifest, revision: str | None) -> None:
    if revision is None or not manifest.store_revisions:
        return
    if revision not in manifest.store_revisions:
        raise UpdateError(
            f"store schema: the database is at revision {revision}, release "
            f"{manifest.version} runs on {manifest.store_schema_min}..{manifest.store_schema_max}"
        )


def main(argv: list[str]) -> int:
    """``downgrade DB REVISION``: run by a release's own interpreter on a rollback."""
    if len(argv) != 3 or argv[0] != "downgrade":
        sys.stderr.write("usage: python -m kiosk.updates.schema downgrade DB REVISION\n")
        return 2
    from alembic import command
    from alembic.config import Config

    from kiosk.store.database import MIGRATIONS, create_sqlite_engine

    engine = create_sqlite_engine(Path(argv[1]), immediate=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, argv[2])
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
