"""The store revision check and the rollback's step back, on a real migrated store."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from kiosk.store.database import MIGRATIONS
from kiosk.updates.schema import main, store_revision


def test_store_revision_is_read_without_migrating(tmp_path, store):
    assert store_revision(tmp_path / "absent.db") is None
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert store_revision(store.path) == head


def test_downgrade_steps_the_store_back_one_revision(store):
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_revision(script.get_current_head())
    store.close()
    assert main(["downgrade", str(store.path), head.down_revision]) == 0
    assert store_revision(store.path) == head.down_revision
