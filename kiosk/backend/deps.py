"""Authentication as FastAPI dependencies, built per app (no module-level state)."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kiosk.backend import auth
from kiosk.backend.auth import Principal
from kiosk.backend.database import Database

_UNAUTHORISED = HTTPException(status.HTTP_401_UNAUTHORIZED, "a valid credential is required",
                              headers={"WWW-Authenticate": "Bearer"})


@dataclass(frozen=True)
class Guards:
    """``device``: any kiosk or admin; ``kiosk``: kiosks only; ``admin``: admins only."""

    device: Callable[..., Principal]
    kiosk: Callable[..., Principal]
    admin: Callable[..., Principal]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def make_guards(database: Database, clock: Callable[[], datetime] = _utc_now) -> Guards:
    """The guards over ``database``; ``clock`` decides whether a credential has expired."""
    bearer = HTTPBearer(auto_error=False, description="kb1.<id>.<secret> from "
                                                      "'kiosk backend device add'")

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

    def kiosk_only(who: Annotated[Principal, Depends(authenticated)]) -> Principal:
        if who.is_admin:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "only a kiosk can do this")
        return who

    def admin_only(who: Annotated[Principal, Depends(authenticated)]) -> Principal:
        if not who.is_admin:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "an admin credential is required")
        return who

    return Guards(device=authenticated, kiosk=kiosk_only, admin=admin_only)


def require_site(who: Principal, site: str) -> None:
    """A kiosk reads and writes its own site's data only."""
    if not who.is_admin and who.site != site:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "this credential is for another site")
