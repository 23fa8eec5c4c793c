"""Admin endpoints: enrol devices, move cases along, read any ledger, count events."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
import logging
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, status
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.backend import auth, cases, documents, schemas
from kiosk.backend.app_context import AppContext
from kiosk.backend.auth import Principal
from kiosk.backend.bounds import Day
from kiosk.backend.routes_kiosk import FORBIDDEN, CaseId, ledger
from kiosk.backend.schemas import DeviceId
from kiosk.backend.tables import CaseRow, EventRow, SiteRow
from kiosk.seal.signer import SealError

log = logging.getLogger(__name__)


def admin_router(ctx: AppContext) -> APIRouter:
    router = APIRouter(prefix="/api/v1/admin", tags=["admin"], responses=FORBIDDEN)
    Admin = Annotated[Principal, Depends(ctx.guards.admin)]  # noqa: N806 (a type alias)

    @router.post("/devices", response_model=schemas.DeviceCredential,
                 status_code=status.HTTP_201_CREATED,
                 responses={404: {"model": schemas.Problem}, 409: {"model": schemas.Problem}})
    def add_device(request: schemas.DeviceRequest, who: Admin) -> schemas.DeviceCredential:
        """Issue a kiosk's credential (the token is shown once)."""
        kiosk_id = request.kiosk_id or auth.new_device_id(request.site)
        with ctx.db.write() as session:
            if session.get(SiteRow, request.site) is None:
                raise HTTPException(status.HTTP_404_NOT_FOUND, "no such site")
            try:
                token = auth.issue(session, role="device", credential_id=kiosk_id,
                                   site=request.site, now=ctx.settings.clock())
            except auth.CredentialExistsError as exc:
                raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
        return schemas.DeviceCredential(kiosk_id=kiosk_id, site=request.site, token=token)

    @router.get("/cases/{case_id}", response_model=schemas.Case,
                responses={404: {"model": schemas.Problem}})
    def get_case(case_id: CaseId, who: Admin) -> schemas.Case:
        with ctx.db.read() as session:
            found = cases.case(session, case_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such case")
        return found

    @router.post("/cases/{case_id}/status", response_model=schemas.Case,
                 responses={404: {"model": schemas.Problem}, 409: {"model": schemas.Problem}})
    def move_case(case_id: CaseId, change: schemas.CaseTransition, who: Admin) -> schemas.Case:
        """Move a case to its next status; the history records it. A certificate request
        that becomes ready gets its certificate (``GET /api/v1/cases/{id}/document``)."""
        now = ctx.settings.clock()
        try:
            with ctx.db.write() as session:
                moved = cases.transition(session, case_id, change, now)
                if moved is not None and moved.status == "ready":
                    _issue_document(session, case_id, now)
        except cases.TransitionError as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
        if moved is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such case")
        return moved

    def _issue_document(session: Session, case_id: str, now: datetime) -> None:
        row = session.get(CaseRow, case_id)
        try:
            documents.issue(session, row, ctx.settings.catalog, issued_at=now,
                            sealer=ctx.settings.sealer,
                            verify_base_url=ctx.settings.public_url)
        except documents.NotIssuableError as exc:
            # Not a certificate, or an unknown citizen: the document endpoint says so.
            log.info("no certificate for case %s: %s", case_id, exc)
        except (documents.FontMissingError, SealError) as exc:
            # The case still moves on; the document is issued on first request once the
            # font is installed (the endpoint answers 503 with this reason until then).
            log.error("certificate for case %s not issued: %s", case_id, exc)

    @router.get("/ledger/{kiosk_id}/{day}", response_model=schemas.Ledger)
    def kiosk_ledger(kiosk_id: Annotated[DeviceId, Path()], day: Day,
                     who: Admin) -> schemas.Ledger:
        """Any kiosk's payments ledger for ``day``."""
        return ledger(ctx, kiosk_id, day)

    @router.get("/event-counts", response_model=list[schemas.EventCount])
    def event_counts(who: Admin) -> list[schemas.EventCount]:
        """How many events each kiosk has delivered."""
        with ctx.db.read() as session:
            rows = session.execute(select(EventRow.device_id, func.count())
                                   .group_by(EventRow.device_id)
                                   .order_by(EventRow.device_id)).all()
        return [schemas.EventCount(kiosk_id=k, events=n) for k, n in rows]

    return router
