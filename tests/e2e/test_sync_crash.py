"""Processes killed at the worst moments: the sync relay SIGKILLed mid-batch again and
again, the backend SIGKILLed while it commits. Every event lands exactly once."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time

import pytest

from kiosk.store.database import Store
from sync.backoff import Backoff
from sync.outbox import Outbox
from tests.backend.harness import BackendProcess, free_port, issue, threaded_backend
from tests.sync.helpers import (
    assert_exactly_once,
    backend_events,
    make_relay,
    queue_events,
    wait_until,
    write_config,
)

pytestmark = pytest.mark.e2e


def kiosk_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, timeout=timeout)


def test_sync_killed_mid_batch_repeatedly_loses_and_duplicates_nothing(tmp_path):
    rng = random.Random(11)
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    kiosk_db = tmp_path / "kiosk.db"
    store = Store(kiosk_db)
    try:
        with threaded_backend(db_url) as backend:
            kiosk_id, token = backend.device(kiosk_id="bxl-centre-01")
            sent = queue_events(store, 1500, kiosk_id)
            config = write_config(tmp_path, backend.url, token, kiosk_id, kiosk_db,
                                  batch_size=10)
            delivered = 0
            kills = 0
            while kills < 5 and delivered < len(sent):
                proc = subprocess.Popen([sys.executable, "-m", "kiosk", "sync", "--config",
                                         str(config), "run"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    # Let it get going, then kill it while batches are in flight.
                    before = delivered
                    wait_until(lambda b=before: len(backend_events(db_url, kiosk_id)[0]) > b,
                               60, "sync to deliver")
                    time.sleep(rng.uniform(0.0, 0.1))
                finally:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait(10)
                kills += 1
                delivered = len(backend_events(db_url, kiosk_id)[0])
            assert kills == 5 and delivered < len(sent), "the kills came too late"
            done = kiosk_cli("sync", "--config", str(config), "once", "--json")
            assert done.returncode == 0, done.stderr
            summary = json.loads(done.stdout)
            assert summary["pending"] == 0 and summary["dead_letters"] == 0
            assert_exactly_once(store, db_url, kiosk_id, sent)
    finally:
        store.close()


def test_backend_killed_mid_commit_every_event_exactly_once(tmp_path):
    rng = random.Random(5)
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    backend = BackendProcess(db_url, free_port(), tmp_path / "backend.log")
    store = Store(tmp_path / "kiosk.db")
    backend.start()
    kiosk_id = "bxl-centre-02"
    token = issue(db_url, "device", kiosk_id, "bxl-centre")
    sent = queue_events(store, 1500, kiosk_id)
    relay, client = make_relay(store, backend.url, token, batch_size=30, timeout_s=2,
                               backoff=Backoff(0.02, 0.2))
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        for _ in range(4):
            # Intake is busy committing batches back to back: a kill now lands inside
            # a transaction more often than not.
            time.sleep(rng.uniform(0.2, 0.6))
            backend.kill()
            time.sleep(0.2)
            backend.start()
        wait_until(lambda: Outbox(store).counts() == (0, 0), 90, "the outbox to drain")
    finally:
        stop.set()
        thread.join(15)
        client.close()
        backend.stop()
    assert not thread.is_alive()
    assert_exactly_once(store, db_url, kiosk_id, sent)
    store.close()
