"""`kiosk backend serve --workers N` with a seal and eID trust on the command line: the
worker processes build the same settings as a single-process backend (they used to be
refused: workers built their settings from the database URL alone)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import requests

from drivers.eid.demo_pki import DemoPki
from kiosk.backend.app import prepare_database
from kiosk.backend.database import Database, field_keys_for
from kiosk.backend.serve_options import WORKER_OPTIONS, ServeOptions
from kiosk.backend.server import worker_settings
from kiosk.cli import build_parser
from kiosk.seal import pki as seal_pki
from tests.backend.card_proof import shared_test_pki
from tests.backend.harness import free_port, wait_healthy


@pytest.fixture(scope="module")
def trust(tmp_path_factory) -> tuple[DemoPki, dict, object]:
    directory = tmp_path_factory.mktemp("trust")
    pki = shared_test_pki()
    return pki, pki.write(directory), directory


def _serve_args(tmp_path, trust, *extra: str) -> list[str]:
    _pki, files, directory = trust
    return ["backend", "serve", "--db", f"sqlite:///{tmp_path / 'backend.db'}",
            "--key-file", str(tmp_path / "keys"), "--seal-demo-pki", str(directory / "seal"),
            "--eid-roots", str(files["roots"]), "--eid-crl", str(files["crl"]),
            "--eid-ocsp", "http://127.0.0.1:9/ocsp",
            "--public-url", "https://verify.example.test", *extra]


def test_a_worker_builds_the_settings_the_command_line_gave(tmp_path, trust):
    pki, _files, directory = trust
    args = build_parser().parse_args(_serve_args(tmp_path, trust, "--workers", "2"))
    options = ServeOptions.from_args(args)
    settings = worker_settings({WORKER_OPTIONS: options.to_json()})
    assert settings.eid_roots == tuple(pki.roots())
    assert [crl.issuer for crl in settings.eid_crls] == [
        pki.hierarchy("rsa").citizen_ca.subject, pki.citizen_ca.subject]
    assert settings.sealer is not None
    demo = seal_pki.load_or_generate(directory / "seal")
    assert settings.seal_roots_pem == demo.root_cert.read_bytes()
    assert settings.public_url == "https://verify.example.test"
    assert settings.eid_ocsp_url == "http://127.0.0.1:9/ocsp"
    assert settings.key_file == tmp_path / "keys"
    assert settings.seed_demo_data is False  # the parent seeded before the workers ran
    # Only paths travel: no key material in the environment the workers inherit.
    assert "PRIVATE KEY" not in options.to_json()


def test_a_worker_names_unreadable_options():
    with pytest.raises(ValueError, match=WORKER_OPTIONS):
        worker_settings({WORKER_OPTIONS: '{"db_url": "sqlite://", "colour": "blue"}'})


def test_serve_with_two_workers_a_seal_and_eid_trust_starts_and_answers(tmp_path, trust):
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", *_serve_args(tmp_path, trust, "--workers", "2",
                                                     "--host", "127.0.0.1", "--port",
                                                     str(port))],
        stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", 60, proc)
        for _ in range(4):  # new connections: spread over the workers
            with requests.Session() as session:
                assert session.get(f"http://127.0.0.1:{port}/api/v1/health",
                                   timeout=10).status_code == 200
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()
    text = (tmp_path / "serve.log").read_text()
    # A worker that cannot build its app dies with a traceback on stderr (the log).
    assert "cannot be combined" not in text and "Traceback" not in text, text[-3000:]


def test_a_served_app_sets_its_startup_heap_aside_from_the_cycle_collector(tmp_path, trust):
    """Without it a full collection walked ~180,000 startup objects every few seconds at
    1,000 heartbeats a second: 130–230 ms with the event loop stopped (bench/fleet.py).
    The worker runs in a process of its own: freezing is process-wide."""
    args = build_parser().parse_args(_serve_args(tmp_path, trust, "--workers", "2"))
    env = {**os.environ, WORKER_OPTIONS: ServeOptions.from_args(args).to_json()}
    # The parent prepares the database before its workers start.
    settings = worker_settings(env)
    database = Database(settings.db_url, keys=field_keys_for(settings.db_url, settings.key_file))
    try:
        prepare_database(database, settings)
    finally:
        database.close()
    probe = ("import gc\n"
             "from kiosk.backend.server import worker_app\n"
             "assert gc.get_freeze_count() == 0\n"
             "worker_app()\n"
             "gc.collect()\n"
             "print(gc.get_freeze_count(), len(gc.get_objects()))\n")
    run = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    frozen, still_walked = (int(n) for n in run.stdout.split())
    # The app's objects are set aside; what a full collection still walks is a sliver.
    assert frozen > 100_000
    assert still_walked < frozen // 20
