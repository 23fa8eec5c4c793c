"""A relay/IO controller over Modbus TCP, through pymodbus's synchronous client.

Function codes used: 01 read coils, 02 read discrete inputs, 05 write single coil
(0xFF00 on, 0x0000 off). An exception response (function code | 0x80) is reported
with its meaning and the address asked for; a controller that does not answer within
``timeout_s`` is a DeviceTimeoutError, one that refuses the connection a
DeviceUnavailableError. pymodbus reconnects by itself on the next call.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from pymodbus.client import ModbusTcpClient
from pymodbus.exceptions import ConnectionException, ModbusException, ModbusIOException

from drivers.errors import DeviceError, DeviceTimeoutError, DeviceUnavailableError

log = logging.getLogger(__name__)

# Modbus exception codes (Modbus Application Protocol v1.1b3, section 7).
EXCEPTION_CODES = {
    0x01: "illegal function",
    0x02: "illegal data address",
    0x03: "illegal data value",
    0x04: "server device failure",
    0x06: "server device busy",
    0x0A: "gateway path unavailable",
    0x0B: "gateway target failed to respond",
}
MAX_ADDRESS = 0xFFFF


class ModbusRelayController:
    """Coils and discrete inputs of one Modbus TCP unit; calls are serialised."""

    def __init__(self, host: str, port: int = 502, unit: int = 1, timeout_s: float = 2.0) -> None:
        self._host, self._port, self._unit = host, port, unit
        # retries=0: a door pulse must not be sent twice by a library retry; the
        # caller decides what to do with a failure.
        self._client = ModbusTcpClient(
            host, port=port, timeout=timeout_s, retries=0, reconnect_delay=0.0
        )
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return f"{self._host}:{self._port}/unit {self._unit}"

    def set_coil(self, address: int, on: bool) -> None:
        """Write single coil (05)."""
        self._request("write coil", address, lambda: self._client.write_coil(
            _address(address), bool(on), device_id=self._unit))

    def read_coils(self, address: int, count: int = 1) -> list[bool]:
        """Read coils (01)."""
        if not 1 <= count <= 2000:
            raise ValueError(f"coil count {count} out of range 1..2000")
        response = self._request("read coils", address, lambda: self._client.read_coils(
            _address(address), count=count, device_id=self._unit))
        return [bool(b) for b in response.bits[:count]]

    def read_input(self, address: int) -> bool:
        """Read one discrete input (02)."""
        response = self._request(
            "read discrete input", address,
            lambda: self._client.read_discrete_inputs(
                _address(address), count=1, device_id=self._unit))
        return bool(response.bits[0])

    def close(self) -> None:
        with self._lock:
            self._client.close()

    def _request(self, what: str, address: int, call: Any) -> Any:
        where = f"{what} {address} on {self.name}"
        with self._lock:
            if not self._client.connected and not self._client.connect():
                raise DeviceUnavailableError(f"relay controller {self.name} does not answer")
            try:
                response = call()
            except ConnectionException as exc:
                self._client.close()
                raise DeviceUnavailableError(f"{where}: connection lost ({exc})") from None
            except ModbusIOException as exc:
                # A late answer would be taken for the next request's: start afresh.
                self._client.close()
                raise DeviceTimeoutError(f"{where}: no answer ({exc})") from None
            except ModbusException as exc:
                self._client.close()
                raise DeviceError(f"{where}: {exc}") from None
        if response.isError():
            code = getattr(response, "exception_code", 0)
            meaning = EXCEPTION_CODES.get(code, f"exception code {code}")
            raise DeviceError(f"{where}: the controller answered {meaning}")
        return response


def _address(address: int) -> int:
    if not 0 <= address <= MAX_ADDRESS:
        raise ValueError(f"Modbus address {address} out of range 0..{MAX_ADDRESS}")
    return address
