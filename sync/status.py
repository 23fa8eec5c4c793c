"""Online/offline, derived from real outcomes, shared with the UI process (Qt-free).

The sync process records every exchange with the backend (:class:`StatusRecorder`);
the state lives in the shared store's ``sync_state`` table, so the UI — another
process — reads it with :func:`read_status` or a :class:`StatusMonitor` (poll, or
subscribe to changes). A status the sync process has not refreshed for a while means
sync itself is down, which is shown as offline too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import func, select

from kiosk.domain.catalog import Service
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent, SyncState

KEY = "connectivity"
State = Literal["unknown", "online", "offline"]
# The reason key the UI shows for a service that needs the central platform.
OFFLINE_REASON = "backend_offline"


@dataclass(frozen=True)
class SyncStatus:
    """What the UI needs: the state, why, since when, and how much is waiting."""

    state: State
    reason: str  # "" when online; short and free of personal data
    since: datetime | None  # when ``state`` last changed
    last_contact_at: datetime | None  # the last exchange the backend answered
    pending: int = 0
    dead_letters: int = 0

    @property
    def online(self) -> bool:
        return self.state == "online"


def service_unavailable_reason(service: Service, status: SyncStatus) -> str:
    """"" if ``service`` can be offered; :data:`OFFLINE_REASON` for a service that needs
    the central platform (appointments, case follow-up) while it is not reachable.
    Offline-capable services stay on offer: they queue."""
    if service.works_offline or status.online:
        return ""
    return OFFLINE_REASON


class StatusRecorder:
    """The sync side: one call per real outcome. Writes only on a change or every
    ``refresh_s`` (a heartbeat that tells the UI sync is alive)."""

    def __init__(self, store: Store, clock: Callable[[], datetime],
                 refresh_s: float = 15.0) -> None:
        self._store = store
        self._clock = clock
        self._refresh = timedelta(seconds=refresh_s)
        self._current = _load(store) or SyncStatus("unknown", "starting", None, None)
        self._written_at: datetime | None = None

    @property
    def current(self) -> SyncStatus:
        return self._current

    def succeeded(self) -> None:
        now = self._clock()
        self._set(replace(self._changed("online", "", now), last_contact_at=now), now)

    def failed(self, reason: str) -> None:
        now = self._clock()
        self._set(self._changed("offline", reason, now), now)

    def _changed(self, state: State, reason: str, now: datetime) -> SyncStatus:
        since = self._current.since if state == self._current.state else now
        return replace(self._current, state=state, reason=reason, since=since)

    def _set(self, status: SyncStatus, now: datetime) -> None:
        stale = self._written_at is None or now - self._written_at >= self._refresh
        changed = (status.state, status.reason) != (self._current.state, self._current.reason)
        self._current = status
        if changed or stale:
            _save(self._store, status, now)
            self._written_at = now


def _save(store: Store, status: SyncStatus, now: datetime) -> None:
    value = {"state": status.state, "reason": status.reason,
             "since": status.since.isoformat() if status.since else None,
             "last_contact_at": (status.last_contact_at.isoformat()
                                 if status.last_contact_at else None)}
    with store.write() as session:
        row = session.get(SyncState, KEY)
        if row is None:
            session.add(SyncState(key=KEY, value=value, updated_at=now))
        else:
            row.value, row.updated_at = value, now


def _load(store: Store) -> SyncStatus | None:
    with store.read() as session:
        row = session.get(SyncState, KEY)
        if row is None:
            return None
        v = row.value
        return SyncStatus(v["state"], v["reason"], _time(v.get("since")),
                          _time(v.get("last_contact_at")))


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def read_status(store: Store, now: datetime | None = None,
                stale_after_s: float = 60.0) -> SyncStatus:
    """The current status for the UI (one short read; call it off the GUI thread)."""
    now = now or datetime.now(UTC)
    with store.read() as session:
        row = session.get(SyncState, KEY)
        counts = dict(session.execute(select(OutboxEvent.state, func.count())
                                      .group_by(OutboxEvent.state)).all())
        updated_at = row.updated_at if row is not None else None
    status = _load(store) if row is not None else None
    if status is None:
        status = SyncStatus("unknown", "sync has not run yet", None, None)
    elif updated_at is not None and now - updated_at > timedelta(seconds=stale_after_s):
        status = replace(status, state="offline", reason="sync service not running",
                         since=updated_at)
    return replace(status, pending=counts.get("pending", 0),
                   dead_letters=counts.get("rejected", 0))


class StatusMonitor:
    """Poll-or-subscribe access for the UI. ``poll()`` reads once and notifies
    subscribers if the status changed; ``start()`` runs the polling on a daemon thread
    (callbacks then arrive on that thread: hop to the GUI thread before touching Qt)."""

    def __init__(self, store: Store, interval_s: float = 2.0, stale_after_s: float = 60.0,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._store = store
        self._interval = interval_s
        self._stale_after = stale_after_s
        self._clock = clock
        self._subscribers: list[Callable[[SyncStatus], None]] = []
        self._lock = threading.Lock()
        self._last: SyncStatus | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def subscribe(self, callback: Callable[[SyncStatus], None]) -> Callable[[], None]:
        """Call ``callback`` on every change; returns the function that unsubscribes."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def poll(self) -> SyncStatus:
        status = read_status(self._store, self._clock(), self._stale_after)
        with self._lock:
            changed = status != self._last
            self._last = status
            subscribers = list(self._subscribers)
        if changed:
            for callback in subscribers:
                callback(status)
        return status

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="sync-status", daemon=True)
            self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self._interval)
