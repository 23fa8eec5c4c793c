"""How to reach and log in to the library system."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field

AUTO_CHARSET = "auto"


@dataclass(frozen=True)
class Sip2Settings:
    """Connection settings for :class:`~drivers.sip2.client.Sip2Client`.

    ``charset="auto"`` starts in ``fallback_charset`` (cp850, SIP2's customary set)
    and switches to the set the library system announces in its ACS status (98) as a
    ``charset=NAME`` print or screen line; any other value is used as is.
    """

    host: str
    port: int
    institution_id: str
    login_user: str = ""
    login_password: str = field(default="", repr=False)
    location_code: str = ""
    terminal_password: str = field(default="", repr=False)
    tls: ssl.SSLContext | None = None
    server_hostname: str | None = None  # for TLS certificate checks; defaults to host
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 10.0
    charset: str = AUTO_CHARSET
    fallback_charset: str = "cp850"
    resend_attempts: int = 2  # 97 requests on a bad checksum before giving up
    max_frame_bytes: int = 65536
    language: str = "000"  # SIP2 language code; 000 = unknown/default
