"""Admin endpoints: enrol devices, move cases along, read any ledger, count events."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, status
from sqlalchemy import func, select

from kiosk.backend import auth, cases, schemas
from kiosk.backend.app_context import AppContext
from kiosk.backend.auth import Principal
from kiosk.backend.routes_kiosk import FORBIDDEN, ledger
from kiosk.backend.schemas import DeviceId
from kiosk.backend.tables import EventRow, SiteRow

CaseId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]


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
        """Move a case to its next status; the history records it."""
        try:
            with ctx.db.write() as session:
                moved = cases.transition(session, case_id, change, ctx.settings.clock())
        except cases.TransitionError as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
        if moved is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such case")
        return moved

    @router.get("/ledger/{kiosk_id}/{day}", response_model=schemas.Ledger)
    def kiosk_ledger(kiosk_id: Annotated[DeviceId, Path()], day: date,
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
