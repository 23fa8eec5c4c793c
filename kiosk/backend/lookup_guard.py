"""Citizen and case lookups: a rate limit per credential and an audit line for each.

Any kiosk credential may look up any national number (a citizen may be served at any
antenna), so a stolen credential could enumerate citizens. This bounds how fast (a
kiosk serves a citizen every few minutes; ``per_minute`` lookups is far above that)
and leaves a trace of every lookup: who (the credential and its site), when, which
route, and whom — as a keyed hash (HMAC-SHA256 with ``audit_key``, truncated), so an
auditor can see the same subject looked up again and again without the log holding a
national number.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from datetime import datetime

from fastapi import HTTPException, status

from kiosk.backend.auth import Principal
from kiosk.backend.enrolment import AttemptLimiter

AUDIT_LOGGER = "kiosk.backend.audit"
LOOKUPS_PER_MINUTE = 20


class LookupGuard:
    """Per app: ``admit`` counts and audits one lookup, or refuses it with 429."""

    def __init__(
        self,
        audit_key: bytes,
        clock: Callable[[], datetime],
        per_minute: int = LOOKUPS_PER_MINUTE,
        limiter: AttemptLimiter | None = None,
        log: logging.Logger | None = None,
    ) -> None:
        if len(audit_key) < 16:
            raise ValueError("lookup audit key: at least 16 bytes")
        self._key = audit_key
        self._clock = clock
        self._limiter = limiter or AttemptLimiter(limit=per_minute, window_s=60.0)
        self._log = log or logging.getLogger(AUDIT_LOGGER)

    def subject_tag(self, subject: str) -> str:
        """The keyed hash the audit line names the subject by."""
        return hmac.new(self._key, subject.encode(), hashlib.sha256).hexdigest()[:16]

    def admit(self, who: Principal, route: str, subject: str) -> None:
        """Audit the lookup of ``subject`` by ``who``; HTTPException 429 past the limit."""
        wait_s = self._limiter.allow(who.id)
        self._log.info(
            "lookup %s by %s %s (site %s) of subject %s at %s: %s",
            route, who.role, who.id, who.site or "-", self.subject_tag(subject),
            self._clock().isoformat(timespec="seconds"),
            "refused, rate limit" if wait_s is not None else "allowed")
        if wait_s is not None:
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                "too many lookups with this credential; try again later",
                headers={"Retry-After": str(max(1, round(wait_s)))})
