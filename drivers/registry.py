"""The one explicit map from device URIs to drivers.

Every scheme the kiosk understands is listed in :func:`default_registry`; nothing
registers itself by being imported. A scheme whose real driver is not built yet is
still validated (so a production config can be checked today) and fails clearly
when opened.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from drivers.errors import DeviceUnavailableError, DeviceUriError
from drivers.payment.nexo.settings import validate_nexo
from drivers.simulation import (
    CAMERA_FAULTS,
    CASH_FAULTS,
    EID_FAULTS,
    PRINTER_FAULTS,
    TERMINAL_FAULTS,
    faults_from_param,
)
from drivers.uri import DeviceUri, parse_device_uri

DeviceKind = Literal["eid_reader", "printer", "card_terminal", "cash", "camera", "relay",
                     "document_printer"]
DEVICE_KINDS: tuple[DeviceKind, ...] = (
    "eid_reader", "printer", "card_terminal", "cash", "camera", "relay", "document_printer")

Validator = Callable[[DeviceUri], None]
Factory = Callable[[DeviceUri], Any]


@dataclass(frozen=True)
class DriverSpec:
    """One URI scheme: which device kind it serves, how to check and how to open it."""

    scheme: str
    kind: DeviceKind
    validate: Validator
    factory: Factory | None  # None: scheme known, driver not in this build yet
    summary: str


class DeviceRegistry:
    """Maps ``(kind, URI)`` to a driver instance."""

    def __init__(self, specs: Iterable[DriverSpec]) -> None:
        self._specs: dict[tuple[DeviceKind, str], DriverSpec] = {}
        for spec in specs:
            key = (spec.kind, spec.scheme)
            if key in self._specs:
                raise ValueError(f"scheme {spec.scheme!r} registered twice for {spec.kind}")
            self._specs[key] = spec

    def schemes(self, kind: DeviceKind) -> list[str]:
        return sorted(scheme for (k, scheme) in self._specs if k == kind)

    def validate(self, kind: DeviceKind, text: str) -> DeviceUri:
        """Parse and check ``text`` for a device of ``kind``; raises DeviceUriError."""
        if kind not in DEVICE_KINDS:
            raise DeviceUriError(f"unknown device kind {kind!r}")
        uri = parse_device_uri(text)
        spec = self._specs.get((kind, uri.scheme))
        if spec is None:
            raise DeviceUriError(
                f"{text!r}: scheme {uri.scheme!r} is not a {kind} driver; "
                f"use one of: {', '.join(self.schemes(kind))}"
            )
        spec.validate(uri)
        return uri

    def open(self, kind: DeviceKind, text: str) -> Any:
        """Validate ``text`` and open the device it names."""
        uri = self.validate(kind, text)
        spec = self._specs[(kind, uri.scheme)]
        if spec.factory is None:
            raise DeviceUnavailableError(
                f"{text!r}: the {uri.scheme} driver is not part of this build yet"
            )
        return spec.factory(uri)


# --- validators -----------------------------------------------------------------

_USB_ID = re.compile(r"^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$")


def _needs_host(uri: DeviceUri) -> None:
    if not uri.host:
        raise DeviceUriError(f"{uri.text!r}: a host is required ({uri.scheme}://host:port)")
    if uri.port is None and ":" in uri.netloc.rsplit("]", 1)[-1]:
        raise DeviceUriError(f"{uri.text!r}: the port must be a number from 1 to 65535")
    if uri.port is not None and not 0 < uri.port < 65536:
        raise DeviceUriError(f"{uri.text!r}: port {uri.port} is out of range")


def _needs_path(uri: DeviceUri) -> None:
    if uri.netloc or not uri.path.startswith("/"):
        raise DeviceUriError(
            f"{uri.text!r}: expected an absolute device path ({uri.scheme}:///dev/…)"
        )


def _needs_usb_ids(uri: DeviceUri) -> None:
    if not _USB_ID.match(uri.netloc):
        raise DeviceUriError(
            f"{uri.text!r}: expected USB vendor:product in hex ({uri.scheme}://04b8:0e28)"
        )


def _serial(uri: DeviceUri) -> None:
    _needs_path(uri)
    baud = uri.param("baud")
    if baud and not baud.isdigit():
        raise DeviceUriError(f"{uri.text!r}: baud must be a number, got {baud!r}")


def _pcsc(uri: DeviceUri) -> None:
    if uri.netloc or uri.path not in ("", "/"):
        raise DeviceUriError(f"{uri.text!r}: expected pcsc:// or pcsc://?reader=PATTERN")


def _simulator(name: str, faults: Iterable[str]) -> Validator:
    known = frozenset(faults)

    def validate(uri: DeviceUri) -> None:
        if uri.netloc != name:
            raise DeviceUriError(f"{uri.text!r}: expected sim://{name}")
        for fault in faults_from_param(uri.param("fault")):
            if fault not in known:
                raise DeviceUriError(
                    f"{uri.text!r}: unknown fault {fault!r}; known: {', '.join(sorted(known))}"
                )

    return validate


def _faults(uri: DeviceUri) -> list[str]:
    return faults_from_param(uri.param("fault"))


# Drivers and simulators are imported when a device is opened, not with the
# registry: the kiosk validates its config before the first screen, and pyscard,
# cryptography's X.509, the protocol stacks and even the simulators' device models
# would cost that screen. The registry names them by module path instead.

# The simulator twin of each device kind: (module, class); built with its faults.
_SIMULATORS: dict[str, tuple[str, str]] = {
    "eid_reader": ("drivers.eid.simulated", "SimulatedEidReader"),
    "printer": ("drivers.printer.simulated", "SimulatedReceiptPrinter"),
    "card_terminal": ("drivers.payment.simulated", "SimulatedCardTerminal"),
    "cash": ("drivers.cash.simulated", "SimulatedCashDevice"),
}


def _load(module: str, name: str) -> Any:
    """``module.name``, imported now (a missing one is a broken build: let it raise)."""
    return getattr(importlib.import_module(module), name)


def _open_simulator(kind: str) -> Factory:
    module, name = _SIMULATORS[kind]

    def open_(uri: DeviceUri) -> Any:
        return _load(module, name)(_faults(uri))

    return open_


def _open_pcsc(uri: DeviceUri) -> Any:
    from drivers.eid.pcsc import PcscEidReader

    return PcscEidReader(uri.param("reader", "*"))


def _open_zvt(uri: DeviceUri) -> Any:
    from drivers.payment.zvt.factory import open_zvt

    return open_zvt(uri)


def _open_nexo(api_key_file: Path | None) -> Factory:
    def open_(uri: DeviceUri) -> Any:
        from drivers.payment.nexo.factory import open_nexo

        return open_nexo(uri, api_key_file)

    return open_


def _open_essp(uri: DeviceUri) -> Any:
    from drivers.cash.essp.factory import open_essp

    return open_essp(uri)


def _open_escpos(uri: DeviceUri) -> Any:
    # python-escpos's profile database alone costs ~0.3 s to load.
    from drivers.printer.escpos_driver import EscposReceiptPrinter
    from drivers.printer.logo import load_logo
    from drivers.printer.transports import connection_for

    connection = connection_for(uri)
    logo_path = uri.param("logo")
    logo = load_logo(Path(logo_path) if logo_path else None, connection.profile.width_px)
    return EscposReceiptPrinter(connection, logo=logo)


def _open_ipp(uri: DeviceUri) -> Any:
    from drivers.docprinter.ipp.printer import IppDocumentPrinter

    return IppDocumentPrinter(uri.text, verify=uri.param("ca") or True)


def _v4l2(uri: DeviceUri) -> None:
    from drivers.camera.settings import V4l2Settings  # only for a config with a camera

    V4l2Settings.from_uri(uri)


def _sim_camera(uri: DeviceUri) -> None:
    from drivers.camera.settings import SimSettings

    _simulator("camera", CAMERA_FAULTS)(uri)
    SimSettings.from_uri(uri)


def _open_v4l2(uri: DeviceUri) -> Any:
    # OpenCV and zxing-cpp: only when a real camera is opened.
    from drivers.camera.v4l2 import open_v4l2

    return open_v4l2(uri)


def _modbus(uri: DeviceUri) -> None:
    from drivers.relay.factory import modbus_params  # stdlib only: cheap

    modbus_params(uri)


def _open_modbus(uri: DeviceUri) -> Any:
    # pymodbus: only when a controller is opened.
    from drivers.relay.factory import open_modbus

    return open_modbus(uri)


def _open_sim_camera(uri: DeviceUri) -> Any:
    from drivers.camera.settings import SimSettings

    return _load("drivers.camera.simulated", "SimulatedCamera")(
        _faults(uri), SimSettings.from_uri(uri))


def default_registry(nexo_api_key_file: Path | None = None) -> DeviceRegistry:
    """Every scheme the kiosk knows, spelled out. ``nexo_api_key_file`` is
    ``[payments] nexo_api_key_file`` (``KIOSK_NEXO_API_KEY`` wins over it)."""
    return DeviceRegistry([
        DriverSpec("pcsc", "eid_reader", _pcsc, _open_pcsc, "PC/SC reader (pyscard)"),
        DriverSpec("sim", "eid_reader", _simulator("eid", EID_FAULTS),
                   _open_simulator("eid_reader"), "simulated eID reader"),
        DriverSpec("escpos+tcp", "printer", _needs_host, _open_escpos, "ESC/POS over TCP"),
        DriverSpec("escpos+usb", "printer", _needs_usb_ids, _open_escpos, "ESC/POS over USB"),
        DriverSpec("escpos+serial", "printer", _serial, _open_escpos, "ESC/POS over serial"),
        DriverSpec("escpos+file", "printer", _needs_path, _open_escpos, "ESC/POS to a device file"),
        DriverSpec("sim", "printer", _simulator("printer", PRINTER_FAULTS),
                   _open_simulator("printer"), "simulated printer"),
        DriverSpec("zvt+tcp", "card_terminal", _needs_host, _open_zvt, "ZVT over TCP"),
        DriverSpec("zvt+serial", "card_terminal", _serial, _open_zvt, "ZVT over serial"),
        DriverSpec("nexo+https", "card_terminal", validate_nexo, _open_nexo(nexo_api_key_file),
                   "nexo Sale to POI over HTTPS"),
        DriverSpec("nexo+http", "card_terminal", validate_nexo, _open_nexo(nexo_api_key_file),
                   "nexo Sale to POI over HTTP (this machine only)"),
        DriverSpec("sim", "card_terminal", _simulator("payment", TERMINAL_FAULTS),
                   _open_simulator("card_terminal"), "simulated card terminal"),
        DriverSpec("essp+serial", "cash", _serial, _open_essp, "eSSP note/coin device"),
        DriverSpec("sim", "cash", _simulator("cash", CASH_FAULTS),
                   _open_simulator("cash"), "simulated cash device"),
        DriverSpec("v4l2", "camera", _v4l2, _open_v4l2, "V4L2 camera (OpenCV)"),
        DriverSpec("sim", "camera", _sim_camera, _open_sim_camera, "simulated camera"),
        DriverSpec("modbus+tcp", "relay", _modbus, _open_modbus,
                   "relay/IO controller over Modbus TCP (pymodbus)"),
        DriverSpec("ipp", "document_printer", _needs_host, _open_ipp, "A4 printer, IPP"),
        DriverSpec("ipps", "document_printer", _needs_host, _open_ipp, "A4 printer, IPP/TLS"),
    ])
