"""The relay/IO controller as the core sees it: numbered coils out, discrete inputs in.

Addresses are the controller's own zero-based Modbus addresses, as the installer wires
them and writes them in the configuration; nothing here knows what a coil switches.
"""

from __future__ import annotations

from typing import Protocol


class RelayController(Protocol):
    """Coils (outputs) and discrete inputs of one controller. Calls come from its owner
    thread; each call is one bounded request and raises DeviceError (DeviceTimeoutError,
    DeviceUnavailableError) naming the controller and the address when it fails."""

    @property
    def name(self) -> str:
        """Where the controller is (host:port/unit), for messages and the journal."""
        ...

    def set_coil(self, address: int, on: bool) -> None:
        """Switch one coil on or off."""
        ...

    def read_coils(self, address: int, count: int = 1) -> list[bool]:
        """The state of ``count`` coils from ``address`` on."""
        ...

    def read_input(self, address: int) -> bool:
        """One discrete input (a door contact: True = closed circuit, as wired)."""
        ...

    def close(self) -> None:
        ...
