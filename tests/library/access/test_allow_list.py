"""The offline allow-list refreshed from the library system's own export (keyed hashes,
no card numbers): imported with `kiosk library access allow-list`, used at the door."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from drivers.registry import default_registry
from drivers.sip2 import Sip2Client
from kiosk.backend.library.seed import DEMO_LINK_KEY, demo_library
from kiosk.config.schema import LibraryAccessSection
from kiosk.library.access.door import DoorService
from kiosk.library.access.journal import AccessJournal
from tests.drivers.relay.modbus_peer import modbus_peer
from tests.library.conftest import EMMA, LUCAS, sip2_settings


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[library.access]\njournal_path = "{tmp_path}/access.db"\n',
                      encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "library", "access", "allow-list", "--config",
         str(config), *args], capture_output=True, text=True, timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")})


def test_export_imported_then_used_while_the_library_system_is_down(tmp_path):
    export = tmp_path / "allow.txt"
    keys = demo_library().allowed_keys(DEMO_LINK_KEY)
    export.write_text("# exported by the library system\n" + "\n".join(keys) + "\n")
    assert LUCAS not in export.read_text()  # hashes only
    done = run(tmp_path, "--file", str(export), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"allow_list": len(keys)}

    with socket.socket() as s:  # the library system: nobody listening
        s.bind(("127.0.0.1", 0))
        down = s.getsockname()[1]
    journal = AccessJournal(tmp_path / "access.db")
    with modbus_peer() as peer:
        controller = default_registry().open("relay", peer.uri)
        client = Sip2Client(sip2_settings(down))
        door = DoorService(LibraryAccessSection(), controller, client, journal, DEMO_LINK_KEY,
                           wait=lambda s: None)
        try:
            lucas = door.attempt(LUCAS, "self-service")  # never seen at this door
            assert (lucas.decision.reason, lucas.online) == ("offline_allow_list", False)
            assert door.attempt(EMMA, "self-service").decision.reason == "offline_unknown"
            assert peer.writes == [(0, True), (0, False)]
        finally:
            client.close()
            controller.close()
            journal.close()


def test_a_bad_line_replaces_nothing(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("0123456789abcdef0123456789abcdef\n")
    assert run(tmp_path, "--file", str(good)).returncode == 0
    bad = tmp_path / "bad.txt"
    bad.write_text("0123456789abcdef0123456789abcdef\n21000000000303\n")
    done = run(tmp_path, "--file", str(bad))
    assert done.returncode != 0
    assert f"{bad}:2: not a keyed patron hash" in done.stderr
    journal = AccessJournal(tmp_path / "access.db")
    try:
        assert journal.allow_list_size() == 1  # the earlier list stands
    finally:
        journal.close()


def test_the_door_status_gives_brussels_time(tmp_path, capsys, monkeypatch):
    from datetime import UTC, datetime

    from kiosk.cli import build_parser

    # 25 October 2026, 00:30 and 01:30 UTC: 02:30 in Brussels twice, CEST then CET.
    clock = [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]
    journal = AccessJournal(tmp_path / "access.db", now=lambda: clock[0])
    journal.log_switch("self-service", "door card mode", True)
    clock[0] = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    journal.log_entry("granted", "welcome", "self-service", "card", "k" * 32)
    journal.raise_alert("door_unreachable", "no answer")
    journal.close()
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[library.access]\njournal_path = "{tmp_path}/access.db"\n',
                      encoding="utf-8")
    for name in [k for k in os.environ if k.startswith("KIOSK_")]:
        monkeypatch.delenv(name)
    args = build_parser().parse_args(["library", "access", "status", "--config", str(config)])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "ALERT door_unreachable since 2026-10-25 02:30:00 CET: no answer" in out
    assert "2026-10-25 02:30:00 CEST  self-service" in out
    assert "2026-10-25 02:30:00 CET  granted" in out and "+00:00" not in out
