"""``kiosk provision detect``: what is plugged in, and the device URIs to configure it.

Each probe is independent and never raises: a missing pcscd, no USB bus or no
permission becomes a note in the result, so a bare machine gets empty lists.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

USB_PRINTER_CLASS = 7

# USB ids of the models the city uses, to tell a cash device from a card terminal when
# both sit behind USB serial bridges (vendor:product → device kind).
KNOWN_SERIAL_DEVICES: dict[str, str] = {
    "191c:4104": "cash",  # Innovative Technology NV200 / SMART Payout (eSSP)
    "191c:4101": "cash",  # Innovative Technology NV9 (eSSP)
    "0403:6001": "card_terminal",  # FTDI bridge on the ZVT terminals' cable
    "079b:0028": "card_terminal",  # Ingenico USB serial
}


@dataclass(frozen=True)
class Found:
    """One device found; ``uri`` is the proposed device URI (None: not sure what it is)."""

    kind: str  # eid_reader | printer | card_terminal | cash | camera | serial
    name: str
    uri: str | None
    usb_id: str | None = None  # vendor:product, hex


@dataclass
class Detection:
    readers: list[Found] = field(default_factory=list)
    serial_ports: list[Found] = field(default_factory=list)
    printers: list[Found] = field(default_factory=list)
    cameras: list[Found] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # probes that could not look

    def proposed(self) -> dict[str, str]:
        """Device kind → URI for the config's [devices]: the first of each kind."""
        devices: dict[str, str] = {}
        for found in (*self.readers, *self.printers, *self.serial_ports, *self.cameras):
            if found.uri and found.kind not in devices:
                devices[found.kind] = found.uri
        return devices

    def usb_ids(self) -> dict[str, str]:
        """Device kind → vendor:product of the first device of that kind (for udev)."""
        ids: dict[str, str] = {}
        for found in (*self.printers, *self.serial_ports):
            if found.usb_id and found.kind not in ids and found.kind != "serial":
                ids[found.kind] = found.usb_id
        return ids

    def to_json(self) -> dict[str, Any]:
        return {
            "readers": [asdict(f) for f in self.readers],
            "serial_ports": [asdict(f) for f in self.serial_ports],
            "printers": [asdict(f) for f in self.printers],
            "cameras": [asdict(f) for f in self.cameras],
            "proposed": self.proposed(),
            "notes": list(self.notes),
        }


def pcsc_readers() -> list[str]:
    """Reader names from pcscd (``PCSCLITE_CSOCK_NAME`` chooses the daemon)."""
    from drivers.eid.pcsc import PcscEidReader

    reader = PcscEidReader()
    try:
        return reader.list_readers()
    finally:
        reader.close()


def serial_ports() -> list[tuple[str, int | None, int | None, str]]:
    """(device, vid, pid, description) for every serial port pyserial sees."""
    from serial.tools import list_ports

    return [(p.device, p.vid, p.pid, p.description or "") for p in list_ports.comports()]


def usb_printers() -> list[tuple[int, int, str]]:
    """(vid, pid, product) of USB devices with a printer-class interface (class 7)."""
    import usb.core

    found = []
    for device in usb.core.find(find_all=True):
        classes = {device.bDeviceClass}
        for configuration in device:
            classes.update(i.bInterfaceClass for i in configuration)
        if USB_PRINTER_CLASS in classes:
            found.append((device.idVendor, device.idProduct, _usb_product(device)))
    return found


def _usb_product(device: Any) -> str:
    try:
        return str(device.product or "")
    except (ValueError, OSError, NotImplementedError):  # no permission to read strings
        return ""


def video_devices(dev_dir: str = "/dev") -> list[str]:
    return sorted(glob.glob(os.path.join(dev_dir, "video*")))


@dataclass(frozen=True)
class Probes:
    """Where detection looks; tests pass their own (e.g. a private pcscd's env)."""

    readers: Callable[[], list[str]] = pcsc_readers
    serial: Callable[[], list[tuple[str, int | None, int | None, str]]] = serial_ports
    printers: Callable[[], list[tuple[int, int, str]]] = usb_printers
    cameras: Callable[[], list[str]] = video_devices


def detect(
    probes: Probes | None = None,
    known: Mapping[str, str] = KNOWN_SERIAL_DEVICES,
) -> Detection:
    probes = probes or Probes()
    result = Detection()
    names = _run(result, "PC/SC readers", probes.readers)
    result.readers = [Found("eid_reader", name, _pcsc_uri(name)) for name in names]
    for device, vid, pid, description in _run(result, "serial ports", probes.serial):
        usb_id = f"{vid:04x}:{pid:04x}" if vid is not None and pid is not None else None
        kind = known.get(usb_id or "", "serial")
        uri = {"cash": f"essp+serial://{device}", "card_terminal": f"zvt+serial://{device}"}.get(
            kind
        )
        result.serial_ports.append(Found(kind, f"{device} {description}".strip(), uri, usb_id))
    for vid, pid, product in _run(result, "USB printers", probes.printers):
        usb_id = f"{vid:04x}:{pid:04x}"
        result.printers.append(
            Found("printer", product or usb_id, f"escpos+usb://{usb_id}", usb_id)
        )
    result.cameras = [
        Found("camera", path, f"v4l2://{path}") for path in _run(result, "cameras", probes.cameras)
    ]
    return result


def _pcsc_uri(name: str) -> str:
    # The reader's name without its slot numbers ("ACS ACR39U 00 00" → "ACS ACR39U*"), so
    # the same model in another USB port still matches.
    words = name.split()
    while words and words[-1].isdigit():
        words.pop()
    pattern = " ".join(words) or name
    return f"pcsc://?reader={pattern.replace(' ', '%20')}*"


# What a technician does about a probe that could not look, by a piece of its reason.
FIXES = (
    (
        "Service not available",
        "pcscd is not running: `systemctl enable --now pcscd.socket` (Debian package pcscd)",
    ),
    ("No such file or directory: '/dev/bus/usb", "no USB bus visible: run on the kiosk itself"),
    ("Access denied", "no permission on the USB device: run as root or install the udev rules"),
)


def _run(result: Detection, what: str, probe: Callable[[], list[Any]]) -> list[Any]:
    try:
        return list(probe())
    except Exception as exc:  # a probe that cannot look is a note, never a traceback
        reason = _reason(exc)
        fix = next((fix for piece, fix in FIXES if piece in reason), None)
        result.notes.append(f"{what}: {reason}" + (f" — fix: {fix}" if fix else ""))
        return []


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
