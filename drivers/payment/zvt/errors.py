"""ZVT-specific errors."""

from __future__ import annotations

from drivers.errors import DeviceError


class ZvtProtocolError(DeviceError):
    """Bytes from (or for) the terminal break the ZVT rules; the message says what and where."""
