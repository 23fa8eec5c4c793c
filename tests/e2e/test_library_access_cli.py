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


def test_bad_sip2_address_is_named(tmp_path, acs, peer):
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "library", "access", "--sip2", "no-port",
         "--controller", peer.uri, "--card", SOPHIE],
        capture_output=True, text=True, timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")})
    assert done.returncode != 0 and "--sip2:" in done.stderr and "host:port" in done.stderr


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


def test_serve_reads_cards_and_drives_the_building(tmp_path, acs, peer):
    """The door service: cards from the wedge reader (stdin), the schedule (empty: card
    mode all day) switching lights and PCs on, stopped by the end of input."""
    config = tmp_path / "kiosk.toml"
    config.write_text(
        # No loudspeaker in tests: the refusal is "spoken" by `true` (espeak-ng to a WAV
        # file is tested in tests/library/access/test_building.py).
        '[ui]\nspeech_command = "true"\n'
        '[library]\nlogin_user = "door1"\nlogin_password = "d00r-pw"\n'
        f'sip2_address = "127.0.0.1:{acs.port}"\n'
        f'[library.access]\ncontroller = "{peer.uri}"\ndoor_coil = 7\nlights_coil = 8\n'
        f'pcs_coil = 9\ndoor_open_s = 1\njournal_path = "{tmp_path}/a.db"\n',
        encoding="utf-8")
    peer.writes.clear()
    peer.inputs[0] = True  # door closed
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    with subprocess.Popen(
        [sys.executable, "-m", "kiosk", "library", "access", "serve", "--config", str(config)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env,
    ) as door:
        try:
            assert door.stdout.readline().strip() == "door service ready"
            door.stdin.write(f"{SOPHIE}\n{EMMA}\n")
            door.stdin.flush()
            first = json.loads(door.stdout.readline())
            second = json.loads(door.stdout.readline())
            door.stdin.close()
            assert door.wait(timeout=30) == 0
        finally:
            if door.poll() is None:
                door.kill()
                door.wait(timeout=10)
        errors = door.stderr.read()
    assert (first["result"], second["reason"]) == ("granted", "account_blocked"), errors
    assert (7, True) in peer.writes and peer.writes[-1] != (7, True)
    assert peer.coils(7, 3) == [False, True, True]  # door locked, lights and PCs on
    assert SOPHIE not in errors and EMMA not in errors
    # What staff see afterwards: the entries (no card numbers), switches, allow-list.
    status = subprocess.run(
        [sys.executable, "-m", "kiosk", "library", "access", "status", "--config",
         str(config), "--json"], capture_output=True, text=True, timeout=60, env=env)
    assert status.returncode == 0, status.stderr
    shown = json.loads(status.stdout)
    assert [e["reason"] for e in shown["entries"]] == ["account_blocked", "welcome"]
    assert shown["allow_list"]["size"] == 1 and shown["allow_list"]["age_s"] is not None
    assert {"lights on", "pcs on", "door card mode"} <= {w["action"] for w in shown["switches"]}
    assert SOPHIE not in status.stdout and EMMA not in status.stdout


def test_schedule_show_lists_the_hours(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[library.schedule]\nmonday = ["08:00-10:00 self-service", "10:00-18:00 staffed"]\n'
        'tuesday = ["10:00-18:00 staffed"]\nwednesday = ["10:00-18:00 staffed"]\n'
        'thursday = ["10:00-18:00 staffed"]\nfriday = ["10:00-18:00 staffed"]\n'
        'saturday = ["10:00-18:00 staffed"]\nsunday = ["10:00-18:00 staffed"]\n',
        encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "library", "schedule", "show", "--config", str(config),
         "--json", "--days", "7"], capture_output=True, text=True, timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")})
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["now"]["mode"] in ("closed", "staffed", "self-service")
    assert len(shown["days"]) == 7
    modes = {s["mode"] for d in shown["days"] for s in d["slots"]}
    assert modes == {"closed", "staffed", "self-service"}


def test_serve_reads_a_card_held_up_to_the_door_camera(tmp_path, acs, peer):
    """The simulated camera (its frames decoded by the real zxing-cpp path) shows a
    Code 128 library card; the door opens; SIGTERM stops the service."""
    import signal

    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[ui]\nspeech_command = "true"\n'
        '[library]\nlogin_user = "door1"\nlogin_password = "d00r-pw"\n'
        f'sip2_address = "127.0.0.1:{acs.port}"\n'
        f'[library.access]\ncontroller = "{peer.uri}"\ndoor_coil = 7\nlights_coil = 8\n'
        f'pcs_coil = 9\ndoor_open_s = 1\njournal_path = "{tmp_path}/a.db"\n',
        encoding="utf-8")
    peer.writes.clear()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    with subprocess.Popen(
        [sys.executable, "-m", "kiosk", "library", "access", "serve", "--config", str(config),
         "--camera", f"sim://camera?play=CODE128:{SOPHIE}"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env,
    ) as door:
        try:
            assert door.stdout.readline().strip() == "door service ready"
            outcome = json.loads(door.stdout.readline())  # stdin ended: the camera goes on
            door.send_signal(signal.SIGTERM)
            assert door.wait(timeout=30) == 0
        finally:
            if door.poll() is None:
                door.kill()
                door.wait(timeout=10)
        errors = door.stderr.read()
    assert (outcome["result"], outcome["door_pulsed"]) == ("granted", True), errors
    assert (7, True) in peer.writes
