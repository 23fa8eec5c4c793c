"""Cashbox fill: the eSSP driver counts notes routed to the cashbox (against the URI's
capacity), an "empty all" moves the recycler's notes there, a replaced cashbox starts
again at zero; the device poller records it and the heartbeat opens (and later
resolves) the "cashbox full" alert on a real backend."""

from __future__ import annotations

import pytest

from drivers.cash.cashbox import CashboxCounter
from drivers.cash.essp.simulator import EsspCashSimulator
from drivers.cash.simulated import SimulatedCashDevice
from drivers.registry import default_registry
from kiosk.config.loader import config_from_mapping
from kiosk.devices import DeviceOwner
from kiosk.devicestate import DevicePoller, DeviceStateRecorder, read_device_state
from kiosk.store.database import Store
from sync.heartbeat import HeartbeatClient, HeartbeatSender, utc_now
from sync.heartbeat_config import RemoteConfigInbox
from tests.backend.harness import threaded_backend


def _feed(device, sim: EsspCashSimulator, notes: list[int]) -> list[str]:
    """Insert ``notes`` one by one and poll until each is credited; the event kinds."""
    kinds: list[str] = []
    for value in notes:
        sim.insert(value)
        for _ in range(10):  # read, credit+stacking, stacked: three polls a note
            kinds += [e.kind for e in device.poll()]
    return kinds


def test_the_essp_driver_counts_notes_into_the_cashbox(tmp_path):
    with EsspCashSimulator() as sim:
        uri = sim.start()
        device = default_registry().open("cash", f"{uri}?cashbox_capacity=10")
        try:
            device.enable(frozenset({500, 1000, 2000, 5000}))
            device.route(5000, to_cashbox=True)
            assert device.cashbox().notes == 0
            kinds = _feed(device, sim, [5000, 5000, 1000])
            assert kinds.count("credit") == 3
            fill = device.cashbox()
            assert (fill.notes, fill.capacity, fill.percent) == (2, 10, 20.0)
            assert sim.cashbox == {5000: 2}  # the simulator agrees with our count
            recycled = sum(device.levels().values())
            device.empty()
            assert device.cashbox().notes == 2 + recycled
            sim.inject("cashbox_removed")
            sim.clear("cashbox_removed")  # staff put it back empty
            for _ in range(3):
                device.poll()
            assert device.cashbox().notes == 0
        finally:
            device.close()


def test_the_cashbox_count_refuses_nonsense():
    with pytest.raises(ValueError, match="capacity"):
        CashboxCounter(0)
    counter = CashboxCounter(4)
    counter.seen("stacker_full", 0)
    assert counter.fill().percent == 100.0


def _sender(tmp_path, url: str, kiosk_id: str, token: str, store: Store):
    config = config_from_mapping(
        {
            "kiosk": {"id": kiosk_id, "site": "bxl-centre"},
            "store": {"path": str(tmp_path / "kiosk.db")},
            "backend": {"url": url, "timeout_s": 3.0},
        },
        default_registry(),
    )
    client = HeartbeatClient(url, token, 3.0)
    inbox = RemoteConfigInbox(store, config, default_registry(), utc_now)
    return HeartbeatSender(client, store, config, inbox), client


def test_a_filling_cashbox_opens_the_alert_through_the_heartbeat(tmp_path):
    backend_db = f"sqlite:///{tmp_path / 'backend.db'}"
    store = Store(tmp_path / "kiosk.db")
    sim = EsspCashSimulator()
    uri = sim.start()
    cash = DeviceOwner("cash", default_registry().open("cash", f"{uri}?cashbox_capacity=10"))
    try:
        with threaded_backend(backend_db) as backend:
            kiosk_id, token = backend.device(site="bxl-centre", kiosk_id="bxl-centre-07")
            sender, client = _sender(tmp_path, backend.url, kiosk_id, token, store)
            poller = DevicePoller(DeviceStateRecorder(store), None, cash, interval_s=60)
            try:
                cash.call(lambda d: d.enable(frozenset({5000})), 10)
                cash.call(lambda d: d.route(5000, to_cashbox=True), 10)
                cash.call(lambda d: _feed(d, sim, [5000] * 8), 30)
                poller.poll_once()
                assert read_device_state(store)["devices"]["cash"]["cashbox_fill_pct"] == 80.0
                result = sender.beat()
                assert result.ok, result.error
                assert "cashbox_full" not in result.answer["open_alerts"]
                cash.call(lambda d: _feed(d, sim, [5000]), 30)
                poller.poll_once()
                result = sender.beat()
                assert result.ok, result.error
                assert "cashbox_full" in result.answer["open_alerts"]
                # Emptied by staff: the alert resolves by itself on the next heartbeat.
                sim.inject("cashbox_removed")
                sim.clear("cashbox_removed")
                cash.call(lambda d: [d.poll() for _ in range(3)], 30)
                poller.poll_once()
                result = sender.beat()
                assert "cashbox_full" not in result.answer["open_alerts"]
            finally:
                poller.stop()
                client.close()
    finally:
        cash.close()
        sim.stop()
        store.close()


def test_the_in_process_simulator_counts_too():
    device = SimulatedCashDevice(cashbox_capacity=4)
    device.enable(frozenset({2000}))
    device.route(2000, to_cashbox=True)
    device.insert(2000)
    device.insert(2000)
    assert device.cashbox().percent == 50.0


def test_the_cashbox_count_survives_a_restart_of_the_kiosk_process(tmp_path):
    """The notes are still in the box after the UI restarts: the count is kept in the
    store and handed to the next process's driver; a replaced box starts at 0 again,
    also after the next restart."""
    path = tmp_path / "kiosk.db"

    def start_process(sim_uri: str):
        """What a new UI process does: a store, a fresh driver, the poller restores."""
        store = Store(path)
        device = default_registry().open("cash", f"{sim_uri}?cashbox_capacity=10")
        cash = DeviceOwner("cash", device)
        poller = DevicePoller(DeviceStateRecorder(store), None, cash, interval_s=60)
        poller.restore_cashbox()
        return store, cash, poller

    with EsspCashSimulator() as sim:
        uri = sim.start()
        store, cash, poller = start_process(uri)
        cash.call(lambda d: d.enable(frozenset({5000})), 10)
        cash.call(lambda d: d.route(5000, to_cashbox=True), 10)
        cash.call(lambda d: _feed(d, sim, [5000] * 8), 30)
        poller.poll_once()
        cash.close()
        store.close()

        store, cash, poller = start_process(uri)  # the restart
        try:
            assert cash.call(lambda d: d.cashbox().notes, 10) == 8
            cash.call(lambda d: d.enable(frozenset({5000})), 10)
            cash.call(lambda d: d.route(5000, to_cashbox=True), 10)
            cash.call(lambda d: _feed(d, sim, [5000]), 30)
            poller.poll_once()
            assert read_device_state(store)["devices"]["cash"]["cashbox_fill_pct"] == 90.0
            sim.inject("cashbox_removed")
            sim.clear("cashbox_removed")  # staff emptied it
            cash.call(lambda d: [d.poll() for _ in range(3)], 30)
            poller.poll_once()
        finally:
            cash.close()
            store.close()

        store, cash, poller = start_process(uri)  # and once more: the empty box stays 0
        try:
            assert cash.call(lambda d: d.cashbox().notes, 10) == 0
        finally:
            cash.close()
            store.close()
