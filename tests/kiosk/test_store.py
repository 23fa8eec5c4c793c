"""The local store: migrations from empty, WAL, and nothing half-written after a crash."""

from __future__ import annotations

import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, text
from sqlalchemy import select as sql_select

from kiosk.store.database import MIGRATIONS, Store, create_sqlite_engine
from kiosk.store.models import (
    Base,
    OutboxEvent,
    PaymentJournalEntry,
    PrintedReceipt,
    RequestRow,
    TicketCounter,
)

CHILD = Path(__file__).with_name("crash_midway.py")
HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()


def test_migrations_form_one_line_of_history():
    script = ScriptDirectory(str(MIGRATIONS))
    assert len(script.get_heads()) == 1
    assert [r.revision for r in script.walk_revisions()][-1] == "0001"


def test_an_older_database_is_upgraded_at_open_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    engine = create_sqlite_engine(path, immediate=True)
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO printed_receipts (id, kind, language, document, status, created_at)"
            " VALUES ('r1', 'queue_ticket', 'fr', '{}', 'failed', '2026-11-22 10:00:00')")
    engine.dispose()
    store = Store(path)
    try:
        with store.read() as session:
            row = session.get(PrintedReceipt, "r1")
            assert (row.status, row.attempts) == ("failed", 0)
    finally:
        store.close()


def test_migrations_build_every_table_from_an_empty_file(tmp_path):
    path = tmp_path / "fresh.db"
    assert not path.exists()
    store = Store(path)
    try:
        tables = set(inspect(store.engine).get_table_names())
        assert {"requests", "outbox", "payment_journal", "printed_receipts",
                "ticket_counters", "alembic_version"} <= tables
        with store.engine.connect() as conn:
            assert conn.execute(text("select version_num from alembic_version")).scalar() == HEAD
            # The migration and the models describe the same schema.
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        store.close()


def test_opening_twice_is_idempotent_and_keeps_data(tmp_path, store):
    with store.write() as session:
        session.add(TicketCounter(site="s", desk="d", day="2026-11-22", last_number=4))
    again = Store(store.path)
    try:
        with again.read() as session:
            assert session.get(TicketCounter, ("s", "d", "2026-11-22")).last_number == 4
    finally:
        again.close()


def test_wal_full_sync_and_foreign_keys_on_every_connection(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_failing_write_rolls_back_everything(store):
    with pytest.raises(RuntimeError), store.write() as session:
        session.add(TicketCounter(site="s", desk="d", day="2026-11-22", last_number=1))
        session.flush()
        raise RuntimeError("boom")
    with store.read() as session:
        assert session.scalar(sql_select(func.count()).select_from(TicketCounter)) == 0


def test_naive_datetimes_are_refused(store):
    from datetime import datetime

    with pytest.raises(Exception, match="naive datetime"), store.write() as session:
        session.add(PaymentJournalEntry(payment_id="p", step="intent", method="card",
                                        amount_cents=300, detail={},
                                        created_at=datetime(2026, 1, 1)))


def counts(path: Path) -> dict[str, int]:
    store = Store(path)
    try:
        with store.read() as session:
            return {
                model.__tablename__: session.scalar(sql_select(func.count()).select_from(model))
                for model in (RequestRow, OutboxEvent, PrintedReceipt, TicketCounter)
            }
    finally:
        store.close()


def run_child(db: Path, stage: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(CHILD), str(db), stage],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_line(proc: subprocess.Popen[str], expected: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            line = proc.stdout.readline()
            if line.strip() == expected:
                return
            if not line:
                break
    proc.kill()
    raise AssertionError(f"child never said {expected}: {proc.stderr.read()}")


@pytest.mark.parametrize("stage", ["request", "outbox"])
def test_killed_between_the_domain_row_and_the_outbox_leaves_nothing(tmp_path, stage):
    db = tmp_path / "kiosk.db"
    Store(db).close()
    proc = run_child(db, stage)
    try:
        wait_for_line(proc, "PAUSED", 60)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert counts(db) == {"requests": 0, "outbox": 0, "printed_receipts": 0,
                          "ticket_counters": 0}


def test_a_completed_ticket_has_its_row_its_event_and_its_receipt(tmp_path):
    db = tmp_path / "kiosk.db"
    proc = run_child(db, "none")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.strip() == "DONE"
    assert counts(db) == {"requests": 1, "outbox": 1, "printed_receipts": 1,
                          "ticket_counters": 1}
