"""``POST /api/v1/enrol``: a one-time enrolment token in, the kiosk's credential out.

The token travels as the Bearer credential (never in a body that might be logged), and
is checked before the body: a call without one is a 401 like any other write.
"""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kiosk.backend import enrolment, schemas
from kiosk.backend.app_context import AppContext
from kiosk.backend.enrolment import AttemptLimiter, EnrolmentRefusedError

log = logging.getLogger(__name__)
_REFUSALS = {code: {"model": schemas.Problem} for code in (401, 403, 409, 410, 429)}


def enrol_router(ctx: AppContext, limiter: AttemptLimiter | None = None) -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["enrolment"])
    limiter = limiter or AttemptLimiter()
    bearer = HTTPBearer(
        auto_error=False,
        scheme_name="EnrolmentToken",
        description="ke1.<id>.<secret> from 'kiosk backend token create'",
    )

    def client_address(request: Request) -> str:
        """Counts the attempt; refuses with 429 past the limit for this address."""
        address = request.client.host if request.client else "unknown"
        wait_s = limiter.allow(address)
        if wait_s is not None:
            log.warning("enrolment attempts from %s rate-limited", address)
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                "too many enrolment attempts; try again later",
                headers={"Retry-After": str(max(1, round(wait_s)))},
            )
        return address

    def enrolment_token(
        address: Annotated[str, Depends(client_address)],
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> str:
        if (
            creds is None
            or creds.scheme.lower() != "bearer"
            or len(creds.credentials) > 256
            or not creds.credentials.startswith(enrolment.PREFIX + ".")
        ):
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "an enrolment token (ke1.…) is required as the Bearer credential",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return creds.credentials

    @router.post(
        "/enrol",
        response_model=schemas.Enrolled,
        status_code=status.HTTP_201_CREATED,
        responses=_REFUSALS,
    )
    def enrol(
        body: schemas.EnrolRequest,
        token: Annotated[str, Depends(enrolment_token)],
        address: Annotated[str, Depends(client_address)],
    ) -> schemas.Enrolled:
        """Spend a one-time enrolment token (``kiosk backend token create``) for this
        kiosk's device credential. A site token enrols a new kiosk; enrolling an existing
        kiosk again replaces its credential (the old one is refused from then on) and
        needs a token naming that kiosk. Unknown or forged token: 401; token of another
        site, a kiosk of another site, an existing kiosk the token does not name: 403;
        used: 409; expired: 410; too many attempts: 429."""
        try:
            with ctx.db.write() as session:
                done = enrolment.redeem(
                    session,
                    token,
                    site=body.site,
                    kiosk_id=body.kiosk_id,
                    now=ctx.settings.clock(),
                )
        except EnrolmentRefusedError as exc:
            log.info("enrolment refused for %s: %s", address, exc.reason)
            headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
            raise HTTPException(exc.status, exc.reason, headers=headers) from None
        log.info(
            "kiosk %s enrolled at site %s%s",
            done.kiosk_id,
            done.site,
            " (previous credential revoked)" if done.replaced else "",
        )
        return schemas.Enrolled(
            kiosk_id=done.kiosk_id, site=done.site, token=done.token, replaced=done.replaced
        )

    return router
