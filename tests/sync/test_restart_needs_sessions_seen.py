"""A remote restart or reboot runs only where the kiosk can tell idle from busy: the UI
writes its session marker only on a kiosk that takes updates, so elsewhere the sync
process would see every kiosk as idle and could cut a citizen's session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from drivers.registry import default_registry
from kiosk.config.loader import config_from_mapping
from kiosk.store.database import Store
from kiosk.updates.activity import mark_session_started
from sync.actions import ActionCommands
from sync.heartbeat import HeartbeatClient, _action_runner

KEY = "ab" * 32


def _runner(tmp_path: Path, public_key: str):
    state = tmp_path / "state"
    state.mkdir()
    config = config_from_mapping(
        {"store": {"path": str(tmp_path / "kiosk.db")},
         "updates": {"state_dir": str(state), "public_key": public_key}},
        default_registry())
    ran = tmp_path / "ran"
    touch = (sys.executable, "-c", f"open({str(ran)!r}, 'a').write('x')")
    store = Store(tmp_path / "kiosk.db")
    client = HeartbeatClient("http://127.0.0.1:9", "kb1.k.s", 1.0)  # never called here
    runner = _action_runner(client, store, config, ActionCommands(restart_ui=touch, reboot=touch))
    return runner, ran, state, store


@pytest.mark.parametrize("kind", ["restart_ui", "reboot"])
def test_without_session_markers_restart_and_reboot_fail_with_the_reason(tmp_path, kind):
    runner, ran, _state, store = _runner(tmp_path, public_key="")
    try:
        report = runner.run_one(1, kind)
    finally:
        store.close()
    assert report["state"] == "failed"
    assert "marks no citizen sessions" in report["message"] and "on site" in report["message"]
    assert not ran.exists()  # nothing was restarted


def test_with_session_markers_a_session_holds_the_restart_and_idle_lets_it_run(tmp_path):
    runner, ran, state, store = _runner(tmp_path, public_key=KEY)
    try:
        mark_session_started(state)  # this test's pid: alive, so the session counts
        held = runner.run_one(1, "restart_ui")
        (state / "session.json").unlink()
        done = runner.run_one(1, "restart_ui")
    finally:
        store.close()
    assert held["state"] == "waiting" and "idle" in held["message"]
    assert done["state"] == "done" and ran.read_text() == "x"
