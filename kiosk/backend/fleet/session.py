"""Signed session cookies for the fleet pages: ``<credential id>|<expiry>|<HMAC>``.

The key is drawn per app, so a restart logs everyone out; the credential is checked
again on every request, so revoking it ends its sessions at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

COOKIE = "kiosk_fleet_session"


class SessionSigner:
    def __init__(
        self,
        clock: Callable[[], datetime],
        ttl: timedelta = timedelta(hours=8),
        key: bytes | None = None,
    ) -> None:
        self._clock = clock
        self._ttl = ttl
        self._key = key or secrets.token_bytes(32)
        self.max_age_s = int(ttl.total_seconds())

    def _mac(self, text: str) -> str:
        return hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()

    def issue(self, credential_id: str) -> str:
        expires = int((self._clock() + self._ttl).timestamp())
        payload = f"{credential_id}|{expires}"
        return f"{payload}|{self._mac(payload)}"

    def verify(self, cookie: str | None) -> str | None:
        """The credential id of a genuine, unexpired cookie; None otherwise."""
        if not cookie or len(cookie) > 300:
            return None
        payload, _, mac = cookie.rpartition("|")
        credential_id, _, expires = payload.rpartition("|")
        if not credential_id or not expires.isdigit():
            return None
        if not hmac.compare_digest(mac, self._mac(payload)):
            return None
        if int(expires) < self._clock().timestamp():
            return None
        return credential_id

    def csrf(self, cookie: str) -> str:
        """The form token that goes with a session (forms post it back)."""
        return self._mac(f"csrf|{cookie}")[:32]

    def csrf_ok(self, cookie: str, token: str) -> bool:
        return hmac.compare_digest(self.csrf(cookie), token or "")
