"""Remote actions over HTTP: central IT asks (operators) and reads (viewers too), the
kiosk reports back on its own actions only."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Response, status

from kiosk.backend import schemas as api_schemas
from kiosk.backend.app_context import AppContext
from kiosk.backend.auth import Principal
from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.actions import ActionError, ActionsService
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.schemas import DeviceId

NOT_FOUND = {404: {"model": api_schemas.Problem}}
ActionId = Annotated[int, Path(ge=1, le=2**53)]


def actions_router(ctx: AppContext, fleet: FleetService, actions: ActionsService) -> APIRouter:
    router = APIRouter(
        responses={401: {"model": api_schemas.Problem}, 403: {"model": api_schemas.Problem}}
    )
    Admin = Annotated[Principal, Depends(ctx.guards.admin)]  # noqa: N806 (operators)
    Viewer = Annotated[Principal, Depends(ctx.guards.viewer or ctx.guards.admin)]  # noqa: N806
    Kiosk = Annotated[Principal, Depends(ctx.guards.kiosk)]  # noqa: N806

    @router.post(
        "/api/v1/admin/fleet/kiosks/{kiosk_id}/actions",
        response_model=schemas.Action,
        status_code=status.HTTP_201_CREATED,
        tags=["fleet"],
        responses={**NOT_FOUND, 422: {"model": api_schemas.Problem}},
    )
    def ask(
        kiosk_id: Annotated[DeviceId, Path()], body: schemas.ActionRequest, who: Admin
    ) -> schemas.Action:
        """Ask a kiosk for a screenshot, its recent (masked) logs, a UI restart, a reboot
        when idle or a self-test; it gets it in its next heartbeat answer."""
        if not fleet.known(kiosk_id):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no heartbeat from this kiosk yet")
        return actions.request(kiosk_id, body, who.id)

    @router.get(
        "/api/v1/admin/fleet/kiosks/{kiosk_id}/actions",
        response_model=list[schemas.Action],
        tags=["fleet"],
    )
    def recent(kiosk_id: Annotated[DeviceId, Path()], who: Viewer) -> list[schemas.Action]:
        """A kiosk's recent actions, newest first: who asked, when, state and result."""
        return actions.recent(kiosk_id)

    @router.get(
        "/api/v1/admin/fleet/actions/{action_id}/screenshot",
        tags=["fleet"],
        responses={**NOT_FOUND, 200: {"content": {"image/png": {}}}},
        response_class=Response,
    )
    def screenshot(action_id: ActionId, who: Viewer) -> Response:
        """The PNG a screenshot action brought back."""
        found = actions.screenshot(action_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no screenshot for this action")
        return Response(found[1], media_type="image/png", headers={"Cache-Control": "no-store"})

    @router.post(
        "/api/v1/actions/{action_id}",
        response_model=schemas.Action,
        tags=["fleet"],
        responses={**NOT_FOUND, 409: {"model": api_schemas.Problem},
                   422: {"model": api_schemas.Problem}},
    )
    def report(action_id: ActionId, body: schemas.ActionReport, who: Kiosk) -> schemas.Action:
        """The kiosk reports on one of its own actions (waiting and why, done, failed)."""
        try:
            return actions.report(who.id, action_id, body)
        except ActionError as exc:
            raise HTTPException(exc.status, str(exc)) from None

    return router
