"""The throwaway PostgreSQL the backend tests share starts even when its port is taken
between being chosen and being bound (another test's connection can get it)."""

from __future__ import annotations

import socket

import psycopg
import pytest

from tests.backend.harness import PostgresCluster, free_port


def test_a_port_taken_before_the_server_binds_it_is_replaced_by_another():
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        offered = [taken]
        cluster = PostgresCluster(ports=lambda: offered.pop() if offered else free_port())
        assert cluster.port == taken
        try:
            cluster.start()
            assert cluster.port != taken
            with psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres "
                                 "dbname=postgres", connect_timeout=10) as conn:
                assert conn.execute("SELECT 1").fetchone() == (1,)
            assert "Address already in use" in (cluster.dir / "log").read_text()
        finally:
            cluster.stop()


def test_a_start_that_fails_for_another_reason_is_not_retried_and_says_why():
    cluster = PostgresCluster()
    try:
        cluster.start()
        first = cluster.port
        # A second server on the same data directory: refused for its lock file, not
        # for its port — reported with the server's own words, on the first try.
        with pytest.raises(AssertionError, match="pg_ctl failed") as refused:
            cluster.start_server()
        assert "Address already in use" not in str(refused.value)
        assert cluster.port == first
    finally:
        cluster.stop()
