"""`kiosk library access` as a real process: the embedded library system over SIP2 and
pymodbus's own Modbus TCP server as the door controller, both on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.backend.library.seed import demo_library
from kiosk.backend.library.sip2_server import LibrarySip2Service
from tests.drivers.relay.modbus_peer import modbus_peer

pytestmark = pytest.mark.e2e

SOPHIE, EMMA = "21000000000101", "21000000000404"


@pytest.fixture(scope="module")
def acs():
    service = LibrarySip2Service(demo_library(), login_user="door1", login_password="d00r-pw",
                                 charset="utf-8")
    service.start()
    yield service
    service.stop()


@pytest.fixture(scope="module")
def peer():
    with modbus_peer(unit=2) as p:
        yield p


def run(tmp_path: Path, acs, peer, card: str, *extra: str) -> tuple[int, dict, str]:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[library]\nlogin_user = "door1"\nlogin_password = "d00r-pw"\nread_timeout_s = 5\n'
        f'[library.access]\ndoor_coil = 7\ndoor_open_s = 1\njournal_path = "{tmp_path}/a.db"\n',
        encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "library", "access", "--config", str(config),
         "--sip2", f"127.0.0.1:{acs.port}", "--controller", peer.uri, "--card", card,
         "--json", *extra],
        capture_output=True, text=True, env=env, timeout=60)
    lines = done.stdout.strip().splitlines()
    return done.returncode, json.loads(lines[-1]) if lines else {}, done.stderr


def test_granted_card_pulses_the_door_coil(tmp_path, acs, peer):
    peer.writes.clear()
    code, answer, errors = run(tmp_path, acs, peer, SOPHIE, "--mode", "self-service")
    assert code == 0, errors
    assert (answer["result"], answer["reason"], answer["door_pulsed"]) == (
        "granted", "welcome", True)
    assert peer.writes == [(7, True), (7, False)]
    assert not any(peer.coils())  # locked again
    assert SOPHIE not in errors and "d00r-pw" not in errors


def test_refused_card_says_why_and_leaves_the_door(tmp_path, acs, peer):
    peer.writes.clear()
    code, answer, errors = run(tmp_path, acs, peer, EMMA, "--mode", "self-service",
                               "--language", "nl")
    assert code == 1, errors
    assert (answer["result"], answer["reason"]) == ("refused", "account_blocked")
    assert "geblokkeerd" in answer["message"] and "12" not in answer["message"]
    assert peer.writes == []


def test_bad_controller_uri_is_named(tmp_path, acs, peer):
    config = tmp_path / "kiosk.toml"
    config.write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "library", "access", "--config", str(config),
         "--controller", "modbus+tcp://127.0.0.1?unit=x", "--card", SOPHIE],
        capture_output=True, text=True, timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")})
    assert done.returncode != 0
    assert "--controller" in done.stderr and "unit must be a Modbus unit id" in done.stderr
