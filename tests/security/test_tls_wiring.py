"""The sync process's clients go through [backend]'s transport settings: `kiosk sync
once` and the heartbeat reach the real backend over HTTPS with a throwaway CA and a
client certificate (mutual TLS), and refuse a backend their CA did not sign."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from drivers.registry import default_registry
from kiosk.backend.database import field_keys_for
from kiosk.backend.demo_citizens import DEMO_CITIZENS
from kiosk.config.loader import load_config
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.certificates import CertificateService
from kiosk.domain.queue import Site
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store
from sync.heartbeat import HeartbeatThread
from tests.security.tls import Authority, tls_backend

NN = DEMO_CITIZENS[0].identity.national_number
FROM_THIS_KIOSK = (
    "SELECT c.national_number FROM cases c JOIN certificate_requests r ON r.case_id = c.id"
    " WHERE r.kiosk_id = '{kiosk}'"
)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pki")
    city, rogue, kiosks = (
        Authority(directory, "city-ca"),
        Authority(directory, "rogue-ca"),
        Authority(directory, "kiosk-ca"),
    )
    return {
        "city": city,
        "rogue": rogue,
        "server": city.issue("backend", server=True, hosts=("127.0.0.1",)),
        "kiosk": kiosks.issue("kiosk-01", server=False),
        "kiosks": kiosks,
    }


@pytest.fixture
def backend(pki, tmp_path):
    db = tmp_path / "backend.db"
    with tls_backend(db, pki["server"], client_ca=pki["kiosks"].pem.cert) as running:
        running.db = db  # type: ignore[attr-defined]
        yield running


def write_config(tmp_path: Path, backend, pki, ca: Path) -> Path:
    kiosk_id = backend.token.split(".")[1]
    credential = tmp_path / "credential"
    credential.write_text(backend.token + "\n")
    credential.chmod(0o600)
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nid = "{kiosk_id}"\nsite = "bxl-centre"\n\n'
        f'[store]\npath = "{tmp_path / "kiosk.db"}"\n\n'
        f'[backend]\nurl = "{backend.url}"\ncredential_path = "{credential}"\n'
        f'ca_file = "{ca}"\nclient_cert = "{pki["kiosk"].cert}"\n'
        f'client_key = "{pki["kiosk"].key}"\n'
    )
    return path


def queue_certificate_request(config_path: Path) -> None:
    config = load_config(config_path, default_registry(), {})
    store = Store.from_section(config.store)
    try:
        site = Site(config.kiosk.site, config.kiosk.site_name, config.kiosk.id)
        certificates = CertificateService(
            store, demo_catalog(), site, ReceiptSpool(store, None), "https://x.test/{reference}"
        )
        certificates.request(
            service_id="cert-residence", national_number=NN, delivery="portal", language="fr"
        )
    finally:
        store.close()


def sync_once(config: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "REQUESTS_"))}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "sync", "--config", str(config), "once", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )


def backend_rows(db: Path, query: str) -> list[tuple]:
    connection = sqlite3.connect(db, timeout=10)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def test_kiosk_sync_once_delivers_over_mutual_tls(tmp_path, backend, pki):
    config = write_config(tmp_path, backend, pki, pki["city"].pem.cert)
    queue_certificate_request(config)
    done = sync_once(config)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["delivered"], summary["pending"], summary["reference_ok"]) == (1, 0, True)
    # Encrypted at rest on the kiosk, plain JSON for the backend: it opened the case (kept
    # under the national number's keyed hash, with the backend's own keys).
    kiosk_id = backend.token.split(".")[1]
    keys = field_keys_for(f"sqlite:///{backend.db}", None)
    assert backend_rows(backend.db, FROM_THIS_KIOSK.format(kiosk=kiosk_id)) == [
        (keys.blind_index(NN),)
    ]


def test_a_backend_signed_by_another_ca_is_refused_and_nothing_leaves(tmp_path, backend, pki):
    config = write_config(tmp_path, backend, pki, pki["rogue"].pem.cert)
    queue_certificate_request(config)
    done = sync_once(config)
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert (summary["delivered"], summary["pending"]) == (0, 1)
    assert "certificate verify failed" in summary["error"]
    assert backend_rows(backend.db, FROM_THIS_KIOSK.format(kiosk=backend.token.split(".")[1])) == []


def test_the_heartbeat_reaches_the_backend_over_mutual_tls(tmp_path, backend, pki):
    config = load_config(
        write_config(tmp_path, backend, pki, pki["city"].pem.cert), default_registry(), {}
    )
    stop = threading.Event()
    heartbeat = HeartbeatThread(config, backend.token, default_registry(), stop).start()
    try:
        deadline = time.monotonic() + 30
        beats = 0
        while beats < 1 and time.monotonic() < deadline:
            beats = backend_rows(backend.db, "SELECT count(*) FROM fleet_heartbeats")[0][0]
            time.sleep(0.1)
    finally:
        heartbeat.close()
    assert beats >= 1
