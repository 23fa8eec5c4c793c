"""sd_notify over a REAL AF_UNIX datagram socket standing in for systemd: READY=1, the
watchdog pings from the GUI thread's event loop (a frozen thread stops them) and from
the sync relay's loop, STOPPING=1 at the end."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.systemd_notify import SystemdNotifier

ROOT = Path(__file__).parents[2]


class FakeSystemd:
    """The receiving end of NOTIFY_SOCKET."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.received: list[str] = []

    def drain(self) -> list[str]:
        """Everything sent so far (without waiting)."""
        self.sock.setblocking(False)
        try:
            while True:
                self.received.append(self.sock.recv(4096).decode())
        except BlockingIOError:
            pass
        return self.received

    def wait_for(self, predicate, timeout_s: float = 20.0, pump=None) -> list[str]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if pump is not None:
                pump()
            if predicate(self.drain()):
                return self.received
            time.sleep(0.02)
        raise AssertionError(f"systemd did not get what it waited for: {self.received}")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def systemd(tmp_path):
    fake = FakeSystemd(tmp_path / "notify.sock")
    yield fake
    fake.close()


def test_the_notifier_speaks_the_protocol(systemd):
    notifier = SystemdNotifier.from_env({"NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "4000000"})
    assert notifier.watchdog_interval_s == 2.0
    assert notifier.ready("up") and notifier.ping() and notifier.stopping()
    notifier.close()
    assert systemd.drain() == ["READY=1\nSTATUS=up", "WATCHDOG=1", "STOPPING=1"]


def test_outside_systemd_nothing_is_sent_and_nothing_breaks(tmp_path):
    notifier = SystemdNotifier.from_env({})
    assert not notifier.enabled and not notifier.ready() and not notifier.ping()
    gone = SystemdNotifier(str(tmp_path / "no-such.sock"))
    assert gone.ping() is False  # logged once, never raised
    gone.close()
    # WATCHDOG_PID naming another process: the watchdog is not ours to ping.
    other = SystemdNotifier.from_env(
        {"NOTIFY_SOCKET": "x", "WATCHDOG_USEC": "1000", "WATCHDOG_PID": str(os.getpid() + 1)}
    )
    assert other.watchdog_interval_s is None


def test_the_abstract_namespace_is_understood():
    name = f"kiosk-test-{os.getpid()}-{time.monotonic_ns()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind("\0" + name)
        server.settimeout(5)
        notifier = SystemdNotifier("@" + name)
        assert notifier.ping()
        assert server.recv(64) == b"WATCHDOG=1"
        notifier.close()


def test_the_ui_watchdog_pings_from_the_gui_thread_and_stops_when_it_freezes(qapp, systemd):
    from ui.watchdog import UiWatchdog

    watchdog = UiWatchdog(SystemdNotifier(systemd.path, watchdog_usec=100_000))
    watchdog.start()
    try:
        got = systemd.wait_for(lambda r: r.count("WATCHDOG=1") >= 3, pump=qapp.processEvents)
        assert got[0] == "READY=1\nSTATUS=attract screen shown"
        # The GUI thread is frozen (no event loop) for 20 ping intervals: no ping.
        systemd.drain()
        before = len(systemd.received)
        time.sleep(1.0)
        assert len(systemd.drain()) == before
        # It runs again: so do the pings.
        systemd.wait_for(lambda r: len(r) > before, pump=qapp.processEvents)
    finally:
        watchdog.stop()
    assert systemd.drain()[-1] == "STOPPING=1"
    assert not watchdog.pinging


def test_start_ui_reports_ready_with_its_first_frame(
    qapp, systemd, tmp_path, registry, monkeypatch
):
    from kiosk.composition import build_journey_core
    from kiosk.config.loader import config_from_mapping
    from kiosk.services import build_services
    from ui.app import start_ui
    from ui.scripted import wait_until

    monkeypatch.setenv("NOTIFY_SOCKET", systemd.path)
    monkeypatch.setenv("WATCHDOG_USEC", "200000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    config = config_from_mapping(
        {"store": {"path": str(tmp_path / "kiosk.db")}, "devices": {"printer": "sim://printer"}},
        registry,
    )
    core = build_journey_core(config)
    ui = start_ui(
        qapp, core, 540, 960, False, lambda: build_services(config, registry, core.catalog)
    )
    try:
        wait_until(lambda: ui.services is not None, 20, "the kiosk's services")
        systemd.wait_for(lambda r: "WATCHDOG=1" in r, pump=qapp.processEvents)
        assert systemd.received[0].startswith("READY=1")
    finally:
        ui.close()
    assert systemd.drain()[-1] == "STOPPING=1"


def test_sync_run_is_ready_pings_per_cycle_and_says_stopping(systemd, tmp_path):
    credential = tmp_path / "credential"
    credential.write_text("kb1.k1.secret\n")
    with socket.socket() as closed:  # a backend that is not there: the relay backs off
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[store]\npath = "{tmp_path / "kiosk.db"}"\n'
        f'[backend]\nurl = "http://127.0.0.1:{port}"\ncredential_path = "{credential}"\n'
        f"timeout_s = 1\n"
        f"[sync]\ninterval_s = 0.05\nbackoff_base_s = 0.01\nbackoff_max_s = 0.1\n"
    )
    env = {
        **os.environ,
        "NOTIFY_SOCKET": systemd.path,
        "WATCHDOG_USEC": "30000000",
        "KIOSK_CONFIG": str(config),
    }
    env.pop("WATCHDOG_PID", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "run"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        got = systemd.wait_for(lambda r: r.count("WATCHDOG=1") >= 3, timeout_s=60)
        assert got[0].startswith("READY=1")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate(timeout=10)
            raise
    assert proc.returncode == 0, err.decode()
    assert systemd.drain()[-1] == "STOPPING=1"


def test_backend_serve_is_ready_and_pings_only_while_its_database_answers(systemd, tmp_path):
    """A real `kiosk backend serve` on PostgreSQL: READY=1 once serving, WATCHDOG=1 every
    half period; the cluster stopped, the pings stop (systemd would restart it)."""
    from tests.backend.harness import PostgresCluster, free_port

    cluster = PostgresCluster()
    cluster.start()
    proc = None
    try:
        env = {**os.environ, "NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "1000000"}
        env.pop("WATCHDOG_PID", None)
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "backend", "serve", "--db",
             cluster.create_database(), "--host", "127.0.0.1", "--port", str(free_port()),
             "--key-file", str(cluster.dir / "backend.keys")],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        got = systemd.wait_for(lambda r: r.count("WATCHDOG=1") >= 3, timeout_s=60)
        assert got[0].startswith("READY=1")

        cluster.stop()
        time.sleep(1.5)  # a check already under way may still land its ping
        before = systemd.drain().count("WATCHDOG=1")
        time.sleep(3)  # six periods of 0.5 s without a database
        assert systemd.drain().count("WATCHDOG=1") == before
        assert proc.poll() is None  # alive, but silent: systemd's watchdog decides
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            try:
                _, err = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate(timeout=10)
        cluster.stop()
    # uvicorn re-raises SIGTERM once it has shut down cleanly (systemd counts it clean).
    assert proc.returncode in (0, -signal.SIGTERM), err.decode()
    assert "Application shutdown complete" in err.decode()
    assert "database does not answer" in err.decode()
    assert systemd.drain()[-1] == "STOPPING=1"
