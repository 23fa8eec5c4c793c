"""The HTTP client for the backend contract (requests): outcomes, never guesses.

Anything that may succeed if tried again — no connection, a timeout, 5xx, 429, a body
that is not the answer we asked for — is a :class:`TransientError`. A 4xx that will
not change on retry is a :class:`PermanentError`.

Transport: HTTPS verified against the configured CA (``[backend] ca_file``), with this
kiosk's client certificate when one is configured; plain HTTP only to this machine
(the demo's embedded backend). A TLS failure is a :class:`TlsError` that says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import urlsplit

import requests

from drivers.transport_rules import plain_http_allowed
from kiosk.config.schema import BackendSection

API = "/api/v1"
# The citizen's card-session token (kiosk/backend/routes_card_sessions.py): a header,
# never the URL, as paths reach access logs.
CARD_SESSION_HEADER = "X-Card-Session"
RETRYABLE_STATUS = frozenset({408, 425, 429})
JSON_BODY = {"Content-Type": "application/json"}


class TransientError(Exception):
    """Try again later; ``reason`` is short and safe to show (no personal data)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TlsError(TransientError):
    """The TLS handshake failed: an untrusted or mismatched server certificate, a client
    certificate the backend refused or did not get. Retried (a certificate may be
    renewed), but the reason names the cause for technicians."""


class PermanentError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status
        self.detail = detail

    @property
    def credential_refused(self) -> bool:
        return self.status in (401, 403)


@dataclass(frozen=True)
class EventOutcome:
    event_id: str
    status: str  # accepted | duplicate | rejected
    reason: str | None


@dataclass(frozen=True)
class EncodedEvents:
    """Events already encoded as the contract's JSON envelopes, in order: the outbox
    keeps each payload as JSON text, so the relay sends it as it is instead of parsing
    it and encoding it again (bench/sync_drain.py). ``last_seq``: the outbox sequence
    number of the last event, where the next batch starts (None: unknown)."""

    event_ids: list[str]
    envelopes: list[bytes]
    last_seq: int | None = None

    def __len__(self) -> int:
        return len(self.event_ids)

    def body(self) -> bytes:
        """The request body of ``POST /events:batch``."""
        return b'{"events":[' + b",".join(self.envelopes) + b"]}"

    def each(self) -> list[EncodedEvents]:
        """One batch per event, in order (to find the one a batch is refused for)."""
        return [EncodedEvents([event_id], [envelope])
                for event_id, envelope in zip(self.event_ids, self.envelopes, strict=True)]


@dataclass(frozen=True)
class CatalogAnswer:
    changed: bool  # False: 304, the cached copy is current
    etag: str | None
    document: dict[str, Any] | None


@dataclass(frozen=True)
class BackendTls:
    """Which CA the backend's certificate must chain to ("" = the system's trust store)
    and this kiosk's client certificate and key (mutual TLS), from ``[backend]``."""

    ca_file: str = ""
    client_cert: str | None = None
    client_key: str | None = None

    @classmethod
    def from_section(cls, backend: BackendSection) -> BackendTls:
        return cls(backend.ca_file, backend.client_cert, backend.client_key)


def require_secure_url(base_url: str) -> None:
    """Refuse plain HTTP to anything but this machine (the config loader says the same
    with the file and line; this guards clients built without it)."""
    parts = urlsplit(base_url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and plain_http_allowed(parts.hostname or ""):
        return
    raise ValueError(f"the backend must be reached over https:// (plain http:// only to "
                     f"127.0.0.1, ::1 or localhost), not {parts.scheme}://{parts.hostname}")


class BackendClient:
    """One kiosk's authenticated client. ``session`` is injectable for tests; ``tls``
    sets the CA to verify against and the client certificate to present."""

    def __init__(self, base_url: str, token: str, timeout_s: float,
                 session: requests.Session | None = None,
                 tls: BackendTls | None = None) -> None:
        require_secure_url(base_url)
        self._base = base_url.rstrip("/") + API
        self._timeout = (min(timeout_s, 5.0), timeout_s)  # (connect, read)
        self._session = session or requests.Session()
        self._session.headers.update({"Authorization": f"Bearer {token}",
                                      "User-Agent": "brussels-kiosk-sync"})
        # Passed with every request, not only set on the session: requests lets
        # REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a session's CA, never a request's.
        self._tls: dict[str, Any] = {}
        if tls is not None:
            # verify=True: the system's store; a path: that CA only (never False).
            self._tls["verify"] = self._session.verify = tls.ca_file or True
            if tls.client_cert and tls.client_key:
                self._tls["cert"] = self._session.cert = (tls.client_cert, tls.client_key)

    @classmethod
    def for_backend(cls, backend: BackendSection, token: str) -> Self:
        """A client for ``[backend]``: its URL, timeout, CA and client certificate."""
        return cls(backend.url, token, backend.timeout_s, tls=BackendTls.from_section(backend))

    def close(self) -> None:
        self._session.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            response = self._session.request(method, self._base + path,
                                             timeout=self._timeout, **self._tls, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise TlsError(tls_reason(exc)) from None
        except requests.Timeout:
            raise TransientError("backend timed out") from None
        except requests.ConnectionError as exc:
            if _tls_alert(exc):  # the backend sent a TLS alert: it refused us
                raise TlsError(tls_reason(exc)) from None
            if self._base.startswith("https:") and _hung_up(exc):
                # TLS 1.3: a backend that refuses our client certificate (or wants one)
                # just closes after the handshake; say so rather than "unreachable".
                raise TlsError(
                    "TLS with the backend failed: it closed the connection without an "
                    "answer (does it require a client certificate this kiosk does not "
                    "present or it does not trust? [backend] client_cert)") from None
            raise TransientError("backend unreachable") from None
        except requests.RequestException as exc:
            raise TransientError(f"HTTP failure ({type(exc).__name__})") from None
        except OSError as exc:  # requests checks the TLS files before connecting
            raise TlsError(f"TLS files unusable: {exc}") from None
        if response.status_code >= 500 or response.status_code in RETRYABLE_STATUS:
            raise TransientError(f"backend answered HTTP {response.status_code}")
        if response.status_code >= 400 and response.status_code != 404:
            raise PermanentError(response.status_code, _detail(response))
        return response

    def post_events(self, events: list[dict[str, Any]]) -> list[EventOutcome]:
        """Deliver a batch; the outcomes of the events the backend answered for."""
        return self._outcomes(self._request("POST", "/events:batch", json={"events": events}))

    def post_encoded_events(self, events: EncodedEvents) -> list[EventOutcome]:
        """:meth:`post_events` for events already encoded (the outbox relay's batches)."""
        return self._outcomes(self._request("POST", "/events:batch", data=events.body(),
                                            headers=JSON_BODY))

    @staticmethod
    def _outcomes(response: requests.Response) -> list[EventOutcome]:
        if response.status_code != 200:
            raise PermanentError(response.status_code, _detail(response))
        try:
            results = response.json()["results"]
            outcomes = [EventOutcome(str(r["event_id"]), str(r["status"]), r.get("reason"))
                        for r in results]
        except (ValueError, KeyError, TypeError):
            # Cut or garbled body: whatever the backend did is unknown, so resend.
            raise TransientError("malformed answer from the backend") from None
        if any(o.status not in ("accepted", "duplicate", "rejected") for o in outcomes):
            raise TransientError("unknown event status in the backend's answer")
        return outcomes

    def issue_document(self, request_id: str,
                       card_session: str | None = None) -> tuple[bytes, str, int]:
        """The sealed certificate of one of this kiosk's requests, issued now: (PDF,
        document id, pages). ``card_session``: the token of the citizen's card session
        (PIN + card signature), which the backend requires of a kiosk; without it (or
        for another citizen) 403. 403, 404 and 409 (not issuable at once) are
        PermanentError."""
        headers = {CARD_SESSION_HEADER: card_session} if card_session else {}
        response = self._request("POST", f"/certificate-requests/{request_id}/document",
                                 headers=headers)
        if response.status_code != 200:
            raise PermanentError(response.status_code, _detail(response))
        if not response.content.startswith(b"%PDF-"):
            raise TransientError("the backend's document is not a PDF")
        try:
            pages = int(response.headers.get("X-Document-Pages", "1"))
        except ValueError:
            raise TransientError("the backend's page count is not a number") from None
        return response.content, response.headers.get("X-Document-Id", ""), pages

    def get_catalog(self, etag: str | None) -> CatalogAnswer:
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", "/catalog", headers=headers)
        if response.status_code == 304:
            return CatalogAnswer(False, etag, None)
        if response.status_code != 200:
            raise PermanentError(response.status_code, _detail(response))
        try:
            document = response.json()
            if not isinstance(document, dict) or "services" not in document:
                raise ValueError("not a catalog")
        except ValueError:
            raise TransientError("malformed catalog from the backend") from None
        return CatalogAnswer(True, response.headers.get("ETag"), document)


_SSL_REASON = re.compile(r"\[SSL: [A-Z0-9_]+\] (?P<reason>[^()\]']+?)(?: \(_ssl\.c|'|\))")


def _tls_alert(exc: BaseException) -> bool:
    text = str(exc)
    return "SSL" in text or "alert" in text.lower()


def _hung_up(exc: BaseException) -> bool:
    text = str(exc)
    return "RemoteDisconnected" in text or "Connection reset" in text or "EOF" in text


def tls_reason(exc: BaseException) -> str:
    """What went wrong in the handshake, in words (the SSL library's own reason)."""
    text = str(exc)
    match = _SSL_REASON.search(text)
    reason = match.group("reason").strip() if match else type(exc).__name__
    hint = ""
    if "certificate verify failed" in reason:
        hint = " (is [backend] ca_file the CA that issued the backend's certificate?)"
    elif "certificate required" in reason or "handshake failure" in reason:
        hint = " (the backend wants this kiosk's client certificate: [backend] client_cert)"
    elif "unknown ca" in reason or "bad certificate" in reason:
        hint = " (the backend does not trust this kiosk's client certificate)"
    return f"TLS with the backend failed: {reason}{hint}"


def _detail(response: requests.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, list) and detail:  # FastAPI validation errors
        first = detail[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{where}: {first.get('msg', 'invalid')}"[:300]
    return str(detail or response.reason or "error")[:300]
