"""Device and admin credentials: issued once, stored as a hash, checked on every call.

A credential reads ``kb1.<id>.<secret>``: the id names the kiosk (or the admin), the
secret is 32 random bytes. Only SHA-256 of the secret is stored; comparison is
constant-time. A credential may carry an expiry (``kiosk backend device add --expires``);
past it, it is refused like a revoked one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from kiosk.backend.tables import Credential

PREFIX = "kb1"
_DURATION = re.compile(r"^\s*(\d{1,5})\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


# Central IT's roles: an operator ("admin", the historical name) may act and change
# configuration; a viewer reads the fleet only.
OPERATOR = "admin"
VIEWER = "viewer"
CENTRAL_IT = frozenset({OPERATOR, VIEWER})


@dataclass(frozen=True)
class Principal:
    """Who is calling: a kiosk of one site, or central IT (operator or viewer)."""

    id: str
    role: str  # device | admin (operator) | viewer
    site: str | None

    @property
    def is_admin(self) -> bool:
        """An operator: may act, change configuration, issue credentials."""
        return self.role == OPERATOR

    @property
    def can_view(self) -> bool:
        """Central IT of either role: may read the fleet."""
        return self.role in CENTRAL_IT


class CredentialExistsError(ValueError):
    pass


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(
    session: Session,
    *,
    role: str,
    credential_id: str,
    site: str | None,
    now: datetime,
    expires_at: datetime | None = None,
) -> str:
    """Store a new credential and return its token (shown once, never stored).

    ``expires_at``: refused from then on; None: valid until revoked."""
    if session.get(Credential, credential_id) is not None:
        raise CredentialExistsError(f"a credential named {credential_id!r} exists already")
    if expires_at is not None and expires_at <= now:
        raise ValueError(f"credential {credential_id!r}: expiry {expires_at} is not after {now}")
    secret = secrets.token_urlsafe(32)
    session.add(
        Credential(
            id=credential_id,
            role=role,
            site=site,
            secret_hash=_hash(secret),
            created_at=now,
            revoked=False,
            expires_at=expires_at,
        )
    )
    return f"{PREFIX}.{credential_id}.{secret}"


def reissue(session: Session, *, credential_id: str, site: str | None, now: datetime) -> str:
    """Replace an existing credential's secret and return the new token; the old token
    stops working at once (its hash is gone). Used when a kiosk is enrolled again."""
    row = session.get(Credential, credential_id)
    if row is None:
        raise KeyError(f"no credential named {credential_id!r}")
    secret = secrets.token_urlsafe(32)
    row.secret_hash, row.site, row.created_at, row.revoked = _hash(secret), site, now, False
    row.expires_at = None  # a fresh enrolment: valid until revoked, like the first
    return f"{PREFIX}.{credential_id}.{secret}"


def usable(row: Credential | None, now: datetime) -> bool:
    """A credential row that exists, is not revoked and has not expired at ``now``."""
    if row is None or row.revoked:
        return False
    return row.expires_at is None or now < row.expires_at


def revoke(session: Session, credential_id: str) -> bool:
    """Refuse ``credential_id`` from now on (its sessions end too); False if unknown."""
    row = session.get(Credential, credential_id)
    if row is None:
        return False
    row.revoked = True
    return True


def verify(session: Session, token: str, now: datetime | None = None) -> Principal | None:
    """The principal behind ``token``, or None for anything unknown, revoked, expired
    (at ``now``, default the current time) or malformed."""
    found = verify_with_expiry(session, token, now)
    return found[0] if found is not None else None


def verify_with_expiry(
    session: Session, token: str, now: datetime | None = None
) -> tuple[Principal, datetime | None] | None:
    """Like :func:`verify`, with the credential's expiry (None: until revoked), which a
    :class:`CredentialCache` keeps checking while it holds the principal."""
    parts = token.split(".", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or len(parts[1]) > 64:
        return None
    row = session.get(Credential, parts[1])
    if not usable(row, now or datetime.now(UTC)):
        return None
    if not hmac.compare_digest(row.secret_hash, _hash(parts[2])):
        return None
    return Principal(id=row.id, role=row.role, site=row.site), row.expires_at


class CredentialCache:
    """Credentials verified in the last ``ttl_s`` seconds, so a hot route (the heartbeat)
    skips the database lookup.

    Bounded staleness, on purpose: a credential revoked (or replaced by re-enrolment)
    in the database is still accepted *by the routes using this cache* for at most
    ``ttl_s`` after it was last verified; its expiry date is checked on every call, and
    :meth:`forget` drops it at once in this process. Only successes are kept (a new
    credential works at once; a forged one is looked up every time). Keys are SHA-256
    of the token, never the token. Thread-safe; the oldest entry goes when full.
    """

    def __init__(
        self,
        ttl_s: float,
        max_entries: int = 20_000,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if ttl_s < 0:
            raise ValueError(f"credential cache: ttl_s must be >= 0, got {ttl_s}")
        self.ttl_s = ttl_s
        self._max = max_entries
        self._monotonic = monotonic
        self._lock = threading.Lock()
        # token hash -> (principal, credential expiry, verified at (monotonic))
        self._entries: dict[str, tuple[Principal, datetime | None, float]] = {}

    def get(self, token: str, now: datetime) -> Principal | None:
        """The cached principal for ``token`` if verified recently and not expired."""
        key = _hash(token)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            principal, expires_at, verified_at = entry
            if self._monotonic() - verified_at >= self.ttl_s or (
                expires_at is not None and now >= expires_at
            ):
                del self._entries[key]
                return None
            return principal

    def put(self, token: str, principal: Principal, expires_at: datetime | None) -> None:
        if self.ttl_s == 0:
            return
        with self._lock:
            if len(self._entries) >= self._max:
                self._entries.pop(next(iter(self._entries)))
            self._entries[_hash(token)] = (principal, expires_at, self._monotonic())

    def forget(self, credential_id: str) -> None:
        """Drop every cached token of ``credential_id`` (revoked or replaced here)."""
        with self._lock:
            for key in [k for k, v in self._entries.items() if v[0].id == credential_id]:
                del self._entries[key]


def parse_expiry(text: str, now: datetime) -> datetime:
    """``--expires``: a duration from ``now`` (``90d``, ``12h``, ``30m``, ``45s``) or an
    ISO 8601 date or date-time (UTC unless it says otherwise) → the expiry instant.
    ValueError naming the text when it is neither, or not in the future."""
    match = _DURATION.match(text)
    if match:
        value = int(match.group(1))
        at = now + timedelta(**{_UNITS[match.group(2)]: value})
    else:
        try:
            at = datetime.fromisoformat(text.strip())
        except ValueError:
            raise ValueError(
                f"expiry {text!r}: expected a duration (90d, 12h, 30m, 45s) or "
                "an ISO date such as 2026-12-31"
            ) from None
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)
    if at <= now:
        raise ValueError(f"expiry {text!r}: must be in the future")
    return at


def new_device_id(site: str) -> str:
    return f"{site}-{secrets.token_hex(3)}"
