"""Opening python-escpos printers from device URIs, and the printer profiles.

``escpos+tcp://host:9100``, ``escpos+serial:///dev/ttyS0?baud=19200``,
``escpos+usb://04b8:0e28`` and ``escpos+file:///dev/usb/lp0``; each takes
``?profile=NAME`` (a python-escpos profile: TM-T88V for 80 mm, ZJ-5870 for 58 mm…).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drivers.errors import DeviceUriError
from drivers.uri import DeviceUri

DEFAULT_PROFILE = "TM-T88V"
DEFAULT_SERIAL_BAUD = 19200


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    columns: int  # characters per line in the normal font
    width_px: int  # printable dots per line
    mm: float


def printer_profile(name: str) -> PrinterProfile:
    """The python-escpos profile called ``name``; DeviceUriError naming the known ones."""
    from escpos.capabilities import CAPABILITIES  # heavy (~0.3 s): only when a printer opens

    profiles = CAPABILITIES["profiles"]
    if name not in profiles:
        raise DeviceUriError(
            f"unknown printer profile {name!r}; known: {', '.join(sorted(profiles))}")
    data = profiles[name]
    return PrinterProfile(
        name=name,
        columns=int(data["fonts"]["0"]["columns"]),
        width_px=int(data["media"]["width"].get("pixels") or 512),
        mm=float(data["media"]["width"].get("mm") or 80),
    )


@dataclass(frozen=True)
class EscposConnection:
    """How to (re)open one printer, and how to bound its reads."""

    open: Callable[[], Any]
    set_read_timeout: Callable[[Any, float], None]
    profile: PrinterProfile
    # One status answer. python-escpos's own _read asks serial ports for 16 bytes and
    # so always waits the whole timeout for a 1-byte answer; read what is there.
    read_answer: Callable[[Any], bytes] = lambda printer: printer._read()
    can_read: bool = True  # a plain device file cannot answer status queries


def connection_for(uri: DeviceUri, timeout_s: float = 5.0) -> EscposConnection:
    """Everything needed to talk to the printer at ``uri`` (nothing is opened yet)."""
    from escpos import printer as escpos_printer

    profile = printer_profile(uri.param("profile", DEFAULT_PROFILE))
    if uri.scheme == "escpos+tcp":
        host, port = uri.host, uri.port or 9100

        class Network(escpos_printer.Network):  # type: ignore[misc]
            """python-escpos's Network, but a refused connection closes its socket
            (the library leaks it) and the error keeps its cause."""

            def open(self, raise_not_found: bool = True) -> None:
                self.device = socket.create_connection((host, port), timeout=timeout_s)

        def open_network() -> Any:
            return Network(host, port, timeout=timeout_s, profile=profile.name)

        return EscposConnection(open_network, _socket_timeout, profile)
    if uri.scheme == "escpos+serial":
        baud = int(uri.param("baud") or DEFAULT_SERIAL_BAUD)

        def open_serial() -> Any:
            return escpos_printer.Serial(devfile=uri.path, baudrate=baud, timeout=timeout_s,
                                         dsrdtr=False, profile=profile.name)

        return EscposConnection(open_serial, _serial_timeout, profile,
                                read_answer=lambda printer: printer.device.read(1))
    if uri.scheme == "escpos+usb":
        vendor, product = (int(part, 16) for part in uri.netloc.split(":"))

        def open_usb() -> Any:
            return escpos_printer.Usb(vendor, product, timeout=int(timeout_s * 1000),
                                      profile=profile.name)

        return EscposConnection(open_usb, _usb_timeout, profile)
    if uri.scheme == "escpos+file":

        def open_file() -> Any:
            return escpos_printer.File(devfile=uri.path, profile=profile.name)

        return EscposConnection(open_file, lambda printer, seconds: None, profile, can_read=False)
    raise DeviceUriError(f"{uri.text!r}: not an ESC/POS printer URI")


def _socket_timeout(printer: Any, seconds: float) -> None:
    device: socket.socket = printer.device
    device.settimeout(seconds)


def _serial_timeout(printer: Any, seconds: float) -> None:
    printer.device.timeout = seconds


def _usb_timeout(printer: Any, seconds: float) -> None:
    printer.timeout = int(seconds * 1000)
