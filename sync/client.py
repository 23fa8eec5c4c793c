"""The HTTP client for the backend contract (requests): outcomes, never guesses.

Anything that may succeed if tried again — no connection, a timeout, 5xx, 429, a body
that is not the answer we asked for — is a :class:`TransientError`. A 4xx that will
not change on retry is a :class:`PermanentError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

API = "/api/v1"
RETRYABLE_STATUS = frozenset({408, 425, 429})


class TransientError(Exception):
    """Try again later; ``reason`` is short and safe to show (no personal data)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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
class CatalogAnswer:
    changed: bool  # False: 304, the cached copy is current
    etag: str | None
    document: dict[str, Any] | None


class BackendClient:
    """One kiosk's authenticated client. ``session`` is injectable for tests."""

    def __init__(self, base_url: str, token: str, timeout_s: float,
                 session: requests.Session | None = None) -> None:
        self._base = base_url.rstrip("/") + API
        self._timeout = (min(timeout_s, 5.0), timeout_s)  # (connect, read)
        self._session = session or requests.Session()
        self._session.headers.update({"Authorization": f"Bearer {token}",
                                      "User-Agent": "brussels-kiosk-sync"})

    def close(self) -> None:
        self._session.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            response = self._session.request(method, self._base + path,
                                             timeout=self._timeout, **kwargs)
        except requests.Timeout:
            raise TransientError("backend timed out") from None
        except requests.ConnectionError:
            raise TransientError("backend unreachable") from None
        except requests.RequestException as exc:
            raise TransientError(f"HTTP failure ({type(exc).__name__})") from None
        if response.status_code >= 500 or response.status_code in RETRYABLE_STATUS:
            raise TransientError(f"backend answered HTTP {response.status_code}")
        if response.status_code >= 400 and response.status_code != 404:
            raise PermanentError(response.status_code, _detail(response))
        return response

    def post_events(self, events: list[dict[str, Any]]) -> list[EventOutcome]:
        """Deliver a batch; the outcomes of the events the backend answered for."""
        response = self._request("POST", "/events:batch", json={"events": events})
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
