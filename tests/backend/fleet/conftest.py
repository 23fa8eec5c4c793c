"""Fleet fixtures: a SQLite backend whose clock the test moves, and a bare prepared
SQLite database for tests that drive fleet pieces without HTTP (the both-databases
``backend`` fixture comes from tests/backend/conftest.py)."""

from __future__ import annotations

import pytest

from kiosk.backend.app import prepare_database
from kiosk.backend.database import Database
from kiosk.backend.settings import BackendSettings
from tests.backend.fleet.helpers import FakeClock
from tests.backend.harness import threaded_backend


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def clocked_backend(tmp_path, clock):
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    with threaded_backend(db_url, BackendSettings(db_url=db_url, clock=clock)) as running:
        yield running


@pytest.fixture
def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'backend.db'}"
    db = Database(url)
    prepare_database(db, BackendSettings(db_url=url, seed_demo_data=False))
    yield db
    db.close()
