"""The fleet's JSON endpoints: a kiosk's heartbeat, central IT's reads and remote
configuration, and Prometheus ``/metrics``."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
import re
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response, status
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry
from starlette.concurrency import run_in_threadpool

from kiosk.backend import schemas as api_schemas
from kiosk.backend.app_context import AppContext
from kiosk.backend.auth import Principal
from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.actions import ActionsService
from kiosk.backend.fleet.alerting import Silences
from kiosk.backend.fleet.metrics import render
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.schemas import DeviceId, SiteId
from kiosk.backend.tables import SiteRow

FORBIDDEN = {401: {"model": api_schemas.Problem}, 403: {"model": api_schemas.Problem}}
NOT_FOUND = {404: {"model": api_schemas.Problem}}
# Remote configuration never changes who the kiosk is.
REMOTE_FORBIDDEN_KEYS = frozenset({("kiosk", "id"), ("kiosk", "site")})
_SITE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def check_remote_values(values: dict[str, dict[str, object]]) -> None:
    """Refuse what remote configuration may never set (422 naming the key)."""
    for section, keys in values.items():
        for key in keys:
            if (section, key) in REMOTE_FORBIDDEN_KEYS:
                raise HTTPException(
                    status.HTTP_422_UNPROCESSABLE_CONTENT,
                    f"values.{section}.{key}: cannot be set remotely",
                )


def fleet_api_router(
    ctx: AppContext,
    fleet: FleetService,
    registry: CollectorRegistry,
    actions: ActionsService | None = None,
) -> APIRouter:
    router = APIRouter(responses=FORBIDDEN)
    # The hot path: a briefly cached credential check (see Guards.heartbeat).
    Beating = Annotated[  # noqa: N806 (a type alias)
        Principal, Depends(ctx.guards.heartbeat_async or ctx.guards.heartbeat or ctx.guards.kiosk)
    ]
    Admin = Annotated[Principal, Depends(ctx.guards.admin)]  # noqa: N806 (operators)
    # Reads: central IT of either role (a read-only viewer too).
    Viewer = Annotated[Principal, Depends(ctx.guards.viewer or ctx.guards.admin)]  # noqa: N806

    @router.post("/api/v1/heartbeat", response_model=schemas.HeartbeatAnswer, tags=["fleet"])
    async def post_heartbeat(beat: schemas.Heartbeat, who: Beating) -> Response:
        """A kiosk's state every ``interval_s``; the answer may carry remote config."""
        # Async, on purpose (bench/fleet.py: 1,000 a second): no worker thread per
        # heartbeat; the commit is grouped (FleetService.heartbeat_async) and the answer
        # serialised once, here, rather than validated again by the response model.
        if beat.kiosk_id != who.id:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "a kiosk reports for itself only")
        answer = await fleet.heartbeat_async(who.id, who.site or "", beat)
        if actions is not None and not actions.surely_none_for(who.id):
            answer.actions = await run_in_threadpool(actions.for_heartbeat, who.id)
        return Response(answer.model_dump_json(), media_type="application/json")

    @router.get("/api/v1/admin/fleet", response_model=list[schemas.KioskState], tags=["fleet"])
    def get_fleet(
        who: Viewer,
        site: Annotated[SiteId | None, Query()] = None,
    ) -> list[schemas.KioskState]:
        """Every kiosk that ever reported, with its status and open alerts."""
        return fleet.states(site)

    @router.get(
        "/api/v1/admin/fleet/kiosks/{kiosk_id}",
        response_model=schemas.KioskDetail,
        tags=["fleet"],
        responses=NOT_FOUND,
    )
    def get_kiosk(kiosk_id: Annotated[DeviceId, Path()], who: Viewer) -> schemas.KioskDetail:
        """One kiosk: state, recent heartbeats, alerts, dead letters, remote config."""
        found = fleet.detail(kiosk_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no heartbeat from this kiosk yet")
        return found

    @router.get("/api/v1/admin/fleet-alerts", response_model=list[schemas.Alert], tags=["fleet"])
    def get_alerts(
        who: Viewer,
        open_only: Annotated[bool, Query(alias="open")] = False,
    ) -> list[schemas.Alert]:
        """Alerts, newest first (``open=true``: those not resolved yet)."""
        return fleet.alerts(open_only)

    @router.get(
        "/api/v1/admin/fleet-config", response_model=list[schemas.RemoteConfigEntry], tags=["fleet"]
    )
    def get_remote_config(who: Viewer) -> list[schemas.RemoteConfigEntry]:
        """Every per-site and per-kiosk remote configuration."""
        return fleet.remote_entries()

    @router.put(
        "/api/v1/admin/fleet-config/{scope}/{target}",
        response_model=schemas.RemoteConfigEntry,
        tags=["fleet"],
        responses={**NOT_FOUND, 422: {"model": api_schemas.Problem}},
    )
    def put_remote_config(
        scope: schemas.Scope,
        target: Annotated[DeviceId, Path()],
        body: schemas.RemoteConfigValues,
        who: Admin,
    ) -> schemas.RemoteConfigEntry:
        """Set a site's or a kiosk's values (kiosk.toml sections; the kiosk's own schema
        validates them, and a kiosk refusing them says why in its next heartbeat)."""
        if scope == "site":
            if not _SITE.match(target):
                raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "target: not a site id")
            with ctx.db.read() as session:
                if session.get(SiteRow, target) is None:
                    raise HTTPException(status.HTTP_404_NOT_FOUND, "no such site")
        check_remote_values(body.values)
        return fleet.set_remote(scope, target, dict(body.values), who.id)

    @router.delete(
        "/api/v1/admin/fleet-config/{scope}/{target}",
        status_code=status.HTTP_204_NO_CONTENT,
        tags=["fleet"],
        responses=NOT_FOUND,
    )
    def delete_remote_config(
        scope: schemas.Scope, target: Annotated[DeviceId, Path()], who: Admin
    ) -> Response:
        """Drop a site's or a kiosk's values (kiosks go back to their own file)."""
        if not fleet.delete_remote(scope, target):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no remote config here")
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    @router.get(
        "/api/v1/admin/fleet-thresholds", response_model=schemas.ThresholdsState, tags=["fleet"]
    )
    def get_thresholds(who: Viewer) -> schemas.ThresholdsState:
        """The alert rules' thresholds and severities in force."""
        return fleet.thresholds_state()

    @router.put(
        "/api/v1/admin/fleet-thresholds",
        response_model=schemas.ThresholdsState,
        tags=["fleet"],
        responses={422: {"model": api_schemas.Problem}},
    )
    def put_thresholds(body: schemas.ThresholdValues, who: Admin) -> schemas.ThresholdsState:
        """Tune thresholds or severities (fields left out keep their value); every
        kiosk's alerts are re-evaluated on its next heartbeat."""
        try:
            return fleet.set_thresholds(body.model_dump(exclude_none=True), who.id)
        except ValueError as exc:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None

    @router.get("/api/v1/admin/fleet-silences", response_model=Silences, tags=["fleet"])
    def get_silences(who: Viewer) -> Silences:
        """Quiet hours and maintenance windows: no alert mail or webhook for those
        kiosks or sites while one applies (alerts still open on the pages)."""
        return fleet.silences()

    @router.put(
        "/api/v1/admin/fleet-silences",
        response_model=Silences,
        tags=["fleet"],
        responses={409: {"model": api_schemas.Problem}, 422: {"model": api_schemas.Problem}},
    )
    def put_silences(body: Silences, who: Admin) -> Silences:
        """Replace the quiet hours and maintenance windows (409: a window that ends
        before it starts)."""
        for number, window in enumerate(body.maintenance):
            problem = window.problem()
            if problem is not None:
                raise HTTPException(status.HTTP_409_CONFLICT, f"maintenance[{number}]: {problem}")
        return fleet.set_silences(body, who.id)

    @router.get("/metrics", include_in_schema=False)
    def metrics(who: Viewer) -> Response:
        """Prometheus text format; scrape with an admin credential as bearer token."""
        return Response(render(registry), media_type=CONTENT_TYPE_LATEST)

    return router
