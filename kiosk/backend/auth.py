"""Device and admin credentials: issued once, stored as a hash, checked on every call.

A credential reads ``kb1.<id>.<secret>``: the id names the kiosk (or the admin), the
secret is 32 random bytes. Only SHA-256 of the secret is stored; comparison is
constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.backend.tables import Credential

PREFIX = "kb1"


@dataclass(frozen=True)
class Principal:
    """Who is calling: a kiosk of one site, or an administrator."""

    id: str
    role: str  # device | admin
    site: str | None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class CredentialExistsError(ValueError):
    pass


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(session: Session, *, role: str, credential_id: str, site: str | None,
          now: datetime) -> str:
    """Store a new credential and return its token (shown once, never stored)."""
    if session.get(Credential, credential_id) is not None:
        raise CredentialExistsError(f"a credential named {credential_id!r} exists already")
    secret = secrets.token_urlsafe(32)
    session.add(Credential(id=credential_id, role=role, site=site, secret_hash=_hash(secret),
                           created_at=now, revoked=False))
    return f"{PREFIX}.{credential_id}.{secret}"


def reissue(session: Session, *, credential_id: str, site: str | None, now: datetime) -> str:
    """Replace an existing credential's secret and return the new token; the old token
    stops working at once (its hash is gone). Used when a kiosk is enrolled again."""
    row = session.get(Credential, credential_id)
    if row is None:
        raise KeyError(f"no credential named {credential_id!r}")
    secret = secrets.token_urlsafe(32)
    row.secret_hash, row.site, row.created_at, row.revoked = _hash(secret), site, now, False
    return f"{PREFIX}.{credential_id}.{secret}"


def verify(session: Session, token: str) -> Principal | None:
    """The principal behind ``token``, or None for anything unknown, revoked or malformed."""
    parts = token.split(".", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or len(parts[1]) > 64:
        return None
    row = session.get(Credential, parts[1])
    if row is None or row.revoked:
        return None
    if not hmac.compare_digest(row.secret_hash, _hash(parts[2])):
        return None
    return Principal(id=row.id, role=row.role, site=row.site)


def new_device_id(site: str) -> str:
    return f"{site}-{secrets.token_hex(3)}"
