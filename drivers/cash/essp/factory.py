"""Open an :class:`EsspCashDevice` from its device URI (used by the registry)."""

from __future__ import annotations

from drivers.cash.essp.device import EsspCashDevice, open_serial
from drivers.cash.interface import DEFAULT_CASHBOX_CAPACITY
from drivers.errors import DeviceUriError
from drivers.uri import DeviceUri


def _number(uri: DeviceUri, name: str, default: float) -> float:
    text = uri.param(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise DeviceUriError(f"{uri.text!r}: {name} must be a number, got {text!r}") from None
    if value < 0:
        raise DeviceUriError(f"{uri.text!r}: {name} must not be negative")
    return value


def open_essp(uri: DeviceUri) -> EsspCashDevice:
    """``essp+serial:///dev/ttyACM0``; optional ``baud=``, ``address=`` (SSP address,
    0 for a validator, 16 for a hopper), ``timeout=`` (s per reply), ``retries=``,
    ``cashbox_capacity=`` (notes the cashbox holds, for its fill level)."""
    baud = int(_number(uri, "baud", 9600))
    address = int(_number(uri, "address", 0))
    path = uri.path
    return EsspCashDevice(
        lambda: open_serial(path, baud),
        path,
        address=address,
        timeout=_number(uri, "timeout", 1.0),
        retries=int(_number(uri, "retries", 3)) or 1,
        payout_timeout=_number(uri, "payout_timeout", 30.0),
        cashbox_capacity=int(_number(uri, "cashbox_capacity", DEFAULT_CASHBOX_CAPACITY)) or 1,
    )
