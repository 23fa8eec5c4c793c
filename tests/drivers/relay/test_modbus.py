"""The Modbus TCP relay driver against pymodbus's own server on 127.0.0.1."""

from __future__ import annotations

import socket
import struct
import time
from collections.abc import Iterator

import pytest

from drivers.errors import DeviceError, DeviceTimeoutError, DeviceUnavailableError, DeviceUriError
from drivers.registry import DeviceRegistry, default_registry
from tests.drivers.relay.modbus_peer import ModbusPeer, modbus_peer


@pytest.fixture(scope="module")
def peer() -> Iterator[ModbusPeer]:
    with modbus_peer(unit=3) as p:
        yield p


@pytest.fixture
def controller(peer: ModbusPeer):
    c = default_registry().open("relay", peer.uri)
    yield c
    c.close()


def test_write_coil_is_function_05_with_ff00_on_the_wire(peer: ModbusPeer, controller) -> None:
    peer.frames.clear()
    controller.set_coil(4, True)
    controller.set_coil(4, False)
    # MBAP: transaction id, protocol 0, length 6, unit 3; PDU 05, address, FF00 / 0000.
    first, second = peer.frames[-2:]
    tid1, proto, length, unit = struct.unpack(">HHHB", first[:7])
    assert (proto, length, unit) == (0, 6, 3)
    assert first[7:] == bytes.fromhex("05 0004 FF00")
    assert second[7:] == bytes.fromhex("05 0004 0000")
    assert struct.unpack(">H", second[:2])[0] != tid1  # a new transaction each request


def test_coils_land_in_the_servers_datastore(peer: ModbusPeer, controller) -> None:
    controller.set_coil(1, True)
    controller.set_coil(6, True)
    assert peer.coils(0, 8) == [False, True, False, False, False, False, True, False]
    assert controller.read_coils(0, 8) == peer.coils(0, 8)
    controller.set_coil(1, False)
    controller.set_coil(6, False)
    assert not any(peer.coils())


def test_discrete_input_reads_the_contact(peer: ModbusPeer, controller) -> None:
    peer.inputs[2] = True
    try:
        assert controller.read_input(2) is True
        assert controller.read_input(1) is False
        assert peer.frames[-1][7:] == bytes.fromhex("02 0001 0001")
    finally:
        peer.inputs[2] = False


def test_exception_response_names_meaning_and_address(controller) -> None:
    with pytest.raises(DeviceError, match=r"read coils 200 .*illegal data address"):
        controller.read_coils(200)


def test_refused_connection_is_unavailable() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = default_registry().open("relay", f"modbus+tcp://127.0.0.1:{port}?unit=1&timeout=1")
    with pytest.raises(DeviceUnavailableError, match="does not answer"):
        c.set_coil(0, True)


def test_silent_controller_times_out_within_its_timeout() -> None:
    with socket.socket() as listener:  # accepts, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        c = default_registry().open("relay", f"modbus+tcp://127.0.0.1:{port}?unit=1&timeout=0.5")
        started = time.monotonic()
        with pytest.raises(DeviceTimeoutError, match="coil 0"):
            c.set_coil(0, True)
        assert time.monotonic() - started < 5
        c.close()


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("modbus+tcp://", "a host is required"),
        ("modbus+tcp://10.0.0.5:502?unit=300", "unit must be a Modbus unit id"),
        ("modbus+tcp://10.0.0.5?timeout=soon", "timeout must be seconds"),
        ("modbus+tcp://10.0.0.5?unti=1", "unknown parameter unti"),
    ],
)
def test_bad_uris_are_refused_with_the_reason(uri: str, message: str) -> None:
    with pytest.raises(DeviceUriError, match=message):
        DeviceRegistry.validate(default_registry(), "relay", uri)


def test_registry_knows_the_scheme() -> None:
    assert default_registry().schemes("relay") == ["modbus+tcp"]
