"""Remote actions central IT asks of a kiosk (screenshot, recent logs, restart the UI,
reboot when idle, run the self-test): recorded with who asked and when, handed to the
kiosk in its heartbeat answer, reported back by the kiosk, and timed out visibly when
the kiosk never answers."""

from __future__ import annotations

import base64
import binascii
import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select, update

from kiosk.backend.database import Database
from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.tables import ActionRow

log = logging.getLogger(__name__)
OPEN_STATES = ("queued", "delivered", "waiting")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class ActionError(ValueError):
    """A report the backend refuses: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


class ActionsService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime], cache_s: float = 5.0
    ) -> None:
        self.db = db
        self.clock = clock
        # Kiosks with open actions, re-read at most every ``cache_s`` (another backend
        # process may have queued one): most heartbeats skip the actions table.
        self._cache_s = cache_s
        self._lock = threading.Lock()
        self._reading = threading.Lock()  # one re-read at a time; the others then use it
        self._open: set[str] = set()
        self._loaded_at = float("-inf")

    def request(
        self, kiosk_id: str, body: schemas.ActionRequest, by: str
    ) -> schemas.Action:
        now = self.clock()
        with self.db.write() as session:
            row = ActionRow(
                kiosk_id=kiosk_id,
                kind=body.kind,
                requested_by=by,
                requested_at=now,
                deadline_at=now + timedelta(seconds=body.timeout_s),
                state="queued",
                message="waiting for the kiosk's next heartbeat",
                updated_at=now,
            )
            session.add(row)
            session.flush()
            action = _action(row)
        with self._lock:
            self._open.add(kiosk_id)
        log.info("remote action %s #%d for %s asked by %s", body.kind, action.id, kiosk_id, by)
        return action

    def _kiosks_with_open_actions(self) -> set[str]:
        with self._lock:
            if time.monotonic() - self._loaded_at < self._cache_s:
                return self._open
        with self._reading:
            with self._lock:  # read meanwhile by the thread this one waited for
                if time.monotonic() - self._loaded_at < self._cache_s:
                    return self._open
            with self.db.read() as session:
                found = set(
                    session.scalars(
                        select(ActionRow.kiosk_id).where(ActionRow.state.in_(OPEN_STATES))
                        .distinct()
                    )
                )
            with self._lock:
                self._open, self._loaded_at = found, time.monotonic()
                return found

    def stale(self) -> bool:
        """The cache of kiosks with open actions is due for a re-read."""
        with self._lock:
            return time.monotonic() - self._loaded_at >= self._cache_s

    def refresh(self) -> None:
        """Re-read the kiosks with open actions if the cache is stale (database I/O: off
        the event loop)."""
        self._kiosks_with_open_actions()

    def surely_none_for(self, kiosk_id: str) -> bool:
        """True when the (fresh) cache says ``kiosk_id`` has no open action: the answer
        of :meth:`for_heartbeat` without touching the database (the event loop asks)."""
        with self._lock:
            fresh = time.monotonic() - self._loaded_at < self._cache_s
            return fresh and kiosk_id not in self._open

    def for_heartbeat(self, kiosk_id: str) -> list[schemas.ActionOrder]:
        """The kiosk's open actions (queued ones become delivered); [] cheaply when none."""
        if kiosk_id not in self._kiosks_with_open_actions():
            return []
        now = self.clock()
        self.expire()
        with self.db.write() as session:
            rows = session.scalars(
                select(ActionRow)
                .where(ActionRow.kiosk_id == kiosk_id, ActionRow.state.in_(OPEN_STATES))
                .order_by(ActionRow.id)
            ).all()
            for row in rows:
                if row.state == "queued":
                    row.state, row.updated_at = "delivered", now
                    row.message = "delivered to the kiosk"
            orders = [
                schemas.ActionOrder(id=r.id, kind=r.kind, deadline_at=r.deadline_at) for r in rows
            ]
        if not orders:
            with self._lock:
                self._open.discard(kiosk_id)
        return orders

    def report(self, kiosk_id: str, action_id: int, body: schemas.ActionReport) -> schemas.Action:
        """The kiosk's word on one of its actions."""
        screenshot, unusable = _screenshot(body.screenshot_png_base64)
        state, message = body.state, body.message
        now = self.clock()
        with self.db.write() as session:
            row = session.get(ActionRow, action_id)
            if row is None or row.kiosk_id != kiosk_id:  # another kiosk's: not found
                raise ActionError(404, "no such action for this kiosk")
            if row.state not in OPEN_STATES:
                raise ActionError(409, f"action {action_id} is already {row.state}")
            if state == "done" and row.kind == "screenshot" and screenshot is None:
                # Kept as a failure with the reason central IT sees, not refused: the
                # kiosk's report is the only word there will be on this action.
                state = "failed"
                message = f"no usable screenshot: {unusable or 'none was sent'}"
            row.state, row.message, row.updated_at = state, message[:300], now
            if body.output is not None:
                row.output = body.output
            if screenshot is not None:
                row.screenshot = screenshot
            action = _action(row)
        log.info("remote action #%d on %s: %s", action_id, kiosk_id, state)
        return action

    def expire(self) -> int:
        """Actions past their deadline without an answer: timed out (visibly)."""
        now = self.clock()
        with self.db.write() as session:
            result = session.execute(
                update(ActionRow)
                .where(ActionRow.state.in_(OPEN_STATES), ActionRow.deadline_at < now)
                .values(
                    state="timed_out",
                    updated_at=now,
                    message="the kiosk did not finish it before the deadline",
                )
                .execution_options(synchronize_session=False)
            )
        return result.rowcount or 0

    def recent(self, kiosk_id: str, limit: int = 20) -> list[schemas.Action]:
        self.expire()
        with self.db.read() as session:
            rows = session.scalars(
                select(ActionRow)
                .where(ActionRow.kiosk_id == kiosk_id)
                .order_by(ActionRow.id.desc())
                .limit(limit)
            ).all()
            return [_action(r) for r in rows]

    def screenshot(self, action_id: int) -> tuple[str, bytes] | None:
        """(kiosk id, PNG bytes) of a finished screenshot action."""
        with self.db.read() as session:
            row = session.get(ActionRow, action_id)
            if row is None or row.screenshot is None:
                return None
            return row.kiosk_id, row.screenshot


def _action(row: ActionRow) -> schemas.Action:
    return schemas.Action(
        id=row.id,
        kiosk_id=row.kiosk_id,
        kind=row.kind,
        requested_by=row.requested_by,
        requested_at=row.requested_at,
        deadline_at=row.deadline_at,
        state=row.state,
        message=row.message,
        updated_at=row.updated_at,
        output=row.output,
        has_screenshot=row.screenshot is not None,
    )


def _screenshot(encoded: str | None) -> tuple[bytes | None, str]:
    """The PNG a kiosk sent, or None and why it cannot be used."""
    if encoded is None:
        return None, ""
    try:
        image = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None, "screenshot_png_base64 is not base64"
    if not image.startswith(PNG_MAGIC):
        return None, "screenshot_png_base64 is not a PNG image"
    return image, ""
