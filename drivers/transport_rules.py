"""Where plain HTTP is allowed: only to this machine.

The one copy of the rule the kiosk's config check, the sync client and the nexo card
terminal driver all apply (it lives here, at the bottom layer, so drivers can use it).
Plain HTTP carries credentials, API keys and citizens' requests in clear.
"""

from __future__ import annotations

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def plain_http_allowed(host: str) -> bool:
    """True when ``host`` is this machine's loopback (the demo and tests)."""
    return host.lower().strip("[]") in LOOPBACK_HOSTS
