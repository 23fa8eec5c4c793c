"""Transport rules for ``[backend]``: HTTPS except to this machine, and TLS files that exist.

Plain HTTP carries the device credential and citizens' requests in clear, so it is
allowed only to the loopback address the demo's embedded backend listens on.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from drivers.transport_rules import plain_http_allowed
from kiosk.config.schema import BackendSection


def backend_problems(backend: BackendSection) -> list[tuple[str, str]]:
    """``(dotted key, reason)`` for every transport rule ``backend`` breaks."""
    problems: list[tuple[str, str]] = []
    try:
        parts = urlsplit(backend.url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return [("backend.url", f"not a valid URL ({exc}): {backend.url!r}")]
    if not host:
        problems.append(("backend.url", f"no host in {backend.url!r}"))
    elif parts.scheme == "http" and not plain_http_allowed(host):
        problems.append(
            (
                "backend.url",
                f"plain http:// is allowed only to 127.0.0.1, ::1 or "
                f"localhost (the demo); use https:// for {host}",
            )
        )
    if (backend.client_cert is None) != (backend.client_key is None):
        given, missing = (
            ("client_cert", "client_key")
            if backend.client_key is None
            else ("client_key", "client_cert")
        )
        problems.append(
            (
                f"backend.{missing}",
                f"{given} is set but {missing} is not: a client certificate needs its key",
            )
        )
    for key in ("ca_file", "client_cert", "client_key"):
        value = getattr(backend, key)
        if value and not Path(value).is_file():
            problems.append((f"backend.{key}", f"file not found: {value}"))
    if parts.scheme == "http" and (backend.ca_file or backend.client_cert):
        problems.append(("backend.url", "TLS files are configured but the URL is http://"))
    return problems
