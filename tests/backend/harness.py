"""Real peers for backend and sync tests: uvicorn on 127.0.0.1 (thread or process), a
throwaway PostgreSQL cluster, credentials. Every start has a matching, bounded stop."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
import uvicorn

from kiosk.backend import auth
from kiosk.backend.app import create_app, prepare_database
from kiosk.backend.database import Database
from kiosk.backend.server import serving_on_a_thread
from kiosk.backend.settings import BackendSettings

PG_PACKAGES = "postgresql (Debian: apt-get install postgresql)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout_s: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"backend exited with {proc.returncode}")
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise AssertionError(f"backend at {url} not healthy within {timeout_s} s")


def issue(db_url: str, role: str, name: str, site: str | None) -> str:
    database = Database(db_url)
    try:
        with database.write() as session:
            return auth.issue(session, role=role, credential_id=name, site=site,
                              now=BackendSettings().clock())
    finally:
        database.close()


@dataclass
class Backend:
    url: str
    db_url: str
    database: Database
    admin: str

    def device(self, site: str = "bxl-centre", kiosk_id: str | None = None) -> tuple[str, str]:
        """(kiosk id, token) of a new kiosk credential."""
        kiosk_id = kiosk_id or f"k-{uuid.uuid4().hex[:8]}"
        return kiosk_id, issue(self.db_url, "device", kiosk_id, site)

    def card_headers(self, token: str, national_number: str) -> dict[str, str]:
        """Bearer + a card session for ``national_number`` (a card of the shared test
        PKI signs this backend's challenge), as a kiosk has after the citizen's PIN."""
        from tests.backend.card_proof import card_of, card_session_headers, shared_test_pki

        return card_session_headers(self.url, token, card_of(shared_test_pki(),
                                                              national_number))


@contextmanager
def threaded_backend(db_url: str, settings: BackendSettings | None = None,
                     port: int = 0, lifespan: str = "off") -> Iterator[Backend]:
    """The app under uvicorn on a thread (ephemeral port unless given); ``lifespan="on"``
    runs the app's background workers (sweeper, alert dispatcher) and stops them. Card
    sessions are proven against the shared test PKI unless ``settings`` say otherwise."""
    if settings is None:
        from tests.backend.card_proof import shared_card_trust

        settings = BackendSettings(db_url=db_url, **shared_card_trust())
    database = Database(db_url)
    prepare_database(database, settings)
    admin = issue(db_url, "admin", f"admin-{uuid.uuid4().hex[:6]}", None)
    config = uvicorn.Config(create_app(settings, database), host="127.0.0.1", port=port,
                            access_log=False, log_config=None, lifespan=lifespan)
    try:
        with serving_on_a_thread(config) as bound:
            yield Backend(f"http://127.0.0.1:{bound}", db_url, database, admin)
    finally:
        database.close()


class BackendProcess:
    """``kiosk backend serve`` as a child process, for SIGKILL tests."""

    def __init__(self, db_url: str, port: int, log: Path, workers: int = 1) -> None:
        self.db_url, self.port, self.log, self.workers = db_url, port, log, workers
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        # The personal-field keys outside the database, the same across restarts.
        keys = self.log.with_name(self.log.name + ".keys")
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "backend", "serve", "--db", self.db_url,
                 "--host", "127.0.0.1", "--port", str(self.port), "--key-file", str(keys),
                 "--workers", str(self.workers)],
                stdout=log, stderr=subprocess.STDOUT)
        wait_healthy(self.url, 60, self.proc)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None


class PostgresCluster:
    """initdb + pg_ctl in a temp dir, listening on 127.0.0.1 only, removed at stop.

    PostgreSQL refuses to run as root, so as root the cluster runs as the ``postgres``
    user that Debian's package creates.

    The port comes from ``ports`` (a free one by default). It can be taken by someone
    else between being chosen and the server binding it — a test's outgoing connection
    is given a port from the same range, and ``initdb`` takes seconds — so a start that
    fails on "Address already in use" tries another port."""

    _PORT_TRIES = 5

    def __init__(self, ports: Callable[[], int] = free_port) -> None:
        self.bindir = _pg_bindir()
        self._ports = ports
        self.port = ports()
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.data = self.dir / "data"
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.dir, "postgres", "postgres")
        self._databases = 0

    def _run(self, *args: str, timeout: float = 120) -> None:
        result = subprocess.run([*self._as, *args], capture_output=True, text=True,
                                timeout=timeout, cwd=self.dir)
        if result.returncode != 0:
            raise AssertionError(f"{args[0]} failed: {result.stdout}{result.stderr}")

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C")
        self.start_server()

    def start_server(self) -> None:
        """``pg_ctl start`` on the initialised data directory, on another port if its
        port turns out to be taken."""
        log = self.dir / "log"
        for attempt in range(1, self._PORT_TRIES + 1):
            logged = log.stat().st_size if log.exists() else 0
            options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                       f"-c unix_socket_directories={self.dir} -c fsync=off "
                       f"-c synchronous_commit=off -c full_page_writes=off "
                       f"-c max_connections=200")
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(log),
                          "-o", options, "-w", "-t", "60", "start")
                return
            except AssertionError as exc:
                written = log.read_bytes()[logged:] if log.exists() else b""
                if b"Address already in use" not in written or attempt == self._PORT_TRIES:
                    raise AssertionError(f"{exc}\nserver log:\n{written.decode(errors='replace')}"
                                         ) from None
                self.port = self._ports()

    def create_database(self) -> str:
        import psycopg

        self._databases += 1
        name = f"kiosk_test_{self._databases}_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def postmaster_pid(self) -> int | None:
        """The server's process id (its backends are its children), once started."""
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        try:
            if self.data.exists():
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                          "-w", "-t", "30", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def _pg_bindir() -> Path:
    found = shutil.which("pg_ctl")
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for directory in ([Path(found).resolve().parent] if found else []) + candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    raise AssertionError(f"PostgreSQL server binaries (initdb, pg_ctl) not found: install "
                         f"{PG_PACKAGES}; `make test` does")
