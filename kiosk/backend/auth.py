"""Device and admin credentials: issued once, stored as a hash, checked on every call.

A credential reads ``kb1.<id>.<secret>``: the id names the kiosk (or the admin), the
secret is 32 random bytes. Only SHA-256 of the secret is stored; comparison is
constant-time. A credential may carry an expiry (``kiosk backend device add --expires``);
past it, it is refused like a revoked one.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.backend.tables import Credential

log = logging.getLogger(__name__)

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


def device_rows(session: Session) -> dict[str, DeviceRow]:
    """Every device credential not revoked, for :class:`DeviceCredentials` (one query)."""
    return {
        cid: (secret_hash, Principal(id=cid, role=role, site=site), expires_at)
        for cid, role, site, secret_hash, expires_at in session.execute(
            select(Credential.id, Credential.role, Credential.site, Credential.secret_hash,
                   Credential.expires_at)
            .where(Credential.role == "device", Credential.revoked.is_(False)))
    }


# What the database digests of the snapshot: exactly the fields :func:`device_rows`
# keeps, of exactly its rows, in one order. SHA-256 (PostgreSQL 11+), not md5(), which a
# server in FIPS mode refuses.
_DEVICE_ROWS_DIGEST = text(
    "SELECT encode(sha256(convert_to(coalesce(json_agg(json_build_array("
    "id, secret_hash, site, expires_at) ORDER BY id)::text, ''), 'UTF8')), 'hex')"
    " FROM credentials WHERE role = 'device' AND NOT revoked")


def device_rows_digest(session: Session) -> str | None:
    """A digest of what :func:`device_rows` would read, computed by the database
    (PostgreSQL: in the server, not in this process); None where it cannot (SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return session.execute(_DEVICE_ROWS_DIGEST).scalar_one()


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
        devices: DeviceCredentials | None = None,
    ) -> None:
        """``devices``: a snapshot of the device credentials a token the cache does not
        hold is checked against in memory while the snapshot is fresh (same bound)."""
        if ttl_s < 0:
            raise ValueError(f"credential cache: ttl_s must be >= 0, got {ttl_s}")
        self.ttl_s = ttl_s
        self._max = max_entries
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self.devices = devices
        # token hash -> (principal, credential expiry, verified at (monotonic))
        self._entries: dict[str, tuple[Principal, datetime | None, float]] = {}

    def get(self, token: str, now: datetime) -> Principal | None:
        """The cached principal for ``token`` if verified recently and not expired (or
        found in a fresh snapshot of the device credentials, then cached)."""
        if self.devices is not None:
            self.devices.read_ahead_if_due()
        key = _hash(token)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                principal, expires_at, verified_at = entry
                if self._monotonic() - verified_at < self.ttl_s and (
                        expires_at is None or now < expires_at):
                    return principal
                del self._entries[key]
        found = self.devices.find(token, now) if self.devices is not None else None
        if found is None:
            return None
        principal, expires_at, loaded_at = found
        # Trusted for the bound from when the snapshot was read, not from now.
        self.put(token, principal, expires_at, verified_at=loaded_at)
        return principal

    def put(self, token: str, principal: Principal, expires_at: datetime | None,
            verified_at: float | None = None) -> None:
        """Trust ``principal`` for ``token`` for ``ttl_s`` from ``verified_at``
        (monotonic; default now)."""
        if self.ttl_s == 0:
            return
        at = self._monotonic() if verified_at is None else verified_at
        with self._lock:
            if len(self._entries) >= self._max:
                self._entries.pop(next(iter(self._entries)))
            self._entries[_hash(token)] = (principal, expires_at, at)

    def forget(self, credential_id: str) -> None:
        """Drop every cached token of ``credential_id`` (revoked or replaced here)."""
        with self._lock:
            for key in [k for k, v in self._entries.items() if v[0].id == credential_id]:
                del self._entries[key]
        if self.devices is not None:
            self.devices.forget(credential_id)


# A device credential as the snapshot holds it: (SHA-256 of the secret, principal, expiry).
DeviceRow = tuple[str, Principal, datetime | None]
# The share of its bound after which a snapshot in use is read again ahead of expiry.
READ_AHEAD = 0.75


class DeviceCredentials:
    """Every usable device credential, read in one query and trusted for ``ttl_s``.

    With several backend worker processes, a kiosk's heartbeats land on any of them (a
    new connection each time): each process met each kiosk's token for the first time
    again and again, one database lookup each — at 10,000 kiosks over two workers half
    the heartbeats of bench/fleet.py paid one, and most of the backend's CPU went there.
    One read of all device credentials per ``ttl_s`` replaces those lookups with a hash
    compared in memory. The staleness is the cache's own bound: a credential revoked or
    replaced in the database is still accepted for at most ``ttl_s`` after the snapshot
    was read; expiry is checked on every call; :meth:`forget` drops one at once. A token
    the snapshot does not know (issued since, forged, not a device's) is not answered
    here: the caller looks it up in the database as before. Thread-safe."""

    def __init__(self, load: Callable[[], dict[str, DeviceRow]], ttl_s: float,
                 monotonic: Callable[[], float] = time.monotonic,
                 digest: Callable[[], str | None] | None = None) -> None:
        """``load()``: credential id -> :data:`DeviceRow`, for usable device credentials;
        ``digest()``: a digest of what ``load()`` would return, worked out by the
        database (:func:`device_rows_digest`), or None where it cannot."""
        self._load = load
        self._digest = digest
        self._rows_digest: str | None = None  # what the snapshot in use was read at
        self.ttl_s = ttl_s
        self._monotonic = monotonic
        self._lock = threading.Lock()  # one reload at a time; readers do not wait on it
        self._rows: dict[str, DeviceRow] = {}
        self._loaded_at = float("-inf")
        self._reading_ahead = threading.Lock()  # held while a read ahead runs

    @property
    def loaded_at(self) -> float:
        """When the snapshot in use was read (on ``monotonic``; -inf: never)."""
        return self._loaded_at

    def fresh(self) -> bool:
        return self._monotonic() - self._loaded_at < self.ttl_s

    def read_ahead_if_due(self) -> None:
        """Past :data:`READ_AHEAD` of its bound, read a snapshot in use again on a thread
        of its own; the callers go on with the current one meanwhile.

        The cached tokens carry the time their snapshot was read, so without this they
        all expire together with it: at 10,000 kiosks, once a minute every heartbeat of a
        worker then queued behind one reload (holding the thread pool, and the group
        commits with it). Read ahead, the snapshot is fresh when they expire, and each
        is re-vouched for in memory. Cheap when not due: one clock read."""
        age = self._monotonic() - self._loaded_at
        if not self.ttl_s * READ_AHEAD <= age < self.ttl_s:
            return  # fresh; never read (nobody uses it); or stale: the caller reads it
        if not self._reading_ahead.acquire(blocking=False):
            return  # already on its way
        try:
            threading.Thread(target=self._read_ahead, name="device-credentials",
                             daemon=True).start()
        except BaseException:
            self._reading_ahead.release()
            raise

    def _read_ahead(self) -> None:
        try:
            with self._lock:
                if self._monotonic() - self._loaded_at >= self.ttl_s * READ_AHEAD:
                    self._read_locked()
        except Exception as exc:  # the snapshot is read when due instead, as before
            log.warning("device credentials not read ahead of expiry: %s", type(exc).__name__)
        finally:
            self._reading_ahead.release()

    def refresh(self) -> None:
        """Read the credentials again unless another thread just did (database I/O)."""
        with self._lock:
            if not self.fresh():
                self._read_locked()

    def _read_locked(self) -> None:
        """Read the snapshot (the caller holds ``_lock``); it counts from the read's start.

        Where the database digests the credentials, an unchanged digest renews the
        snapshot in use without reading it again: building 10,000 rows took a worker
        60-110 ms of CPU, holding the interpreter lock beside its event loop, and both
        workers did it at once every 45 s — the heartbeats answered meanwhile took up to
        190 ms (bench/fleet.py). The digest is kept only when it was the same before and
        after the rows were read, so a change during the read is read next time."""
        started = self._monotonic()
        before = self._digest() if self._digest is not None else None
        if before is not None and before == self._rows_digest:
            self._loaded_at = started  # the same credentials: vouched for again
            return
        rows = self._load()
        after = self._digest() if before is not None and self._digest is not None else None
        self._rows, self._loaded_at = rows, started
        self._rows_digest = before if before == after else None

    def find(self, token: str, now: datetime) -> tuple[Principal, datetime | None, float] | None:
        """(principal, expiry, when read) for ``token`` if the fresh snapshot vouches for
        it at ``now``; None when stale, unknown, wrong or expired (ask the database)."""
        loaded_at, rows = self._loaded_at, self._rows
        if self._monotonic() - loaded_at >= self.ttl_s:
            return None
        parts = token.split(".", 2)
        if len(parts) != 3 or parts[0] != PREFIX:
            return None
        row = rows.get(parts[1])
        if row is None or not hmac.compare_digest(row[0], _hash(parts[2])):
            return None
        if row[2] is not None and now >= row[2]:
            return None
        return row[1], row[2], loaded_at

    def forget(self, credential_id: str) -> None:
        with self._lock:
            if credential_id in self._rows:
                self._rows = {k: v for k, v in self._rows.items() if k != credential_id}
                self._rows_digest = None  # no longer what the database holds


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
