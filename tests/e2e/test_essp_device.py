"""The real eSSP driver against the eSSP simulator over a real pty."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from drivers.cash.essp.device import EsspCashDevice
from drivers.cash.essp.simulator import EsspCashSimulator
from drivers.cash.interface import CashPayoutError
from drivers.errors import DeviceError, DeviceTimeoutError
from drivers.registry import default_registry

pytestmark = pytest.mark.e2e


@pytest.fixture
def rig():
    sim = EsspCashSimulator()
    uri = sim.start()
    device = default_registry().open("cash", f"{uri}?timeout=0.3&payout_timeout=3")
    assert isinstance(device, EsspCashDevice)
    device._poll_interval = 0.01  # keep the test quick
    yield sim, device
    device.close()
    sim.stop()


def _drain(device, rounds: int = 6) -> list[tuple[str, int, str]]:
    events = []
    for _ in range(rounds):
        events += [(e.kind, e.value_cents, e.detail) for e in device.poll()]
    return events


def test_status_levels_and_encryption_on_open(rig):
    sim, device = rig
    assert device.status().online
    assert device.levels() == {100: 20, 200: 20, 500: 10, 1000: 10, 2000: 5}
    assert {0x4A, 0x4B, 0x4C, 0x06, 0x05} <= set(sim.commands)


def test_accepts_enabled_notes_and_rejects_the_others(rig):
    sim, device = rig
    device.enable(frozenset({1000}))
    sim.insert(1000)
    sim.insert(500)
    events = _drain(device)
    assert ("credit", 1000, "") in events
    assert ("rejected", 0, "") in events
    assert not [e for e in events if e[0] == "credit" and e[1] == 500]
    assert device.levels()[1000] == 11
    device.disable()
    sim.insert(1000)
    assert "credit" not in [e[0] for e in _drain(device)]


@pytest.mark.parametrize(("fault", "expected"), [
    ("jam", ("jam", 0, "safe")),
    ("unsafe_jam", ("jam", 0, "unsafe")),
    ("stacker_full", ("stacker_full", 0, "")),
    ("fraud", ("fraud", 1000, "")),
])
def test_acceptance_faults_are_reported(rig, fault, expected):
    sim, device = rig
    device.enable(frozenset({1000}))
    sim.inject(fault)
    sim.insert(1000)
    events = _drain(device)
    assert expected in events
    assert "credit" not in [e[0] for e in events]


def test_cashbox_removed_and_replaced(rig):
    sim, device = rig
    sim.inject("cashbox_removed")
    assert ("cashbox_removed", 0, "") in _drain(device)
    sim.clear("cashbox_removed")
    assert ("cashbox_replaced", 0, "") in _drain(device)


# PAYOUT AMOUNT as the ITL SMART Payout SSP manual lays it out, written out by hand:
# 33 | amount u32 little-endian | "EUR" | option (0x19 test payout, 0x58 real payout).
SPEC_TEST_PAYOUT_3_00 = bytes.fromhex("33 2C010000 455552 19")
SPEC_REAL_PAYOUT_3_00 = bytes.fromhex("33 2C010000 455552 58")


def test_payout_amount_bytes_match_the_specification(rig):
    sim, device = rig
    assert device.payout(300) == 300
    payouts = [data for data in sim.received if data[:1] == b"\x33"]
    # A test payout first (nothing moves), then the real one.
    assert payouts == [SPEC_TEST_PAYOUT_3_00, SPEC_REAL_PAYOUT_3_00]
    assert sim.paid_out == [300]


def test_a_payout_really_empties_the_twin(rig):
    sim, device = rig
    before = dict(sim.levels)
    assert device.payout(2300) == 2300
    # The twin's own books: one 20 € note, one 2 € and one 1 € coin left the device.
    assert sim.levels == {**before, 2000: before[2000] - 1, 200: before[200] - 1,
                          100: before[100] - 1}
    assert sim.paid_out == [2300]


def test_a_test_payout_alone_moves_nothing(rig):
    sim, device = rig
    link = device._ensure()
    before = dict(sim.levels)
    assert link.command(SPEC_TEST_PAYOUT_3_00, encrypted=True) == b"\xf0"
    assert sim.levels == before and sim.paid_out == []
    # More than the device holds: the test payout says so (F5, "not enough value").
    too_much = bytes.fromhex("33 40420F00 455552 19")
    assert link.command(too_much, encrypted=True) == b"\xf5\x00"


def test_payout_is_encrypted_and_pays_what_the_levels_allow(rig):
    sim, device = rig
    assert device.payout(350) == 300  # no 50-cent coins: 200 + 100
    assert device.levels()[200] == 19 and device.levels()[100] == 19
    assert sim.levels[200] == 19 and sim.levels[100] == 19
    assert ("dispensed", 300) in [(e.kind, e.value_cents) for e in device.poll()]
    # The simulator refuses money commands that are not encrypted.
    link = device._ensure()
    assert link.command(b"\x33" + (100).to_bytes(4, "little") + b"EUR\x19") == b"\xfa"


def test_a_jam_mid_payout_reports_what_left_the_device(rig):
    sim, device = rig
    sim.inject("jam_mid_payout")
    with pytest.raises(CashPayoutError) as caught:
        device.payout(2500)
    assert (caught.value.paid_cents, caught.value.requested_cents) == (2000, 2500)
    assert ("payout_jam", 2000, "") in [(e.kind, e.value_cents, e.detail)
                                         for e in device.poll()]


def test_a_bad_crc_is_retried_transparently(rig):
    sim, device = rig
    device.levels()
    sim.inject("bad_crc")
    before = len(sim.commands)
    assert device.levels()[500] == 10
    assert len(sim.commands) == before + 1  # the retry was answered, not re-executed


def test_a_silent_device_times_out_and_status_says_offline(rig):
    sim, device = rig
    device.levels()
    sim.inject("silent")
    started = time.monotonic()
    with pytest.raises(DeviceTimeoutError, match="no reply to poll after 3 tries"):
        device.poll()
    assert time.monotonic() - started < 3
    assert device.status().online is False
    sim.clear()
    assert device.status().online


def test_route_to_cashbox_and_empty(rig):
    sim, device = rig
    device.route(1000, to_cashbox=True)
    device.enable(frozenset({1000}))
    sim.insert(1000)
    _drain(device)
    assert device.levels()[1000] == 10 and sim.cashbox == {1000: 1}
    moved = device.empty()
    assert moved == 20 * 100 + 20 * 200 + 10 * 500 + 10 * 1000 + 5 * 2000
    assert set(device.levels().values()) == {0}


def test_wrong_protocol_is_refused_clearly():
    with EsspCashSimulator() as sim:
        uri = sim.start()
        device = default_registry().open("cash", f"{uri}?timeout=0.3")
        try:
            import drivers.cash.essp.device as module

            original = module.PROTOCOL_VERSION
            module.PROTOCOL_VERSION = 5
            try:
                with pytest.raises(DeviceError, match="host protocol version 5 refused: fail"):
                    device.levels()
            finally:
                module.PROTOCOL_VERSION = original
        finally:
            device.close()


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "device", "cash", *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_cli_status_accept_and_payout():
    with EsspCashSimulator() as sim:
        uri = sim.start() + "?timeout=0.5"
        status = _kiosk("status", "--uri", uri, "--json")
        assert status.returncode == 0, status.stderr
        data = json.loads(status.stdout)
        assert data["levels"] == {"100": 20, "200": 20, "500": 10, "1000": 10, "2000": 5}

        # 20 € for 12.50 € is refused (no 50-cent coins for the change), 20 € for 12 € taken.
        sim.queue_insert(2000)
        refused = _kiosk("accept", "--uri", uri, "--amount", "12.50", "--wait", "1", "--json")
        assert refused.returncode == 1
        assert json.loads(refused.stdout)["inserted_cents"] == 0
        assert "rejected" in json.loads(refused.stdout)["events"]
        sim.queue_insert(2000)  # fed as soon as the CLI enables the device
        accept = _kiosk("accept", "--uri", uri, "--amount", "12.00", "--wait", "10", "--json")
        assert accept.returncode == 0, accept.stderr
        result = json.loads(accept.stdout)
        assert (result["result"], result["inserted_cents"], result["change_cents"]) == (
            "paid", 2000, 800)
        assert "credit" in result["events"]

        payout = _kiosk("payout", "--uri", uri, "--amount", "2.50", "--json")
        assert json.loads(payout.stdout) == {"requested_cents": 250, "paid_cents": 200}
        assert payout.returncode == 1
