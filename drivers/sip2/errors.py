"""Typed SIP2 errors: each names the message (e.g. "checkout 11") and the problem."""

from __future__ import annotations

from drivers.errors import DeviceError


class Sip2Error(DeviceError):
    """A SIP2 exchange failed. ``message`` names the request, ``problem`` says why."""

    def __init__(self, message: str, problem: str) -> None:
        super().__init__(f"SIP2 {message}: {problem}")
        self.message = message
        self.problem = problem


class Sip2ConnectionError(Sip2Error):
    """The library system cannot be reached, or dropped the connection."""


class Sip2TimeoutError(Sip2Error):
    """The library system did not answer within the read timeout."""


class Sip2ChecksumError(Sip2Error):
    """Answers kept failing their AZ checksum, even after asking for a resend (97)."""


class Sip2ProtocolError(Sip2Error):
    """A malformed frame, a wrong sequence number or an unexpected answer."""


class Sip2LoginError(Sip2Error):
    """The library system refused the terminal's login (94 with ok = 0)."""


def is_offline(error: BaseException) -> bool:
    """True when the library system is unreachable or silent (as opposed to refusing)."""
    return isinstance(error, Sip2ConnectionError | Sip2TimeoutError)
