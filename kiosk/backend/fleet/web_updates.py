"""The fleet pages' software update part: each kiosk's update state (from its reports
and its heartbeats, whichever is newer) and the rollouts page where central IT picks a
version, starts it in waves (a canary kiosk, a site, all), follows it, advances or
resumes it and unblocks a version kiosks rolled back. Same login and CSRF as the rest
of the fleet pages (web.py passes its helpers in)."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at run
# time, and the admin dependency is a parameter of add_update_pages.
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.updates import schemas as update_schemas
from kiosk.backend.updates.service import UpdatesError, UpdatesService

log = logging.getLogger(__name__)
PAGE = "/fleet/updates"
Version = Annotated[str, Path(pattern=r"^\d{1,6}(\.\d{1,6}){1,3}$", max_length=32)]
RolloutId = Annotated[int, Path(ge=1, le=2_147_483_647)]
# Words for the page (the kiosk's state names are the API's).
STATE_WORDS = {
    "idle": "up to date",
    "downloading": "downloading",
    "verifying": "verifying",
    "installing": "installing",
    "waiting_for_idle": "waiting for idle",
    "switched": "switched",
    "healthy": "healthy",
    "rolled_back": "rolled back",
    "failed": "refused",
}


@dataclass(frozen=True)
class UpdateView:
    """What the fleet pages show of one kiosk's software update."""

    state: str  # a kiosk/updates/state.py word, or "" (never reported)
    version: str | None  # the version the state is about
    reason: str | None
    current: str | None  # the release running

    @property
    def words(self) -> str:
        return STATE_WORDS.get(self.state, self.state.replace("_", " "))

    @property
    def bad(self) -> bool:
        return self.state in ("rolled_back", "failed")


def update_views(
    kiosks: list[schemas.KioskState], reports: list[update_schemas.KioskUpdate]
) -> dict[str, UpdateView]:
    """Kiosk id → its update state: the report a kiosk posts on every change, unless a
    later heartbeat carries a newer picture (a report that did not get through)."""
    by_id = {r.kiosk_id: r for r in reports}
    views: dict[str, UpdateView] = {}
    for k in kiosks:
        beat, report = k.update or {}, by_id.pop(k.kiosk_id, None)
        if report is not None and (not beat or report.updated_at >= k.last_heartbeat_at):
            views[k.kiosk_id] = UpdateView(
                report.state, report.version, report.reason, report.current or beat.get("current")
            )
        elif beat:
            views[k.kiosk_id] = UpdateView(
                str(beat.get("state") or ""),
                beat.get("version"),
                beat.get("reason"),
                beat.get("current"),
            )
    for kiosk_id, report in by_id.items():  # reported, but no heartbeat yet
        views[kiosk_id] = UpdateView(report.state, report.version, report.reason, report.current)
    return views


def wave_label(wave: update_schemas.Wave) -> str:
    if wave.all:
        return "all kiosks"
    if wave.site is not None:
        return f"site {wave.site}"
    return "kiosk " + ", ".join(wave.kiosks or [])


def waves_from_form(fields: dict[str, str]) -> list[dict[str, Any]]:
    """The form's choices, in order: canary kiosk, then a site, then all."""
    waves: list[dict[str, Any]] = []
    if fields.get("canary"):
        waves.append({"kiosks": [fields["canary"]]})
    if fields.get("site"):
        waves.append({"site": fields["site"]})
    if fields.get("all"):
        waves.append({"all": True})
    return waves


Render = Callable[..., HTMLResponse]
Form = Callable[[Request], Awaitable[dict[str, str]]]


def add_update_pages(
    router: APIRouter,
    *,
    render: Render,
    admin: Any,
    viewer: Any,
    form: Form,
    check_csrf: Callable[[Request, dict[str, str]], None],
    fleet: FleetService,
    updates: UpdatesService,
) -> None:
    """``/fleet/updates`` and its forms on the fleet pages' router (``viewer``: the
    page's guard, ``admin``: the forms', operators only)."""

    def page(request: Request, who: str, code: int = 200, error: str | None = None) -> HTMLResponse:
        kiosks = fleet.states()
        rollouts = updates.rollouts()
        current = next((r for r in rollouts if r.status != "superseded"), None)
        reports = updates.kiosk_states()
        views = update_views(kiosks, reports)
        blocked = sorted(
            {v.version for v in views.values() if v.bad and v.version},
        )
        return render(
            "updates.html",
            request,
            code,
            who=who,
            error=error,
            bundles=updates.bundles(),
            kiosks=kiosks,
            sites=sorted({k.site for k in kiosks}),
            views=views,
            current=current,
            progress=updates.progress(current) if current is not None else [],
            rollouts=rollouts[:20],
            blocked=blocked,
            wave_label=wave_label,
        )

    async def act(request: Request, who: str, action: Callable[[], object]) -> Response:
        check_csrf(request, await form(request))
        try:
            action()
        except UpdatesError as exc:
            return page(request, who, exc.status, error=str(exc))
        return RedirectResponse(PAGE, status.HTTP_303_SEE_OTHER)

    @router.get("/updates", response_class=HTMLResponse)
    def updates_page(request: Request, who: viewer) -> HTMLResponse:
        return page(request, who)

    @router.post("/updates/rollouts", response_class=HTMLResponse)
    async def start_rollout(request: Request, who: admin) -> Response:
        fields = await form(request)
        check_csrf(request, fields)
        try:
            plan = update_schemas.RolloutRequest(
                version=fields.get("version", ""), waves=waves_from_form(fields)
            )
            rollout = updates.create_rollout(plan, who)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            why = "pick at least one wave" if where == "waves" else first.get("msg", "invalid")
            return page(request, who, status.HTTP_422_UNPROCESSABLE_CONTENT, error=f"{why}")
        except UpdatesError as exc:
            return page(request, who, exc.status, error=str(exc))
        log.info(
            "rollout %s of %s started from the fleet page by %s", rollout.id, rollout.version, who
        )
        return RedirectResponse(PAGE, status.HTTP_303_SEE_OTHER)

    @router.post("/updates/rollouts/{rollout_id}/advance", response_class=HTMLResponse)
    async def advance(request: Request, rollout_id: RolloutId, who: admin) -> Response:
        return await act(request, who, lambda: updates.advance(rollout_id))

    @router.post("/updates/rollouts/{rollout_id}/resume", response_class=HTMLResponse)
    async def resume(request: Request, rollout_id: RolloutId, who: admin) -> Response:
        return await act(request, who, lambda: updates.resume(rollout_id))

    @router.post("/updates/versions/{version}/unblock", response_class=HTMLResponse)
    async def unblock(request: Request, version: Version, who: admin) -> Response:
        def run() -> None:
            done = updates.unblock(version)
            log.info("%s unblocked on %s by %s", version, ", ".join(done.kiosks) or "none", who)

        return await act(request, who, run)
