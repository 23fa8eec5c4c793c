"""Parsing of device URIs such as ``escpos+tcp://host:9100`` or ``sim://printer?fault=paper_out``."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from drivers.errors import DeviceUriError


@dataclass(frozen=True)
class DeviceUri:
    """A parsed device URI; ``params`` holds the query string (last value wins)."""

    text: str
    scheme: str
    netloc: str = ""
    host: str = ""
    port: int | None = None
    path: str = ""
    params: dict[str, str] = field(default_factory=dict)

    def param(self, name: str, default: str = "") -> str:
        return self.params.get(name, default)


def parse_device_uri(text: str) -> DeviceUri:
    """Split ``text`` into its parts; raises :class:`DeviceUriError` naming what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise DeviceUriError("empty device URI")
    if "://" not in text:
        raise DeviceUriError(f"{text!r} is not a device URI (expected scheme://…)")
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise DeviceUriError(f"{text!r}: {exc}") from None
    try:
        port = parts.port
    except ValueError:
        # Not every netloc is host:port (escpos+usb://04b8:0e28 is VID:PID); the
        # scheme's own validator decides what its netloc must be.
        port = None
    if not parts.scheme:
        raise DeviceUriError(f"{text!r} has no scheme")
    return DeviceUri(
        text=text,
        scheme=parts.scheme.lower(),
        netloc=parts.netloc,
        host=parts.hostname or "",
        port=port,
        path=parts.path,
        params=dict(parse_qsl(parts.query, keep_blank_values=True)),
    )


def param_seconds(uri: DeviceUri, name: str, default: float) -> float:
    """The URI's ``name=`` parameter as a positive number of seconds (``default`` when
    absent); anything else is a :class:`DeviceUriError` naming the URI and the value."""
    text = uri.param(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise DeviceUriError(f"{uri.text!r}: {name} must be seconds, got {text!r}") from None
    if value <= 0:
        raise DeviceUriError(f"{uri.text!r}: {name} must be positive")
    return value
