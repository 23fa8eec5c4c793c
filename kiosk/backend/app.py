"""The FastAPI app factory: settings and database in, app out; nothing global."""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
import logging
from collections.abc import Callable
from datetime import datetime

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError

from kiosk import __version__
from kiosk.backend import schemas
from kiosk.backend.app_context import AppContext
from kiosk.backend.bounds import MAX_BODY_BYTES
from kiosk.backend.card_sessions import CardSessions
from kiosk.backend.contract import use_hardened_openapi
from kiosk.backend.database import Database
from kiosk.backend.deps import Guards, make_guards
from kiosk.backend.fleet.fastpath import HeartbeatFastPath
from kiosk.backend.fleet.router import Fleet, fleet_parts
from kiosk.backend.intake import Intake
from kiosk.backend.json_guard import ASGIApp, JsonGuard
from kiosk.backend.lookup_guard import LookupGuard
from kiosk.backend.routes_admin import admin_router
from kiosk.backend.routes_card_sessions import (
    card_session_guard,
    card_session_router,
    citizen_reader_guard,
)
from kiosk.backend.routes_enrol import enrol_router
from kiosk.backend.routes_kiosk import kiosk_router
from kiosk.backend.seed import seed_demo_data
from kiosk.backend.settings import BackendSettings
from kiosk.backend.updates.router import updates_router
from kiosk.backend.verification.router import verification_router

log = logging.getLogger(__name__)
API_TITLE = "Brussels kiosk citizen-service API"


def prepare_database(database: Database, settings: BackendSettings) -> None:
    """Create the schema and, for an empty database, the demo data."""
    database.create_schema()
    if settings.seed_demo_data:
        with database.write() as session:
            seed_demo_data(session, settings.today(), settings.slot_days)


def _bundle_upload(method: str, path: str) -> bool:
    return method == "PUT" and path.startswith("/api/v1/admin/updates/bundles/")


def _heartbeats_first(app: FastAPI, fleet: Fleet, guards: Guards,
                      clock: Callable[[], datetime]) -> None:
    """Ordinary heartbeats are answered in front of the whole middleware stack (its
    error, telemetry and body-limit layers cost more than the heartbeat itself at
    1,000 a second); the fast path hands everything else to the stack unchanged."""
    build = app.build_middleware_stack
    assert guards.credentials is not None

    def build_with_fast_path() -> ASGIApp:
        return HeartbeatFastPath(build(), fleet=fleet.service, actions=fleet.actions,
                                 credentials=guards.credentials, clock=clock,
                                 verify=guards.heartbeat_token, max_body_bytes=MAX_BODY_BYTES)

    app.build_middleware_stack = build_with_fast_path  # type: ignore[method-assign]


def create_app(settings: BackendSettings, database: Database) -> FastAPI:
    """The app over an already prepared ``database`` (see :func:`prepare_database`)."""
    app = FastAPI(title=API_TITLE, version=__version__,
                  description="The HTTP contract between kiosks and the city's case platform. "
                              "JSON bodies are strict JSON; their strings never hold NUL "
                              "(U+0000): a body with one is refused (422).")
    guards = make_guards(database, settings.clock)
    card_sessions = CardSessions(
        database, list(settings.eid_roots), settings.clock, crls=lambda: settings.eid_crls,
        ocsp_url=settings.eid_ocsp_url,
        challenge_ttl_s=settings.card_challenge_ttl_s, session_ttl_s=settings.card_session_ttl_s)
    ctx = AppContext(settings=settings, db=database,
                     intake=Intake(database, settings.clock), guards=guards,
                     lookups=LookupGuard(settings.audit_key, settings.clock,
                                         per_minute=settings.lookups_per_minute),
                     card_sessions=card_sessions,
                     card_session=card_session_guard(card_sessions, guards.kiosk,
                                                     settings.require_card_session),
                     citizen_reader=citizen_reader_guard(card_sessions, guards.device,
                                                         settings.require_card_session))
    app.include_router(kiosk_router(ctx))
    app.include_router(card_session_router(card_sessions, guards))
    app.include_router(admin_router(ctx))
    app.include_router(enrol_router(ctx))
    fleet = fleet_parts(ctx)
    app.include_router(fleet.router)
    app.include_router(updates_router(ctx))
    app.include_router(verification_router(ctx))
    # Bundles are uploaded raw and bound their own stream (updates/router.py).
    app.add_middleware(JsonGuard, max_body_bytes=MAX_BODY_BYTES, exempt=_bundle_upload)
    use_hardened_openapi(app)
    if guards.credentials is not None:
        _heartbeats_first(app, fleet, guards, settings.clock)

    @app.get("/api/v1/health", response_model=schemas.Health, tags=["health"])
    def health() -> schemas.Health:
        """Liveness; no credential needed and nothing revealed."""
        return schemas.Health(status="ok", time=settings.clock())

    @app.exception_handler(OperationalError)
    def _busy(request: Request, exc: OperationalError) -> JSONResponse:
        # A locked or unreachable database is temporary: the kiosk retries later.
        log.warning("database unavailable on %s: %s", request.url.path, type(exc.orig).__name__)
        return JSONResponse({"detail": "database busy, retry"},
                            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
                            headers={"Retry-After": "1"})

    @app.exception_handler(DataError)
    def _bad_value(request: Request, exc: DataError) -> JSONResponse:
        return JSONResponse({"detail": "a value is out of range for the database"},
                            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)

    return app
