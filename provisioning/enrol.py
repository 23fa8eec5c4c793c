"""``kiosk provision enroll``: exchange an enrolment token for this kiosk's credential,
store it for the kiosk user only, and write the config.

The token and the credential cross the network, so enrolment follows the sync's
transport rules (sync/client.py): HTTPS verified against the configured CA, with the
kiosk's client certificate when there is one; plain HTTP only to this machine.
"""

from __future__ import annotations

import os
import pwd
from dataclasses import dataclass
from pathlib import Path

import requests

from sync.client import BackendTls, require_secure_url, tls_reason

KIOSK_USER = "kiosk"


class EnrolError(Exception):
    """The enrolment did not happen; ``refused``: the backend said no (not retryable)."""

    def __init__(self, reason: str, refused: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.refused = refused


@dataclass(frozen=True)
class Enrolled:
    kiosk_id: str
    site: str
    credential: str
    replaced: bool


def request_credential(
    backend_url: str,
    token: str,
    site: str,
    kiosk_id: str | None,
    timeout_s: float = 15.0,
    session: requests.Session | None = None,
    tls: BackendTls | None = None,
) -> Enrolled:
    """``POST /api/v1/enrol`` with the token as the Bearer credential, verified against
    ``tls.ca_file`` (default: the system's trust store) and presenting ``tls``'s client
    certificate if any. Plain HTTP to another machine is refused before connecting."""
    check_transport(backend_url)
    tls = tls or BackendTls()
    body: dict[str, str] = {"site": site}
    if kiosk_id:
        body["kiosk_id"] = kiosk_id
    # Passed with the request, not set on the session: requests lets REQUESTS_CA_BUNDLE
    # override a session's CA, never a request's.
    transport: dict[str, object] = {"verify": tls.ca_file or True}
    if tls.client_cert and tls.client_key:
        transport["cert"] = (tls.client_cert, tls.client_key)
    http = session or requests.Session()
    try:
        answer = http.post(
            backend_url.rstrip("/") + "/api/v1/enrol",
            json=body,
            # One request, then done: no connection left open on the backend.
            headers={"Authorization": f"Bearer {token}", "Connection": "close"},
            timeout=(min(timeout_s, 5.0), timeout_s),
            **transport,  # type: ignore[arg-type]
        )
    except requests.exceptions.SSLError as exc:
        raise EnrolError(tls_reason(exc), refused=False) from None
    except requests.RequestException as exc:
        if backend_url.startswith("https:") and "SSL" in str(exc):  # a TLS alert (TLS 1.3)
            raise EnrolError(tls_reason(exc), refused=False) from None
        raise EnrolError(
            f"backend {backend_url} not reachable ({type(exc).__name__})", refused=False
        ) from None
    except OSError as exc:  # requests checks the TLS files before connecting
        raise EnrolError(f"TLS files unusable: {exc}", refused=False) from None
    finally:
        if session is None:
            http.close()
    if answer.status_code != 201:
        raise EnrolError(
            f"enrolment refused by the backend (HTTP {answer.status_code}): {_detail(answer)}",
            refused=400 <= answer.status_code < 500,
        )
    try:
        data = answer.json()
        return Enrolled(
            str(data["kiosk_id"]), str(data["site"]), str(data["token"]), bool(data.get("replaced"))
        )
    except (ValueError, KeyError, TypeError):
        raise EnrolError("the backend's answer is not an enrolment result", refused=False) from None


class InsecureTransportError(EnrolError):
    """Plain HTTP to a machine other than this one: the token and the credential would
    cross the network in clear. Bad input: nothing is sent."""


def check_transport(backend_url: str) -> None:
    """Raise :class:`InsecureTransportError` unless ``backend_url`` is HTTPS (or plain
    HTTP to this machine, the demo's embedded backend)."""
    try:
        require_secure_url(backend_url)
    except ValueError as exc:
        raise InsecureTransportError(
            f"enrolment refused before sending anything: {exc}; the enrolment token and "
            f"the credential must not cross the network in clear",
            refused=False,
        ) from None


def _detail(answer: requests.Response) -> str:
    try:
        detail = answer.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, list):  # a validation error: where and what
        detail = "; ".join(str(d.get("msg", d)) for d in detail if isinstance(d, dict))
    return str(detail or answer.reason or "no reason given")[:300]


def kiosk_owner(user: str = KIOSK_USER) -> tuple[int, int] | None:
    """(uid, gid) of the kiosk user when we may and can hand files to it."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        return None
    return entry.pw_uid, entry.pw_gid


def store_credential(path: Path, credential: str, owner: tuple[int, int] | None) -> None:
    """Write ``credential`` readable only by its owner (mode 0600), atomically: created
    with that mode, so it is never readable by others, not even for an instant."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.unlink(missing_ok=True)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, (credential + "\n").encode())
        os.fchmod(fd, 0o600)  # whatever the umask said
        if owner is not None:
            os.fchown(fd, *owner)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, path)
