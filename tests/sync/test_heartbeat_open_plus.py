"""An Open+ door's state in the heartbeat, and the fleet's alerts from it (real backend)."""

from __future__ import annotations

import requests

from drivers.registry import default_registry
from kiosk.config.loader import config_from_mapping
from kiosk.library.access.journal import AccessJournal
from kiosk.store.database import Store
from sync.heartbeat import HeartbeatClient, HeartbeatSender, utc_now
from sync.heartbeat_config import RemoteConfigInbox


def test_open_plus_alerts_reach_the_fleet(tmp_path, backend, kiosk):
    kiosk_id, token = kiosk
    journal_path = tmp_path / "access.db"
    journal = AccessJournal(journal_path)
    journal.log_switch("self-service", "lights on", True)
    journal.log_entry("granted", "welcome", "self-service", "card", "0123456789ab")
    journal.raise_alert("door_forced", "door opened while locked (self-service)")
    journal.confirm("0123456789abcdef")
    journal.close()
    config = config_from_mapping(
        {
            "kiosk": {"id": kiosk_id, "site": "bxl-centre", "mode": "library"},
            "store": {"path": str(tmp_path / "kiosk.db")},
            "backend": {"url": backend.url, "timeout_s": 3.0},
            "library": {"access": {"controller": "modbus+tcp://127.0.0.1:5020",
                                   "journal_path": str(journal_path)}},
        },
        default_registry(),
    )
    store = Store(tmp_path / "kiosk.db")
    client = HeartbeatClient(backend.url, token, 3.0)
    sender = HeartbeatSender(client, store, config,
                             RemoteConfigInbox(store, config, default_registry(), utc_now))
    try:
        body = sender.collect()
        section = body["open_plus"]
        assert section["mode"] == "self-service"  # no hours configured: card mode
        assert section["last_switch"]["action"] == "lights on"
        assert [w["action"] for w in section["switches"]] == ["lights on"]
        assert [a["kind"] for a in section["alerts"]] == ["door_forced"]
        assert section["allow_list"]["size"] == 1
        assert sender.beat().ok
        kiosk_state = requests.get(
            f"{backend.url}/api/v1/admin/fleet/kiosks/{kiosk_id}", timeout=10,
            headers={"Authorization": f"Bearer {backend.admin}"}).json()["kiosk"]
        assert "door_forced" in kiosk_state["open_alerts"]
        assert kiosk_state["status"] == "degraded"
    finally:
        client.close()
        store.close()
