"""The nexo device URI: what it may say, checked without the network (registry validation).

``nexo+https://host[:port]/path?sale_id=KIOSK1&poi_id=T-0001[&flavour=worldline]``: the
URI names the full endpoint the driver POSTs to. ``nexo+http://`` is for this machine
only. Optional: ``ca=`` (PEM file the terminal's certificate must chain to; default the
system's store), ``timeout=`` (s for one payment, the citizen included),
``connect_timeout=`` (s).
"""

from __future__ import annotations

import re
from pathlib import Path

from drivers.errors import DeviceUriError
from drivers.transport_rules import plain_http_allowed
from drivers.uri import DeviceUri, param_seconds

FLAVOUR_NAMES = ("generic", "worldline")
PAYMENT_TIMEOUT = 180.0
CONNECT_TIMEOUT = 5.0
# Worldline's synchronous endpoint (docs.terminal.worldline-solutions.com).
WORLDLINE_SYNC_PATH = re.compile(r"/api/v1/merchants/[^/]+/terminals/[^/]+/payments/sync$")
_SECRET_PARAMS = ("api_key", "apikey", "key", "token", "password", "secret")


def validate_nexo(uri: DeviceUri) -> None:
    """Everything about a nexo URI that can be checked without the network."""
    if not uri.host:
        raise DeviceUriError(f"{uri.text!r}: a host is required ({uri.scheme}://host/path)")
    if "@" in uri.netloc or any(p in uri.params for p in _SECRET_PARAMS):
        # Don't repeat the URI: it holds the secret we refuse.
        raise DeviceUriError(f"{uri.scheme}://{uri.host}: the API key never goes in the "
                             "URI; use KIOSK_NEXO_API_KEY or [payments] nexo_api_key_file")
    if uri.scheme == "nexo+http" and not plain_http_allowed(uri.host):
        raise DeviceUriError(f"{uri.text!r}: nexo+http:// is allowed only to 127.0.0.1, ::1 "
                             f"or localhost; use nexo+https:// for {uri.host}")
    for name in ("sale_id", "poi_id"):
        if not uri.param(name):
            raise DeviceUriError(f"{uri.text!r}: {name}= is required")
    flavour = uri.param("flavour", "generic")
    if flavour not in FLAVOUR_NAMES:
        raise DeviceUriError(f"{uri.text!r}: unknown flavour {flavour!r}; "
                             f"use one of: {', '.join(FLAVOUR_NAMES)}")
    if flavour == "worldline" and not WORLDLINE_SYNC_PATH.search(uri.path):
        raise DeviceUriError(f"{uri.text!r}: the Worldline flavour posts to "
                             "/api/v1/merchants/{MID}/terminals/{TID}/payments/sync")
    ca = uri.param("ca")
    if ca and not Path(ca).is_file():
        raise DeviceUriError(f"{uri.text!r}: ca file not found: {ca}")
    for name in ("timeout", "connect_timeout"):
        param_seconds(uri, name, 1.0)
