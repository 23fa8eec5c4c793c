"""The fleet pages' remote actions: an operator's buttons on a kiosk's page, and the
screenshot a kiosk brought back, shown inline."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
import logging
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, get_args

from fastapi import APIRouter, HTTPException, Path, Request, status
from fastapi.responses import RedirectResponse, Response

from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.actions import ActionsService
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.schemas import DeviceId

log = logging.getLogger(__name__)
KINDS: tuple[str, ...] = get_args(schemas.ActionKind)
LABELS = {
    "screenshot": "Screenshot",
    "logs": "Recent logs",
    "restart_ui": "Restart the UI",
    "reboot": "Reboot when idle",
    "selftest": "Run the self-test",
}


def add_action_pages(
    router: APIRouter,
    *,
    admin: Any,
    viewer: Any,
    form: Callable[[Request], Awaitable[dict[str, str]]],
    check_csrf: Callable[[Request, dict[str, str]], None],
    fleet: FleetService,
    actions: ActionsService,
) -> None:
    """``POST /fleet/kiosks/{id}/actions`` (operators) and the screenshots (viewers)."""

    @router.post("/kiosks/{kiosk_id}/actions")
    async def ask(request: Request, kiosk_id: Annotated[DeviceId, Path()], who: admin) -> Response:
        fields = await form(request)
        check_csrf(request, fields)
        kind = fields.get("kind", "")
        if kind not in KINDS:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"kind: {kind!r} unknown")
        if not fleet.known(kiosk_id):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no heartbeat from this kiosk yet")
        actions.request(kiosk_id, schemas.ActionRequest(kind=kind), who)
        return RedirectResponse(f"/fleet/kiosks/{kiosk_id}#actions", status.HTTP_303_SEE_OTHER)

    @router.get("/actions/{action_id}/screenshot.png")
    def screenshot(
        action_id: Annotated[int, Path(ge=1, le=2**53)], who: viewer
    ) -> Response:
        found = actions.screenshot(action_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no screenshot for this action")
        return Response(found[1], media_type="image/png", headers={"Cache-Control": "no-store"})
