"""Fleet fixtures: a SQLite backend whose clock the test moves (the both-databases
``backend`` fixture comes from tests/backend/conftest.py)."""

from __future__ import annotations

import pytest

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
