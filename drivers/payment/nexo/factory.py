"""Open a :class:`NexoCardTerminal` from its device URI (used by the registry)."""

from __future__ import annotations

import os
from pathlib import Path

from drivers.errors import DeviceError
from drivers.payment.nexo.client import NexoHttpClient
from drivers.payment.nexo.credentials import read_api_key
from drivers.payment.nexo.flavour import FLAVOURS
from drivers.payment.nexo.settings import (
    CONNECT_TIMEOUT,
    PAYMENT_TIMEOUT,
    validate_nexo,
)
from drivers.payment.nexo.terminal import NexoCardTerminal
from drivers.uri import DeviceUri, param_seconds


def open_nexo(uri: DeviceUri, api_key_file: Path | None = None) -> NexoCardTerminal:
    """The terminal the URI names; the API key from the environment or ``api_key_file``."""
    validate_nexo(uri)
    flavour = uri.param("flavour", "generic")
    api_key = read_api_key(os.environ, api_key_file)
    if flavour == "worldline" and not api_key:
        raise DeviceError(f"nexo {uri.param('poi_id')}: the Worldline Terminal API needs an "
                          "API key (KIOSK_NEXO_API_KEY or [payments] nexo_api_key_file)")
    scheme = "https" if uri.scheme == "nexo+https" else "http"
    # The query holds our parameters, not the terminal's: it is not sent.
    endpoint = f"{scheme}://{uri.netloc}{uri.path or '/'}"
    name = f"nexo {uri.param('poi_id')}"
    client = NexoHttpClient(endpoint, name, api_key=api_key, ca_file=uri.param("ca"),
                            connect_timeout=param_seconds(uri, "connect_timeout", CONNECT_TIMEOUT),
                            read_timeout=param_seconds(uri, "timeout", PAYMENT_TIMEOUT))
    return NexoCardTerminal(client, FLAVOURS[flavour], uri.param("sale_id"),
                            uri.param("poi_id"))
