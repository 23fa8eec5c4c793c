"""The fleet's routes as one router for the app factory, with the background sweeper
that a served app runs (its lifespan) so silent kiosks go offline on time."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import APIRouter, FastAPI

from kiosk.backend.app_context import AppContext
from kiosk.backend.fleet.actions import ActionsService
from kiosk.backend.fleet.alert_store import AlertStore
from kiosk.backend.fleet.metrics import fleet_registry
from kiosk.backend.fleet.model import FleetSettings
from kiosk.backend.fleet.notify import AlertDispatcher
from kiosk.backend.fleet.routes_actions import actions_router
from kiosk.backend.fleet.routes_api import fleet_api_router
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.fleet.session import SessionSigner
from kiosk.backend.fleet.web import fleet_pages_router
from kiosk.backend.updates.service import UpdatesService, rollout_reporter

log = logging.getLogger(__name__)


class Sweeper:
    """Calls ``fleet.sweep()`` every ``interval_s`` on a daemon thread until stopped."""

    def __init__(self, fleet: FleetService, interval_s: float = 10.0) -> None:
        self._fleet = fleet
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="fleet-sweeper", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self._fleet.sweep()
            except Exception:  # a sweeper that dies would leave kiosks "online" forever
                log.exception("fleet sweep failed")

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None


@dataclass(frozen=True)
class Fleet:
    """The fleet's routes, and the services behind them (the heartbeat fast path's)."""

    router: APIRouter
    service: FleetService
    actions: ActionsService


def fleet_router(ctx: AppContext, settings: FleetSettings | None = None) -> APIRouter:
    """Heartbeat, admin fleet API, /metrics and the /fleet pages over one FleetService."""
    return fleet_parts(ctx, settings).router


def fleet_parts(ctx: AppContext, settings: FleetSettings | None = None) -> Fleet:
    """:func:`fleet_router`'s router with its service and actions."""
    rollouts = UpdatesService(ctx.db, ctx.settings.clock)
    routing = ctx.settings.alert_routing
    dispatcher: AlertDispatcher | None = None
    fleet = FleetService(ctx.db, ctx.settings.clock, settings,
                         update_reporter=rollout_reporter(rollouts))
    if routing.enabled:
        # The queue in the database: alerts not yet sent survive a restart.
        dispatcher = AlertDispatcher.for_routing(
            routing, fleet.silenced, store=AlertStore(ctx.db, ctx.settings.clock))
        fleet.set_alert_sink(dispatcher.submit)
    sweeper = Sweeper(fleet)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        sweeper.start()
        if dispatcher is not None:  # at once: what a stopped backend left unsent goes out
            dispatcher.start()
        try:
            yield
        finally:
            sweeper.stop()
            if dispatcher is not None:
                dispatcher.close()

    router = APIRouter(lifespan=lifespan)
    actions = ActionsService(ctx.db, ctx.settings.clock)
    router.include_router(fleet_api_router(ctx, fleet, fleet_registry(fleet), actions))
    router.include_router(actions_router(ctx, fleet, actions))
    router.include_router(fleet_pages_router(ctx, fleet, SessionSigner(ctx.settings.clock),
                                             actions=actions))
    return Fleet(router, fleet, actions)
