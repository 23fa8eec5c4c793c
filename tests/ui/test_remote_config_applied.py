"""Remote configuration end to end: central IT sets a per-kiosk value on a real backend
→ the heartbeat answer carries it → the sync side keeps it pending in the store → the
running UI (real QML) takes it on the attract screen, not during a session → the next
heartbeat reports the new config version. An unknown service id is refused."""

from __future__ import annotations

import requests

from drivers.registry import default_registry
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.services import build_services
from kiosk.store.database import Store
from sync.heartbeat import HeartbeatClient, HeartbeatSender, utc_now
from sync.heartbeat_config import RemoteConfigInbox, pending_remote_config
from tests.backend.harness import threaded_backend
from tests.ui.harness import DEVICES
from ui.app import start_ui
from ui.scripted import find_item, wait_until

T = 10
KIOSK = "bxl-centre-05"
ENABLED = ["queue-ticket", "cert-residence"]


def _put(backend, values: dict) -> None:
    r = requests.put(
        f"{backend.url}/api/v1/admin/fleet-config/kiosk/{KIOSK}",
        json={"values": values},
        timeout=T,
        headers={"Authorization": f"Bearer {backend.admin}"},
    )
    assert r.status_code == 200, r.text


def _fleet_row(backend) -> dict:
    r = requests.get(
        f"{backend.url}/api/v1/admin/fleet/kiosks/{KIOSK}",
        timeout=T,
        headers={"Authorization": f"Bearer {backend.admin}"},
    )
    assert r.status_code == 200, r.text
    return r.json()["kiosk"]


def test_a_per_kiosk_value_reaches_the_running_ui_when_idle(qapp, tmp_path):
    registry = default_registry()
    with threaded_backend(f"sqlite:///{tmp_path / 'backend.db'}") as backend:
        _, token = backend.device(site="bxl-centre", kiosk_id=KIOSK)
        config = config_from_mapping(
            {
                "kiosk": {"id": KIOSK, "site": "bxl-centre"},
                "store": {"path": str(tmp_path / "kiosk.db")},
                "backend": {"url": backend.url, "timeout_s": 3.0},
                "devices": DEVICES,
            },
            registry,
        )
        store = Store(tmp_path / "kiosk.db")
        client = HeartbeatClient(backend.url, token, 3.0)
        inbox = RemoteConfigInbox(store, config, registry, utc_now)
        sender = HeartbeatSender(client, store, config, inbox)
        core = build_journey_core(config)
        ui = start_ui(
            qapp,
            core,
            540,
            960,
            False,
            lambda: build_services(config, registry, core.catalog, {}),
            city_platform=lambda: None,
        )
        try:
            wait_until(lambda: ui.services is not None or ui.startup_error, 15, "the services")
            assert ui.startup_error is None and ui.running is not None
            every = {row["id"] for row in ui.view_model.services}
            assert set(ENABLED) < every
            assert sender.beat().ok
            before = _fleet_row(backend)["config_version"]

            # An id the catalog does not know: refused by the kiosk, reported back.
            _put(backend, {"kiosk": {"enabled_services": ["cert-unicorn"]}})
            result = sender.beat()
            assert result.ok and pending_remote_config(store) is None
            assert "cert-unicorn" in (inbox.state().refused_reason or "")

            _put(backend, {"kiosk": {"enabled_services": ENABLED}})
            assert sender.beat().ok
            assert pending_remote_config(store) is not None

            # A citizen is busy: nothing changes under their finger.
            core.journey.start()
            ui.running.remote_config.check()
            qapp.processEvents()
            assert pending_remote_config(store) is not None
            assert {row["id"] for row in ui.view_model.services} == every

            core.journey.cancel()  # back on the attract screen: the idle moment
            ui.running.remote_config.check()
            wait_until(lambda: pending_remote_config(store) is None, 10, "the override applied")
            assert [row["id"] for row in ui.view_model.services] == ENABLED
            assert find_item(ui.window, "attractView") is not None

            result = sender.beat()
            assert result.ok, result.error
            row = _fleet_row(backend)
            assert row["config_version"] != before
            assert row["config_version"] == inbox.effective_version()
            assert row["remote_config"]["applied"] == inbox.state().applied.version
        finally:
            ui.close()
            client.close()
            store.close()
