"""The one HTTP client of the nexo driver: POST a JSON message, get one back.

TLS is verified against the configured CA (or the system's store), never switched
off; plain HTTP only to this machine (:mod:`drivers.transport_rules`). The API key
goes in ``Authorization: Bearer`` and nowhere else: not in the URI, not in a log line,
not in an error message. Nothing is ever retried here: a payment sent twice could be
charged twice, so a lost answer is reported and the driver asks for the status.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import requests

from drivers.errors import DeviceError, DeviceTimeoutError, DeviceUnavailableError
from drivers.transport_rules import plain_http_allowed

log = logging.getLogger(__name__)


class NexoNotSentError(DeviceUnavailableError):
    """The request never reached the terminal (no connection): nothing happened there."""


class NexoAnswerLostError(DeviceTimeoutError):
    """The request was sent but no complete answer came back: the outcome is unknown."""


class NexoHttpError(DeviceError):
    """The terminal (or its gateway) answered with an HTTP error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class NexoHttpClient:
    """POSTs to one endpoint, one fresh connection per message."""

    def __init__(self, endpoint: str, name: str, *, api_key: str = "", ca_file: str = "",
                 connect_timeout: float = 5.0, read_timeout: float = 180.0) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("https", "http"):
            raise DeviceError(f"{name}: the endpoint must be https://, not {parts.scheme}://")
        if parts.scheme == "http" and not plain_http_allowed(parts.hostname or ""):
            raise DeviceError(f"{name}: plain http:// is allowed only to 127.0.0.1, ::1 or "
                              f"localhost; use nexo+https:// for {parts.hostname}")
        self.endpoint = endpoint
        self.name = name
        self._connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._verify: bool | str = ca_file or True
        self._headers = {"Content-Type": "application/json", "Accept": "application/json",
                         "User-Agent": "brussels-kiosk-nexo", "Connection": "close"}
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"
    def post(self, body: bytes, what: str, read_timeout: float | None = None) -> bytes:
        """Send ``body``; the answer's bytes. Raises :class:`NexoNotSentError`,
        :class:`NexoAnswerLostError` or :class:`NexoHttpError`. Any thread may call it
        (abort does, while a payment waits on the owner thread)."""
        # One connection per message, never a pooled one: a kept-alive connection the
        # terminal dropped while idle fails only once the payment is on its way, and
        # then nobody can tell whether it arrived. A fresh connection fails before
        # anything is sent.
        with requests.Session() as session:
            return self._post(session, body, what, read_timeout or self.read_timeout)

    def close(self) -> None:
        """Nothing is kept open between messages; here for symmetry with other links."""

    def _post(self, session: requests.Session, body: bytes, what: str,
              read_timeout: float) -> bytes:
        try:
            # verify on every request: REQUESTS_CA_BUNDLE may override a session's CA,
            # never a request's.
            reply = session.post(self.endpoint, data=body, headers=self._headers,
                                 timeout=(self._connect_timeout, read_timeout),
                                 verify=self._verify, allow_redirects=False)
        except requests.exceptions.SSLError as exc:
            raise NexoNotSentError(f"{self.name}: TLS refused for {what}: {_reason(exc)}") from None
        except requests.exceptions.ConnectTimeout:
            raise NexoNotSentError(f"{self.name}: no connection for {what} after "
                              f"{self._connect_timeout:g} s") from None
        except requests.exceptions.ReadTimeout:
            raise NexoAnswerLostError(f"{self.name}: {what} unanswered after "
                                 f"{read_timeout:g} s") from None
        except requests.exceptions.ConnectionError as exc:
            if _refused(exc):
                raise NexoNotSentError(f"{self.name}: cannot connect for {what}: "
                                  f"{_reason(exc)}") from None
            raise NexoAnswerLostError(f"{self.name}: connection lost before the answer to "
                                 f"{what}: {_reason(exc)}") from None
        except requests.RequestException as exc:
            raise NexoAnswerLostError(f"{self.name}: {what} failed: {_reason(exc)}") from None
        if reply.status_code == 401 or reply.status_code == 403:
            raise NexoHttpError(f"{self.name}: {what} refused with HTTP {reply.status_code}: "
                                "the API key was not accepted", reply.status_code)
        if reply.status_code >= 300:
            raise NexoHttpError(f"{self.name}: {what} answered HTTP {reply.status_code} "
                                f"{reply.reason}", reply.status_code)
        return reply.content


def _refused(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the TCP connection itself failed (nothing was sent)."""
    text = repr(exc)
    return any(mark in text for mark in ("NewConnectionError", "Connection refused",
                                         "Name or service not known", "No route to host"))


def _reason(exc: Exception) -> str:
    # requests' messages repeat the URL; the endpoint carries no secret, but keep it short.
    return str(exc).split(": ", 1)[-1][:200]
