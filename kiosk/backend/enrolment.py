"""Enrolment tokens: one-time, expiring tokens a technician exchanges for a kiosk's own
device credential (``kiosk provision enroll``).

A token reads ``ke1.<id>.<secret>``. A token for a site enrols a *new* kiosk of that
site; replacing the credential of a kiosk that is already enrolled needs a token naming
that kiosk (``kiosk backend token create --site S --kiosk K``), and no token ever
replaces the credential of a kiosk of another site: a site token alone would otherwise
let whoever holds one lock out any kiosk and read its ledger and documents.

Only SHA-256 of the secret is stored, compared in
constant time. A token is spent by a conditional UPDATE (``used_at IS NULL``), so two
concurrent enrolments with the same token cannot both succeed, on SQLite or PostgreSQL.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import String, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.backend import auth
from kiosk.backend.tables import Base, Credential, SiteRow

PREFIX = "ke1"
MAX_TTL = timedelta(days=30)
_DURATION = re.compile(r"^\s*(\d{1,6})\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class EnrolmentTokenRow(Base):
    """An enrolment token for one site (and, to re-enrol one, a kiosk); spent once, by the
    kiosk named in ``used_by``."""

    __tablename__ = "enrolment_tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    site: Mapped[str] = mapped_column(String(64))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[str | None] = mapped_column(String(64))
    # None: enrols a new kiosk only. Added after the first release (nullable, so
    # Database.create_schema adds it to older databases; their tokens stay site tokens).
    kiosk_id: Mapped[str | None] = mapped_column(String(64), default=None)


class EnrolmentRefusedError(Exception):
    """Why an enrolment was refused; ``status`` is the HTTP status that says so."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Enrolled:
    kiosk_id: str
    site: str
    token: str  # the device credential, shown once
    replaced: bool  # an earlier credential of this kiosk was revoked


def parse_duration(text: str) -> timedelta:
    """``"24h"``, ``"30m"``, ``"7d"``, ``"90s"`` → timedelta; ValueError naming the text."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"expiry {text!r}: expected a number and a unit s, m, h or d (24h)")
    value = timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    if not timedelta(0) < value <= MAX_TTL:
        raise ValueError(f"expiry {text!r}: must be more than 0 and at most {MAX_TTL.days} days")
    return value


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    session: Session, *, site: str, ttl: timedelta, now: datetime, kiosk_id: str | None = None
) -> str:
    """Store a new token for ``site`` and return it (shown once, never stored).

    ``kiosk_id``: the token may (only) re-enrol that kiosk, replacing its credential; it
    must be a kiosk of ``site`` if it exists already."""
    if session.get(SiteRow, site) is None:
        raise EnrolmentRefusedError(404, f"no site {site!r} in the backend")
    if kiosk_id is not None:
        existing = session.get(Credential, kiosk_id)
        if existing is not None and (existing.role != "device" or existing.site != site):
            raise EnrolmentRefusedError(
                409, f"{kiosk_id!r} is not a kiosk of site {site!r}")
    token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    session.add(
        EnrolmentTokenRow(
            id=token_id,
            site=site,
            secret_hash=_hash(secret),
            created_at=now,
            expires_at=now + ttl,
            used_at=None,
            used_by=None,
            kiosk_id=kiosk_id,
        )
    )
    return f"{PREFIX}.{token_id}.{secret}"


def redeem(
    session: Session, token: str, *, site: str, kiosk_id: str | None, now: datetime
) -> Enrolled:
    """Spend ``token`` and issue (or replace) the kiosk's device credential.

    Raises :class:`EnrolmentRefusedError` for an unknown, forged, used or expired token, a
    token of another site, a kiosk id that names an administrator or a kiosk of another
    site, an existing kiosk with a token that does not name it, or a token naming
    another kiosk. A refusal never spends the token.
    """
    row = _lookup(session, token)
    if row.used_at is not None:
        raise EnrolmentRefusedError(
            409, f"enrolment token already used at {row.used_at.isoformat(timespec='seconds')}"
        )
    if now >= row.expires_at:
        raise EnrolmentRefusedError(
            410, f"enrolment token expired at {row.expires_at.isoformat(timespec='seconds')}"
        )
    if row.site != site:
        raise EnrolmentRefusedError(403, f"enrolment token is for site {row.site!r}, not {site!r}")
    if row.kiosk_id is not None and kiosk_id not in (None, row.kiosk_id):
        raise EnrolmentRefusedError(
            403, f"enrolment token is for kiosk {row.kiosk_id!r}, not {kiosk_id!r}")
    kiosk_id = kiosk_id or row.kiosk_id or auth.new_device_id(site)
    existing = session.get(Credential, kiosk_id)
    if existing is not None:
        _may_replace(existing, row)
    spent = session.execute(
        update(EnrolmentTokenRow)
        .where(EnrolmentTokenRow.id == row.id, EnrolmentTokenRow.used_at.is_(None))
        .values(used_at=now, used_by=kiosk_id)
    )
    if spent.rowcount != 1:  # another enrolment spent it since we read it
        raise EnrolmentRefusedError(409, "enrolment token already used")
    if existing is None:
        credential = auth.issue(session, role="device", credential_id=kiosk_id, site=site, now=now)
    else:
        credential = auth.reissue(session, credential_id=kiosk_id, site=site, now=now)
    return Enrolled(kiosk_id, site, credential, replaced=existing is not None)


def _may_replace(existing: Credential, token: EnrolmentTokenRow) -> None:
    """Replacing a credential locks the old holder out: only a kiosk's, only of the
    token's site, and only with a token naming that kiosk."""
    if existing.role != "device":
        raise EnrolmentRefusedError(
            409, f"{existing.id!r} names a credential that is not a kiosk's")
    if existing.site != token.site:
        raise EnrolmentRefusedError(
            403, f"kiosk {existing.id!r} is not a kiosk of site {token.site!r}; "
            "an enrolment never moves a kiosk to another site")
    if token.kiosk_id != existing.id:
        raise EnrolmentRefusedError(
            403, f"kiosk {existing.id!r} is enrolled already; replacing its credential needs "
            f"a token naming it (kiosk backend token create --site {token.site} "
            f"--kiosk {existing.id})")


def _lookup(session: Session, token: str) -> EnrolmentTokenRow:
    unknown = EnrolmentRefusedError(401, "unknown enrolment token")
    parts = token.split(".", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or len(parts[1]) > 32:
        raise unknown
    row = session.get(EnrolmentTokenRow, parts[1])
    # A known id with the wrong secret (forged) gets the same answer as an unknown id:
    # the answer must not help guess which ids exist.
    if row is None or not hmac.compare_digest(row.secret_hash, _hash(parts[2])):
        raise unknown
    return row


class AttemptLimiter:
    """At most ``limit`` attempts per client address in any ``window_s`` (sliding).

    Per app (no module state); memory stays bounded because idle addresses are dropped.
    """

    def __init__(
        self,
        limit: int = 10,
        window_s: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window_s = limit, window_s
        self._monotonic = monotonic
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str) -> float | None:
        """None when allowed (and counted); otherwise seconds until the next try."""
        now = self._monotonic()
        with self._lock:
            self._forget_idle(now)
            attempts = self._seen.setdefault(address, deque())
            while attempts and attempts[0] <= now - self.window_s:
                attempts.popleft()
            if len(attempts) >= self.limit:
                return max(attempts[0] + self.window_s - now, 0.0)
            attempts.append(now)
            return None

    def _forget_idle(self, now: float) -> None:
        if len(self._seen) < 1024:
            return
        for address in [a for a, q in self._seen.items() if not q or q[-1] <= now - self.window_s]:
            del self._seen[address]
