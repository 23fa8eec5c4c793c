"""SIP2 2.00 client (the self-check side) for the library system.

pysip2 supplies the typed message models and the AY/AZ codec; this package adds what
it lacks for a client: the TCP/TLS connection with read timeouts, sequence numbers,
checksum verification with request-resend (97/96), reconnect and re-login, and the
character set the library system announces.
"""

from drivers.sip2.client import Sip2Client
from drivers.sip2.errors import (
    Sip2ChecksumError,
    Sip2ConnectionError,
    Sip2Error,
    Sip2LoginError,
    Sip2ProtocolError,
    Sip2TimeoutError,
)
from drivers.sip2.settings import Sip2Settings

__all__ = [
    "Sip2ChecksumError",
    "Sip2Client",
    "Sip2ConnectionError",
    "Sip2Error",
    "Sip2LoginError",
    "Sip2ProtocolError",
    "Sip2Settings",
    "Sip2TimeoutError",
]
