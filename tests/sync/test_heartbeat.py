"""The heartbeat sender against a real backend (uvicorn on 127.0.0.1): what it
reports, the remote config round trip (valid → pending → applied; invalid → refused
and reported), failures, and `kiosk sync run` sending heartbeats on its own."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests
from sqlalchemy import update

from drivers.printer.interface import PrinterStatus
from drivers.registry import default_registry
from kiosk.config.loader import config_from_mapping
from kiosk.devicestate import DeviceStateRecorder
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent
from sync.heartbeat import HeartbeatClient, HeartbeatSender, utc_now
from sync.heartbeat_config import (
    RemoteConfigInbox,
    apply_values,
    config_version,
    mark_applied,
    pending_remote_config,
)
from tests.backend.harness import free_port
from tests.sync.helpers import queue_events, write_config

T = 10


def _sender(
    tmp_path: Path, url: str, kiosk_id: str, token: str
) -> tuple[HeartbeatSender, Store, HeartbeatClient]:
    config = config_from_mapping(
        {
            "kiosk": {"id": kiosk_id, "site": "bxl-centre"},
            "store": {"path": str(tmp_path / "kiosk.db")},
            "backend": {"url": url, "timeout_s": 3.0},
            "sync": {"heartbeat_interval_s": 5.0},
        },
        default_registry(),
    )
    store = Store(tmp_path / "kiosk.db")
    client = HeartbeatClient(url, token, 3.0)
    inbox = RemoteConfigInbox(store, config, default_registry(), utc_now)
    return HeartbeatSender(client, store, config, inbox), store, client


def _admin(backend, method: str, path: str, **kwargs) -> requests.Response:
    return requests.request(
        method,
        backend.url + path,
        timeout=T,
        headers={"Authorization": f"Bearer {backend.admin}"},
        **kwargs,
    )


def test_the_heartbeat_reports_devices_outbox_and_versions(tmp_path, backend, kiosk):
    kiosk_id, token = kiosk
    sender, store, client = _sender(tmp_path, backend.url, kiosk_id, token)
    try:
        events = queue_events(store, 3, kiosk_id)
        with store.write() as session:  # one refused event, its reason quoting a number
            session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.event_id == events[0])
                .values(
                    state="rejected",
                    dead_letter_reason=("payload.national_number: 85073003328 unknown"),
                )
            )
        devices = DeviceStateRecorder(store)
        devices.opened(
            {"eid_reader": object(), "printer": object(), "cash": object()},
            {"card_terminal": "zvt+tcp://192.0.2.10:20007: connection refused"},
        )
        devices.printer(PrinterStatus(online=True, paper="near_end"))
        devices.cash(True, "", {200: 3, 100: 2}, cashbox_fill_pct=95)
        body = sender.collect()
        assert "85073003328" not in json.dumps(body)  # no national number, ever
        result = sender.beat()
        assert result.ok, result.error
        assert sorted(result.answer["open_alerts"]) == [
            "cashbox_full",
            "change_low",
            "dead_letters",
            "paper_near_end",
            "terminal_offline",  # it refused the connection at start-up
        ]
        detail = _admin(backend, "GET", f"/api/v1/admin/fleet/kiosks/{kiosk_id}").json()
        k = detail["kiosk"]
        assert (k["status"], k["paper"], k["outbox_pending"], k["dead_letters"]) == (
            "degraded",
            "near_end",
            2,
            1,
        )
        assert k["change_cents"] == 800 and k["cashbox_fill_pct"] == 95
        assert k["oldest_pending_age_s"] is not None
        assert k["config_version"] == sender._inbox.effective_version()
        [letter] = detail["dead_letters"]
        assert letter["event_id"] == events[0] and letter["reason"] == (
            "payload.national_number: … unknown"
        )
        beat = detail["history"][0]["body"]
        assert beat["devices"]["card_terminal"] == {
            "online": False,
            "error": "zvt+tcp://192.0.2.10:20007: connection refused",
        }
        assert beat["devices"]["eid_reader"]["present"] is True
        assert beat["disk_free_bytes"] > 0 and beat["software_version"]
    finally:
        client.close()
        store.close()


def test_remote_config_round_trip_and_an_invalid_one_refused(tmp_path, backend, kiosk):
    kiosk_id, token = kiosk
    sender, store, client = _sender(tmp_path, backend.url, kiosk_id, token)
    try:
        assert sender.beat().ok
        before = sender.collect()["config_version"]
        assert (
            _admin(
                backend,
                "PUT",
                f"/api/v1/admin/fleet-config/kiosk/{kiosk_id}",
                json={"values": {"journey": {"inactivity_timeout_s": 90}}},
            ).status_code
            == 200
        )
        result = sender.beat()
        assert result.ok and result.refused is None
        pending = pending_remote_config(store)  # what the UI polls at an idle moment
        assert pending is not None and pending.values == {"journey": {"inactivity_timeout_s": 90}}
        assert sender.collect()["config_version"] == before  # not applied yet
        applied_config = apply_values(sender._config, pending.values, default_registry())
        assert applied_config.journey.inactivity_timeout_s == 90
        assert mark_applied(store, pending.version)
        assert pending_remote_config(store) is None
        assert sender.beat().answer["remote_config"] is None  # applied: not sent again
        k = _admin(backend, "GET", f"/api/v1/admin/fleet/kiosks/{kiosk_id}").json()["kiosk"]
        assert k["config_version"] == config_version(applied_config) != before
        assert k["remote_config"]["applied"] == pending.version

        assert (
            _admin(
                backend,
                "PUT",
                f"/api/v1/admin/fleet-config/kiosk/{kiosk_id}",
                json={"values": {"journey": {"inactivity_timeout_s": 1}}},
            ).status_code
            == 200
        )
        result = sender.beat()
        assert result.refused and "journey.inactivity_timeout_s" in result.refused
        assert pending_remote_config(store) is None
        assert sender.beat().answer["remote_config"] is None  # refused: not sent again
        detail = _admin(backend, "GET", f"/api/v1/admin/fleet/kiosks/{kiosk_id}").json()
        remote = detail["kiosk"]["remote_config"]
        assert remote["applied"] == pending.version  # still running the good one
        assert remote["refused"] == detail["remote_config"]["version"]
        assert "journey.inactivity_timeout_s" in remote["refused_reason"]
        assert detail["kiosk"]["config_version"] == config_version(applied_config)
    finally:
        client.close()
        store.close()


def test_an_unreachable_backend_is_a_failed_beat_reported_next_time(tmp_path, backend, kiosk):
    kiosk_id, token = kiosk
    sender, store, client = _sender(tmp_path, f"http://127.0.0.1:{free_port()}", kiosk_id, token)
    try:
        result = sender.beat()
        assert not result.ok and result.error == "backend unreachable"
        assert sender.collect()["last_error"] == "heartbeat: backend unreachable"
    finally:
        client.close()
        store.close()


def test_kiosk_sync_run_sends_heartbeats(tmp_path, backend, kiosk):
    kiosk_id, token = kiosk
    config = write_config(tmp_path, backend.url, token, kiosk_id, tmp_path / "kiosk.db")
    config.write_text(config.read_text() + "heartbeat_interval_s = 1\n")
    log = (tmp_path / "sync.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--config", str(config), "run"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        beats = 0
        while time.monotonic() < deadline and beats < 2:
            r = _admin(backend, "GET", f"/api/v1/admin/fleet/kiosks/{kiosk_id}")
            beats = r.json()["kiosk"]["heartbeats"] if r.status_code == 200 else 0
            time.sleep(0.2)
        assert beats >= 2, (tmp_path / "sync.log").read_text()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            assert proc.wait(30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
            log.close()


def test_the_device_poller_records_terminal_and_cash_for_the_heartbeat(tmp_path):
    from drivers.cash.simulated import SimulatedCashDevice
    from drivers.payment.simulated import SimulatedCardTerminal
    from kiosk.devices import DeviceOwner
    from kiosk.devicestate import DevicePoller, read_device_state

    store = Store(tmp_path / "kiosk.db")
    terminal = DeviceOwner("card_terminal", SimulatedCardTerminal(faults=["offline"]))
    cash = DeviceOwner("cash", SimulatedCashDevice())
    try:
        poller = DevicePoller(DeviceStateRecorder(store), terminal, cash, interval_s=60)
        poller.poll_once()
        devices = read_device_state(store)["devices"]
        assert devices["card_terminal"]["online"] is False
        assert devices["cash"]["online"] is True
        assert devices["cash"]["change_cents"] == sum(
            int(value) * count for value, count in devices["cash"]["levels"].items()
        )
        poller.start()
        poller.stop()
    finally:
        terminal.close()
        cash.close()
        store.close()


def _update_sender(tmp_path, backend, kiosk, state_dir):
    kiosk_id, token = kiosk
    sender, store, client = _sender(tmp_path, backend.url, kiosk_id, token)
    updating = HeartbeatSender(
        client,
        store,
        sender._config,
        sender._inbox,
        software_version="1.0.0",
        update_state_dir=state_dir,
    )
    return updating, store, client


def test_the_heartbeat_carries_the_update_state_and_feeds_the_health_gate(tmp_path, backend, kiosk):
    from kiosk.updates import health
    from kiosk.updates.state import StateFile

    kiosk_id, _token = kiosk
    state_dir = tmp_path / "updates"
    why = "health gate: no attract screen from 3.0.0 within 300 s; card 6703123412341234 " * 40
    StateFile(state_dir).fail("rolled_back", "3.0.0", why, block=True)
    sender, store, client = _update_sender(tmp_path, backend, kiosk, state_dir)
    try:
        body = sender.collect()
        assert body["update"]["state"] == "rolled_back" and body["update"]["blocked"] == ["3.0.0"]
        assert "6703123412341234" not in json.dumps(body)  # masked, and bounded
        assert len(body["update"]["reason"]) <= 300
        assert not health._seen(state_dir, health.HEARTBEAT, "1.0.0", 0)
        assert sender.beat().ok
        assert health._seen(state_dir, health.HEARTBEAT, "1.0.0", 0)  # the gate's marker
        k = _admin(backend, "GET", f"/api/v1/admin/fleet/kiosks/{kiosk_id}").json()["kiosk"]
        assert k["update"]["state"] == "rolled_back"
        assert k["update"]["current"] == "1.0.0" and k["update"]["version"] == "3.0.0"
        assert k["update"]["reason"].startswith("health gate: no attract screen")
        assert k["update"]["last_failure"]["version"] == "3.0.0"

        (state_dir / "update-state.json").write_text('{"state": "healthy", "reason": 7}')
        assert sender.beat().ok  # an odd state file never stops the heartbeat
    finally:
        client.close()
        store.close()


def test_a_kiosk_taking_no_updates_sends_no_update_section(tmp_path, backend, kiosk):
    kiosk_id, token = kiosk
    sender, store, client = _sender(tmp_path, backend.url, kiosk_id, token)
    try:
        assert "update" not in sender.collect()
        assert sender.beat().ok  # and the backend takes a heartbeat without one
    finally:
        client.close()
        store.close()


def test_kiosk_sync_run_starts_the_update_agent(tmp_path, backend, kiosk):
    from kiosk.updates.state import StateFile

    kiosk_id, token = kiosk
    state_dir = tmp_path / "updates"
    StateFile(state_dir).fail("rolled_back", "9.9.9", "selftest of 9.9.9 failed", block=True)
    config = write_config(tmp_path, backend.url, token, kiosk_id, tmp_path / "kiosk.db")
    config.write_text(
        config.read_text()
        + "heartbeat_interval_s = 1\n\n[updates]\n"
        + f'public_key = "{"ab" * 32}"\n'
        + f'state_dir = "{state_dir}"\n'
        + f'releases_dir = "{tmp_path / "releases"}"\n'
        + f'current_link = "{tmp_path / "current"}"\n'
    )
    log = (tmp_path / "sync.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--config", str(config), "run"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        reported, beat = [], None
        while time.monotonic() < deadline and not (reported and beat):
            reported = _admin(backend, "GET", "/api/v1/admin/updates/kiosks").json()
            r = _admin(backend, "GET", f"/api/v1/admin/fleet/kiosks/{kiosk_id}")
            beat = r.json()["kiosk"]["update"] if r.status_code == 200 else None
            time.sleep(0.2)
        # The agent reported the state file upstream; the heartbeat carries it too.
        assert [(s["kiosk_id"], s["version"], s["state"]) for s in reported] == [
            (kiosk_id, "9.9.9", "rolled_back")
        ], (tmp_path / "sync.log").read_text()
        assert beat["state"] == "rolled_back" and beat["blocked"] == ["9.9.9"]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            assert proc.wait(30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
            log.close()
