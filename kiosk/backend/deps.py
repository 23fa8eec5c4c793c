"""Authentication as FastAPI dependencies, built per app (no module-level state)."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from kiosk.backend import auth
from kiosk.backend.auth import Principal
from kiosk.backend.database import Database

_UNAUTHORISED = HTTPException(
    status.HTTP_401_UNAUTHORIZED,
    "a valid credential is required",
    headers={"WWW-Authenticate": "Bearer"},
)


@dataclass(frozen=True)
class Guards:
    """``device``: any kiosk or admin; ``kiosk``: kiosks only; ``admin``: admins only.

    ``heartbeat``: kiosks only, through ``credentials`` (a :class:`CredentialCache`):
    a revoked kiosk credential may still post heartbeats for up to
    ``HEARTBEAT_CREDENTIAL_TTL_S``; every other guard reads the database on each call.
    """

    device: Callable[..., Principal]
    kiosk: Callable[..., Principal]
    admin: Callable[..., Principal]
    heartbeat: Callable[..., Principal] | None = None
    credentials: auth.CredentialCache | None = None
    # Central IT of either role (operator or read-only viewer): the fleet's reads.
    viewer: Callable[..., Principal] | None = None
    # ``heartbeat`` for an async route: a cached credential is checked on the event loop
    # (no worker-thread hop for 1,000 heartbeats a second), anything else as ``heartbeat``.
    heartbeat_async: Callable[..., Awaitable[Principal]] | None = None
    # ``heartbeat`` for a bare token: the principal (and cached), or None when refused.
    heartbeat_token: Callable[[str], Principal | None] | None = None


def _utc_now() -> datetime:
    return datetime.now(UTC)


# Longer than a kiosk's heartbeat interval (30 s default, 10 s in the fleet benchmark),
# or the cache would never hit; short enough that a revocation bites within a minute.
HEARTBEAT_CREDENTIAL_TTL_S = 60.0


def make_guards(
    database: Database,
    clock: Callable[[], datetime] = _utc_now,
    heartbeat_ttl_s: float = HEARTBEAT_CREDENTIAL_TTL_S,
    monotonic: Callable[[], float] = time.monotonic,
) -> Guards:
    """The guards over ``database``; ``clock`` decides whether a credential has expired,
    ``heartbeat_ttl_s`` (on ``monotonic``) how long the heartbeat guard trusts a check."""
    def device_rows() -> dict[str, auth.DeviceRow]:
        with database.read() as session:
            return auth.device_rows(session)

    def device_rows_digest() -> str | None:
        with database.read() as session:
            return auth.device_rows_digest(session)

    devices = auth.DeviceCredentials(device_rows, heartbeat_ttl_s, monotonic=monotonic,
                                     digest=device_rows_digest)
    cache = auth.CredentialCache(heartbeat_ttl_s, monotonic=monotonic, devices=devices)
    bearer = HTTPBearer(
        auto_error=False, description="kb1.<id>.<secret> from 'kiosk backend device add'"
    )

    def authenticated(
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Principal:
        if creds is None or creds.scheme.lower() != "bearer" or len(creds.credentials) > 256:
            raise _UNAUTHORISED
        with database.read() as session:
            who = auth.verify(session, creds.credentials, clock())
        if who is None:
            raise _UNAUTHORISED
        return who

    def heartbeat_kiosk(
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Principal:
        if creds is None or creds.scheme.lower() != "bearer" or len(creds.credentials) > 256:
            raise _UNAUTHORISED
        now = clock()
        who = cache.get(creds.credentials, now)
        if who is None and not devices.fresh():
            devices.refresh()  # one read of every device credential, not one per kiosk
            who = cache.get(creds.credentials, now)
        if who is None:
            with database.read() as session:
                found = auth.verify_with_expiry(session, creds.credentials, now)
            if found is None:
                raise _UNAUTHORISED
            who = found[0]
            cache.put(creds.credentials, who, found[1])
        if who.can_view:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "only a kiosk can do this")
        return who

    async def heartbeat_kiosk_async(
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Principal:
        if creds is not None and creds.scheme.lower() == "bearer" and len(
                creds.credentials) <= 256:
            who = cache.get(creds.credentials, clock())
            if who is not None and not who.can_view:
                return who
        return await run_in_threadpool(heartbeat_kiosk, creds)

    def heartbeat_token(token: str) -> Principal | None:
        try:
            return heartbeat_kiosk(HTTPAuthorizationCredentials(scheme="Bearer",
                                                                credentials=token))
        except HTTPException:
            return None

    def kiosk_only(who: Annotated[Principal, Depends(authenticated)]) -> Principal:
        if who.can_view:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "only a kiosk can do this")
        return who

    def admin_only(who: Annotated[Principal, Depends(authenticated)]) -> Principal:
        if not who.is_admin:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                "a read-only viewer cannot do this" if who.can_view
                else "an admin credential is required",
            )
        return who

    def device_or_operator(
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Principal:
        who = authenticated(creds)
        if who.role == auth.VIEWER:  # a viewer reads the fleet, not citizens' data
            raise HTTPException(status.HTTP_403_FORBIDDEN, "a read-only viewer cannot do this")
        return who

    def central_it(who: Annotated[Principal, Depends(authenticated)]) -> Principal:
        if not who.can_view:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "an admin credential is required")
        return who

    return Guards(
        device=device_or_operator,
        kiosk=kiosk_only,
        admin=admin_only,
        heartbeat=heartbeat_kiosk,
        heartbeat_async=heartbeat_kiosk_async,
        heartbeat_token=heartbeat_token,
        credentials=cache,
        viewer=central_it,
    )


def require_site(who: Principal, site: str) -> None:
    """A kiosk reads and writes its own site's data only."""
    if not who.is_admin and who.site != site:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "this credential is for another site")
