"""Backend fixtures: every backend test runs on SQLite and on a throwaway PostgreSQL."""

from __future__ import annotations

import pytest

from tests.backend.harness import PostgresCluster, threaded_backend


@pytest.fixture(scope="session")
def pg_cluster():
    cluster = PostgresCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'backend.db'}"
    return request.getfixturevalue("pg_cluster").create_database()


@pytest.fixture
def backend(db_url):
    with threaded_backend(db_url) as running:
        yield running
