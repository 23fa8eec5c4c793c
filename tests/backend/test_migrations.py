"""The backend's schema under Alembic (kiosk/backend/migrations), on SQLite and
PostgreSQL: a new database migrates to the models without drift, and a database made
by the previous release (0.1.0, ``create_all``; dumps in tests/backend/data) is stamped,
upgraded and keeps its rows."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
import requests
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text

import kiosk.backend.app  # noqa: F401  every table the running backend declares
from kiosk.backend import cases
from kiosk.backend.database import MIGRATIONS, Database
from kiosk.backend.models import metadata
from kiosk.backend.tables import Credential, EventRow, SiteRow
from kiosk.store.migrate import head_revision
from tests.backend.harness import threaded_backend

DATA = Path(__file__).parent / "data"
# What the previous release's dumps hold (see tests/backend/data/README.md).
PREVIOUS_EVENTS = 2
PREVIOUS_KIOSK = "laeken-01"
# A citizen as release 0.1.0 stored one, in clear (made up for this test: the dumps hold
# no demo citizen), added to the restored database before it is upgraded.
OLD_CITIZEN = {"national_number": "85073100199", "surname": "Vandermeulenhoek",
               "first_names": "Zephyrine", "birth_date": "1985-07-31",
               "street": "Rue des Migrations 404", "postcode": "1020",
               "municipality": "Laeken", "household_id": "hh-migration-test"}


def revision_of(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def drift(database: Database) -> list:
    with database.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), metadata)


def counts(database: Database) -> tuple[int, int]:
    """Events and sites (the harness adds an admin credential of its own)."""
    with database.read() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) for model in (EventRow, SiteRow)
        )


def credential_ids(database: Database) -> set[str]:
    with database.read() as session:
        return set(session.scalars(select(Credential.id)))


def test_a_new_database_migrates_to_the_models_without_drift(db_url):
    database = Database(db_url)
    try:
        database.create_schema()
        database.create_schema()  # a second start changes nothing
        assert revision_of(database) == head_revision(MIGRATIONS)
        assert drift(database) == []
    finally:
        database.close()


def restore_previous_release(db_url: str, pg_cluster) -> None:
    if db_url.startswith("sqlite"):
        path = db_url.removeprefix("sqlite:///")
        connection = sqlite3.connect(path)
        try:
            connection.executescript((DATA / "backend-0.1.0.sqlite.sql").read_text())
        finally:
            connection.close()
        return
    dbname = db_url.rsplit("/", 1)[1]
    subprocess.run(
        [*pg_cluster._as, str(pg_cluster.bindir / "psql"), "-q", "-v", "ON_ERROR_STOP=1",
         "-h", "127.0.0.1", "-p", str(pg_cluster.port), "-U", "postgres", "-d", dbname,
         "-f", str(DATA / "backend-0.1.0.postgresql.sql")],
        check=True, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.e2e
def test_a_database_of_the_previous_release_is_upgraded_and_keeps_its_rows(db_url, request):
    pg_cluster = request.getfixturevalue("pg_cluster") if "postgresql" in db_url else None
    restore_previous_release(db_url, pg_cluster)
    before = Database(db_url)
    try:
        with before.engine.connect() as connection:
            assert "alembic_version" not in set(
                connection.execute(text(
                    "SELECT name FROM sqlite_master" if before.is_sqlite else
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )).scalars()
            )
        assert counts(before)[0] == PREVIOUS_EVENTS
        with before.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO citizens (national_number, surname, first_names, birth_date, "
                "street, postcode, municipality, household_id) VALUES (:national_number, "
                ":surname, :first_names, :birth_date, :street, :postcode, :municipality, "
                ":household_id)"), OLD_CITIZEN)
        old, old_credentials = counts(before), credential_ids(before)
        assert PREVIOUS_KIOSK in old_credentials
    finally:
        before.close()

    with threaded_backend(db_url) as backend:  # what `kiosk backend serve` does at start
        assert revision_of(backend.database) == head_revision(MIGRATIONS)
        assert drift(backend.database) == []
        assert counts(backend.database) == old  # nothing lost, nothing seeded twice
        assert old_credentials <= credential_ids(backend.database)
        with backend.database.read() as session:
            kiosks = set(session.scalars(select(EventRow.device_id)))
        assert kiosks == {PREVIOUS_KIOSK}
        # Rows written in clear by 0.1.0 are encrypted in place, and still read back.
        with backend.database.read() as session:
            payloads = list(session.scalars(select(EventRow.payload)))
            citizen = cases.citizen(session, OLD_CITIZEN["national_number"])
        assert all(p["kiosk_id"] == PREVIOUS_KIOSK for p in payloads)
        assert citizen is not None and citizen.surname == OLD_CITIZEN["surname"]
        with backend.database.engine.connect() as connection:
            raw = [str(v) for v in connection.execute(text(
                "SELECT surname || street || birth_date || national_number FROM citizens"
            )).scalars()] + [str(v) for v in connection.execute(
                text("SELECT payload FROM events")).scalars()]
        for clear in (OLD_CITIZEN["surname"], OLD_CITIZEN["street"], "1985-07-31",
                      OLD_CITIZEN["national_number"], PREVIOUS_KIOSK):
            assert not any(clear in value for value in raw), clear
        # The upgraded backend serves: a kiosk of that site works as before.
        _, token = backend.device(site="bxl-centre")
        answer = requests.get(f"{backend.url}/api/v1/catalog", timeout=10,
                              headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 200 and answer.json()["services"]
