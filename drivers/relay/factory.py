"""Open a :class:`ModbusRelayController` from ``modbus+tcp://host[:port]?unit=1[&timeout=2]``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drivers.errors import DeviceUriError
from drivers.uri import DeviceUri

if TYPE_CHECKING:
    from drivers.relay.modbus import ModbusRelayController

DEFAULT_PORT = 502


def modbus_params(uri: DeviceUri) -> tuple[str, int, int, float]:
    """(host, port, unit, timeout_s) from the URI; DeviceUriError names a bad part."""
    if not uri.host:
        raise DeviceUriError(f"{uri.text!r}: a host is required (modbus+tcp://host:502?unit=1)")
    if uri.port is None and ":" in uri.netloc.rsplit("]", 1)[-1]:
        raise DeviceUriError(f"{uri.text!r}: the port must be a number from 1 to 65535")
    unit_text = uri.param("unit", "1")
    if not unit_text.isdigit() or not 0 <= int(unit_text) <= 247:
        raise DeviceUriError(
            f"{uri.text!r}: unit must be a Modbus unit id 0..247, got {unit_text!r}")
    timeout_text = uri.param("timeout", "2")
    try:
        timeout = float(timeout_text)
    except ValueError:
        raise DeviceUriError(
            f"{uri.text!r}: timeout must be seconds, got {timeout_text!r}") from None
    if not 0 < timeout <= 60:
        raise DeviceUriError(f"{uri.text!r}: timeout must be between 0 and 60 s")
    unknown = sorted(set(uri.params) - {"unit", "timeout"})
    if unknown:
        raise DeviceUriError(f"{uri.text!r}: unknown parameter {', '.join(unknown)}")
    return uri.host, uri.port or DEFAULT_PORT, int(unit_text), timeout


def open_modbus(uri: DeviceUri) -> ModbusRelayController:
    """The controller named by ``uri`` (pymodbus imported only here)."""
    from drivers.relay.modbus import ModbusRelayController

    host, port, unit, timeout = modbus_params(uri)
    return ModbusRelayController(host, port, unit, timeout)
