"""The heartbeat's happy path, answered before FastAPI's router: 1,000 heartbeats a
second on 2 cores (bench/fleet.py).

Profiled, a heartbeat spent most of its CPU in the framework, not in the fleet: route
matching over every router, dependency solving, validating the answer again. This ASGI
layer (in front of the whole app: bounded, strict-JSON bodies only) answers
``POST /api/v1/heartbeat`` itself when everything is ordinary — a credential the
heartbeat guard's cache vouches for, a body the ``Heartbeat`` model accepts, the kiosk
reporting for itself, no remote action waiting. Anything else (no or unknown credential,
a refused body, an action to deliver) goes to the FastAPI route unchanged, which answers
errors in the documented shapes; the two never both record a heartbeat, because the
fast path decides before recording. Same service, same answer model, same contract.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import OperationalError

from kiosk.backend.auth import CredentialCache, Principal
from kiosk.backend.bounds import MAX_BODY_BYTES
from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.actions import ActionsService
from kiosk.backend.fleet.beats import CommitTimeoutError
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.json_guard import ASGIApp, Receive, Scope, Send, strict_json_problem

log = logging.getLogger(__name__)
PATH = "/api/v1/heartbeat"
_BUSY = b'{"detail":"database busy, retry"}'


class HeartbeatFastPath:
    """ASGI middleware: ordinary heartbeats answered here, the rest passed to ``app``."""

    def __init__(self, app: ASGIApp, fleet: FleetService, actions: ActionsService | None,
                 credentials: CredentialCache, clock: Callable[[], datetime],
                 verify: Callable[[str], Principal | None] | None = None,
                 max_body_bytes: int = MAX_BODY_BYTES) -> None:
        """``verify(token)``: the heartbeat guard's own check for a token the cache does
        not hold (it caches what it accepts); None: such heartbeats go to the route."""
        self.app = app
        self.fleet = fleet
        self.actions = actions
        self.credentials = credentials
        self.clock = clock
        self.verify = verify
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "POST"
                or scope["path"] != PATH or scope.get("root_path")):
            await self.app(scope, receive, send)
            return
        body, message = await _body(receive, self.max_body_bytes)
        if message is not None or strict_json_problem(body) is not None:
            # Too large, cut short or not strict JSON: the app's JSON guard answers.
            await self.app(scope, _replay(body, message, receive), send)
            return
        token = _bearer(scope)
        who = self.credentials.get(token, self.clock()) if token is not None else None
        if token is not None and who is None and self.verify is not None:
            # Not cached (a kiosk's first heartbeat here, or the cache's bound passed):
            # checked against the database off the event loop, then on the fast path.
            await asyncio.get_running_loop().run_in_executor(None, self.verify, token)
            who = self.credentials.get(token, self.clock())
        if self.actions is not None and self.actions.stale():
            # Every few seconds the cache of open actions expires: re-read here, off the
            # loop, or every heartbeat until a slow one re-read it would take the route —
            # under load a burst of them, each several times the fast path's cost.
            await asyncio.get_running_loop().run_in_executor(None, self.actions.refresh)
        beat = self._ordinary(who, body)
        if beat is None:
            await self.app(scope, _replay(body, message, receive), send)
            return
        kiosk_id, site, heartbeat = beat
        try:
            answer = await self.fleet.heartbeat_async(kiosk_id, site, heartbeat)
        except (OperationalError, CommitTimeoutError) as exc:
            # As the app's handler answers: temporary, the kiosk retries later.
            log.warning("database unavailable on %s: %s", PATH, type(exc).__name__)
            await _send(send, 503, _BUSY, [(b"retry-after", b"1")])
            return
        await _send(send, 200, answer.model_dump_json().encode())

    def _ordinary(self, who: Principal | None, body: bytes
                  ) -> tuple[str, str, schemas.Heartbeat] | None:
        """(kiosk, site, heartbeat) when the fast path may answer for ``who`` (the
        cache's principal for the request's token), else None."""
        if who is None or who.can_view:
            return None
        try:
            beat = schemas.Heartbeat.model_validate_json(body)
        except ValidationError:
            return None
        if beat.kiosk_id != who.id:
            return None
        if self.actions is not None and not self.actions.surely_none_for(who.id):
            return None
        return who.id, who.site or "", beat


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and 0 < len(token) <= 256:
                return token
            return None
    return None


async def _body(receive: Receive, limit: int) -> tuple[bytes, Any]:
    """The request body; and what stopped it early, if anything: a disconnect message,
    or ``_MORE`` when it passed ``limit`` (the rest is not read here)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), message
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), None
        if size > limit:
            return b"".join(chunks), _MORE


_MORE = {"type": "more"}  # the body goes on: the rest is still to be received


def _replay(body: bytes, ended: Any, receive: Receive) -> Receive:
    queue: list[Any] = [{"type": "http.request", "body": body, "more_body": ended is _MORE}]
    if ended is not None and ended is not _MORE:
        queue.append(ended)

    async def replay() -> Any:
        if queue:
            return queue.pop(0)
        return await receive()

    return replay


async def _send(send: Send, status: int, data: bytes,
                extra: list[tuple[bytes, bytes]] | None = None) -> None:
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(data)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})
