"""Sync fixtures: a kiosk store, a backend on a thread (SQLite file), a kiosk credential."""

from __future__ import annotations

import pytest

from tests.backend.harness import threaded_backend


@pytest.fixture
def backend_db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'backend.db'}"


@pytest.fixture
def backend(backend_db):
    with threaded_backend(backend_db) as running:
        yield running


@pytest.fixture
def kiosk(backend) -> tuple[str, str]:
    """(kiosk id, token) for a kiosk at bxl-centre."""
    return backend.device(site="bxl-centre", kiosk_id="bxl-centre-01")
