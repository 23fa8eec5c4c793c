"""The fleet pages central IT watches: server-rendered (jinja2), a login form that sets
a signed session cookie for an admin credential, and a little JavaScript that refreshes
the page's content. Nothing personal is ever shown."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
import json
import logging
from datetime import date, timedelta
from importlib import resources
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pydantic import ValidationError

from kiosk.backend import auth
from kiosk.backend.app_context import AppContext
from kiosk.backend.enrolment import AttemptLimiter
from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.actions import ActionsService
from kiosk.backend.fleet.attendance import ZONE as ATTENDANCE_ZONE
from kiosk.backend.fleet.attendance import DayCount, chart_svg, csv_text, daily_attendance
from kiosk.backend.fleet.history import kiosk_timeline, site_hours
from kiosk.backend.fleet.routes_api import check_remote_values
from kiosk.backend.fleet.rules import RULES
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.fleet.session import COOKIE, SessionSigner
from kiosk.backend.fleet.web_actions import LABELS, add_action_pages
from kiosk.backend.fleet.web_updates import add_update_pages, update_views
from kiosk.backend.schemas import DeviceId, SiteId
from kiosk.backend.tables import Credential
from kiosk.backend.updates.service import UpdatesService
from kiosk.formatting import age, count, money, short_hash
from kiosk.l10n import format_technical

log = logging.getLogger(__name__)
STATIC = {"fleet.css": "text/css; charset=utf-8", "fleet.js": "text/javascript; charset=utf-8"}
MAX_FORM_BYTES = 16_384
LOGIN = "/fleet/login"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("kiosk.backend.fleet", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["euros"] = money
    env.filters["count"] = count
    env.filters["short_hash"] = short_hash
    env.filters["pct"] = lambda v: "—" if v is None else f"{v:.0f} %"
    # Times as staff read them: Brussels, with CET/CEST (the hour repeated in October).
    env.filters["brussels"] = lambda dt: (
        "—" if dt is None else format_technical(dt, zone=True, seconds=True))
    env.filters["pretty"] = lambda v: json.dumps(v, indent=2, sort_keys=True)
    return env


# One way to write an age across the pages, the CLI, alert details and the kiosk.
duration = age
SortKey = Literal["site", "kiosk", "status", "heartbeat", "queue", "version", "alerts"]
_STATUS_ORDER = {"offline": 0, "degraded": 1, "online": 2}


def sort_and_filter(
    kiosks: list[schemas.KioskState], sort: str, q: str, only: str
) -> list[schemas.KioskState]:
    """The fleet list as asked: worst first for status, oldest heartbeat first, deepest
    queue first, most alerts first; ``q`` matches kiosk id, site or version."""
    needle = q.strip().lower()
    found = [
        k for k in kiosks
        if (not only or k.status == only)
        and (not needle or any(needle in v.lower()
                               for v in (k.kiosk_id, k.site, k.software_version)))
    ]
    keys = {
        "site": lambda k: (k.site, k.kiosk_id),
        "kiosk": lambda k: k.kiosk_id,
        "status": lambda k: (_STATUS_ORDER[k.status], k.site, k.kiosk_id),
        "heartbeat": lambda k: k.last_heartbeat_at,
        "queue": lambda k: (-k.outbox_pending, k.kiosk_id),
        "version": lambda k: (k.software_version, k.kiosk_id),
        "alerts": lambda k: (-len(k.open_alerts), k.kiosk_id),
    }
    return sorted(found, key=keys[sort])


def fleet_pages_router(
    ctx: AppContext,
    fleet: FleetService,
    signer: SessionSigner,
    login_limiter: AttemptLimiter | None = None,
    updates: UpdatesService | None = None,
    actions: ActionsService | None = None,
) -> APIRouter:
    router = APIRouter(prefix="/fleet", include_in_schema=False)
    updates = updates or UpdatesService(ctx.db, ctx.settings.clock)
    actions = actions or ActionsService(ctx.db, ctx.settings.clock)
    env = _environment()
    # Login attempts per client address (guessing admin credentials); per app, like
    # the enrolment endpoint's limiter.
    login_limiter = login_limiter or AttemptLimiter(limit=10, window_s=60.0)

    def render(name: str, request: Request, code: int = 200, **values: Any) -> HTMLResponse:
        now = ctx.settings.clock()
        cookie = request.cookies.get(COOKIE)
        html = env.get_template(name).render(
            now=now,
            ago=lambda dt: duration((now - dt).total_seconds()),
            duration=duration,
            rules=RULES,
            csrf=signer.csrf(cookie) if cookie else "",
            can_act=getattr(request.state, "fleet_role", None) == auth.OPERATOR,
            **values,
        )
        return HTMLResponse(
            html,
            status_code=code,
            headers={
                "Cache-Control": "no-store",
                "X-Frame-Options": "DENY",
                "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
            },
        )

    def session_role(request: Request) -> tuple[str, str]:
        """(credential id, role) of a live central IT session, else to the login form."""
        credential_id = signer.verify(request.cookies.get(COOKIE))
        if credential_id is not None:
            with ctx.db.read() as session:
                row = session.get(Credential, credential_id)
                if auth.usable(row, ctx.settings.clock()) and row.role in auth.CENTRAL_IT:
                    return credential_id, row.role
        raise HTTPException(
            status.HTTP_303_SEE_OTHER, "login required", headers={"Location": LOGIN}
        )

    def viewer_session(request: Request) -> str:
        credential_id, role = session_role(request)
        request.state.fleet_role = role  # the templates hide forms from viewers
        return credential_id

    def operator_session(request: Request) -> str:
        credential_id, role = session_role(request)
        if role != auth.OPERATOR:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "a read-only viewer cannot do this")
        request.state.fleet_role = role
        return credential_id

    Viewer = Annotated[str, Depends(viewer_session)]  # noqa: N806 (a type alias)
    Admin = Annotated[str, Depends(operator_session)]  # noqa: N806 (operators only)

    async def form(request: Request) -> dict[str, str]:
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "form too large")
        fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
        return {k: v[0] for k, v in fields.items()}

    def check_csrf(request: Request, fields: dict[str, str]) -> None:
        if not signer.csrf_ok(request.cookies.get(COOKIE, ""), fields.get("csrf", "")):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "stale form: reload the page")

    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> HTMLResponse:
        return render("login.html", request, error=None)

    @router.post("/login", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        address = request.client.host if request.client else "unknown"
        wait_s = login_limiter.allow(address)
        if wait_s is not None:
            log.warning("fleet login attempts from %s rate-limited", address)
            response = render(
                "login.html",
                request,
                status.HTTP_429_TOO_MANY_REQUESTS,
                error="Too many attempts. Try again in a minute.",
            )
            response.headers["Retry-After"] = str(max(1, round(wait_s)))
            return response
        fields = await form(request)
        token = fields.get("credential", "").strip()
        who = None
        if 0 < len(token) <= 256:
            with ctx.db.read() as session:
                who = auth.verify(session, token, ctx.settings.clock())
        if who is None or not who.can_view:
            log.info("fleet login refused")
            return render(
                "login.html",
                request,
                status.HTTP_401_UNAUTHORIZED,
                error="That is not a valid admin credential.",
            )
        response = RedirectResponse("/fleet", status.HTTP_303_SEE_OTHER)
        response.set_cookie(
            COOKIE,
            signer.issue(who.id),
            max_age=signer.max_age_s,
            httponly=True,
            samesite="strict",
            path="/fleet",
            secure=request.url.scheme == "https",
        )
        log.info("fleet login: %s", who.id)
        return response

    @router.post("/logout")
    async def logout(request: Request, who: Viewer) -> Response:
        check_csrf(request, await form(request))
        response = RedirectResponse(LOGIN, status.HTTP_303_SEE_OTHER)
        response.delete_cookie(COOKIE, path="/fleet")
        return response

    @router.get("", response_class=HTMLResponse)
    def fleet_list(
        request: Request,
        who: Viewer,
        sort: Annotated[SortKey, Query()] = "site",
        q: Annotated[str, Query(max_length=64)] = "",
        only: Annotated[schemas.Status | Literal[""], Query(alias="status")] = "",
    ) -> HTMLResponse:
        """Every kiosk, sorted by a column and filtered by text and status (in the URL,
        so the page's refresh keeps them)."""
        everyone = fleet.states()
        counts = {
            s: sum(1 for k in everyone if k.status == s) for s in ("online", "degraded", "offline")
        }
        kiosks = sort_and_filter(everyone, sort, q, only)
        return render(
            "fleet.html",
            request,
            kiosks=kiosks,
            total=len(everyone),
            counts=counts,
            who=who,
            sort=sort,
            q=q,
            only=only,
            updates=update_views(kiosks, updates.kiosk_states()),
        )

    @router.get("/attendance", response_class=HTMLResponse)
    def attendance_page(
        request: Request, who: Viewer, days: Annotated[int, Query(ge=1, le=366)] = 30
    ) -> HTMLResponse:
        shown, counts = _attendance(days)
        sites = sorted({c.site for c in counts})
        # chart_svg escapes the site name itself: the SVG is markup, not text.
        charts = [(site, Markup(chart_svg(site, shown, counts)),
                   sum(c.entries for c in counts if c.site == site)) for site in sites]
        return render("attendance.html", request, who=who, charts=charts, days=days,
                      first=shown[0], last=shown[-1])

    @router.get("/attendance.csv")
    def attendance_csv(
        who: Viewer, days: Annotated[int, Query(ge=1, le=366)] = 30
    ) -> Response:
        _, counts = _attendance(days)
        return Response(csv_text(counts), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": 'attachment; filename="attendance.csv"',
            "Cache-Control": "no-store"})

    def _attendance(days: int) -> tuple[list[date], list[DayCount]]:
        today = ctx.settings.clock().astimezone(ATTENDANCE_ZONE).date()
        shown = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
        return shown, daily_attendance(ctx.db, shown[0], shown[-1])
    @router.get("/sites/{site}", response_class=HTMLResponse)
    def site_page(
        request: Request, site: Annotated[SiteId, Path()], who: Viewer
    ) -> HTMLResponse:
        """A site's kiosks, transactions per hour and outbox depth (last 24 h)."""
        kiosks = fleet.states(site)
        transactions, depth = site_hours(ctx.db, site, ctx.settings.clock()).charts(site)
        return render(
            "site.html",
            request,
            site=site,
            kiosks=kiosks,
            who=who,
            transactions_svg=Markup(transactions),  # built escaped (charts.py)
            outbox_svg=Markup(depth),
        )

    @router.get("/alerts", response_class=HTMLResponse)
    def alerts_page(request: Request, who: Viewer) -> HTMLResponse:
        alerts = fleet.alerts()
        return render(
            "alerts.html",
            request,
            who=who,
            open_alerts=[a for a in alerts if a.resolved_at is None],
            resolved=[a for a in alerts if a.resolved_at is not None][:100],
        )

    def kiosk_page(
        request: Request,
        kiosk_id: str,
        who: str,
        code: int = 200,
        error: str | None = None,
        draft: str | None = None,
    ) -> HTMLResponse:
        detail = fleet.detail(kiosk_id)
        if detail is None:
            return render(
                "missing.html", request, status.HTTP_404_NOT_FOUND, kiosk_id=kiosk_id, who=who
            )
        own = next(
            (e for e in fleet.remote_entries() if e.scope == "kiosk" and e.target == kiosk_id), None
        )
        return render(
            "kiosk.html",
            request,
            code,
            d=detail,
            k=detail.kiosk,
            u=update_views([detail.kiosk], updates.kiosk_states()).get(kiosk_id),
            actions=actions.recent(kiosk_id),
            timeline=Markup(kiosk_timeline(ctx.db, kiosk_id, ctx.settings.clock())),
            action_labels=LABELS,
            who=who,
            error=error,
            draft=draft
            if draft is not None
            else json.dumps(own.values if own else {}, indent=2, sort_keys=True),
        )

    @router.get("/kiosks/{kiosk_id}", response_class=HTMLResponse)
    def kiosk_detail(
        request: Request, kiosk_id: Annotated[DeviceId, Path()], who: Viewer
    ) -> HTMLResponse:
        return kiosk_page(request, kiosk_id, who)

    @router.post("/kiosks/{kiosk_id}/config", response_class=HTMLResponse)
    async def kiosk_config(
        request: Request, kiosk_id: Annotated[DeviceId, Path()], who: Admin
    ) -> Response:
        """The form's JSON (sections → keys → values) becomes the kiosk's remote config;
        an empty object removes it."""
        fields = await form(request)
        check_csrf(request, fields)
        text = fields.get("values", "").strip() or "{}"
        try:
            try:
                values = json.loads(text)
            except RecursionError:  # nested ~1,000 deep: say so, as for any bad JSON
                raise ValueError("the JSON is nested too deeply") from None
            if values == {}:
                fleet.delete_remote("kiosk", kiosk_id)
            else:
                body = schemas.RemoteConfigValues(values=values)
                check_remote_values(body.values)
                fleet.set_remote("kiosk", kiosk_id, dict(body.values), who)
        except (ValueError, ValidationError, HTTPException) as exc:
            return kiosk_page(
                request,
                kiosk_id,
                who,
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                error=_why(exc),
                draft=text,
            )
        return RedirectResponse(f"/fleet/kiosks/{kiosk_id}", status.HTTP_303_SEE_OTHER)

    add_update_pages(
        router,
        render=render,
        admin=Admin,
        viewer=Viewer,
        form=form,
        check_csrf=check_csrf,
        fleet=fleet,
        updates=updates,
    )

    add_action_pages(
        router,
        admin=Admin,
        viewer=Viewer,
        form=form,
        check_csrf=check_csrf,
        fleet=fleet,
        actions=actions,
    )

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such file")
        data = resources.files("kiosk.backend.fleet").joinpath("templates", name).read_bytes()
        return Response(data, media_type=STATIC[name], headers={"Cache-Control": "max-age=300"})

    return router


def _why(exc: Exception) -> str:
    if isinstance(exc, HTTPException):
        return str(exc.detail)
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{where}: {first.get('msg', 'invalid')}"
    return f"not JSON: {exc}"
