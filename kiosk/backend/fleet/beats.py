"""Heartbeats committed in groups: the backend's hot path at 10,000 kiosks.

One transaction per heartbeat cost about seven round trips to PostgreSQL (read the
kiosk, update it, touch its open alerts, commit, …) — bench/fleet.py held under 100
heartbeats a second with it. Here a heartbeat still returns only once it is committed
(its answer tells which alerts it resolved, and a crash loses nothing acknowledged),
but heartbeats arriving together share one transaction: whichever request thread finds
no commit under way leads, takes every heartbeat queued so far and writes them with a
handful of statements (one SELECT of the kiosks and one of their open alerts,
executemany UPDATE/INSERT, one UPDATE of the open alerts' "last seen"; on PostgreSQL
the same as plain SQL in two round trips, beats_pg.py); the others wait on their event.
Under load the batches grow by themselves; alone, a heartbeat is a batch of one.

Kiosk rows are updated in kiosk-id order (two backend processes writing overlapping
batches lock rows in the same order: no deadlock) and the heartbeat count is
incremented in SQL, so a count another process wrote in between is never lost.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import String, any_, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql import ColumnElement

from kiosk.backend.fleet.tables import AlertRow, FleetKioskRow, HeartbeatRow

T = TypeVar("T")
# A batch waits for no one: it is whatever queued while the previous one committed.
MAX_BATCH = 1000
# How long a heartbeat waits for its group's commit before it gives up with an error
# (the database hangs: the kiosk retries later, as after any 503).
COMMIT_WAIT_S = 60.0
# Under load, how long a group's leader lets heartbeats gather before it commits. A
# group cost about 4 ms of CPU whatever its size through SQLAlchemy (about 1.5 ms on
# PostgreSQL since beats_pg.py) (statements built and sent, commit):
# at 500 heartbeats a second per worker, groups of two or three left the backend at
# 2.4 ms a heartbeat, more than two cores have at 1,000 a second. Only once heartbeats
# overlap (the last group held more than one): a lone kiosk, or a test sending one
# heartbeat after another, never waits.
LINGER_S = 0.02


class CommitTimeoutError(RuntimeError):
    """The heartbeat's group did not commit within :data:`COMMIT_WAIT_S`."""


@dataclass
class _Slot(Generic[T]):
    item: T
    done: bool = False
    error: BaseException | None = None
    # An async submitter's future, resolved on its own loop.
    future: tuple[asyncio.AbstractEventLoop, asyncio.Future[None]] | None = None
    since: float = 0.0  # when it was submitted (time.monotonic)


def _resolve(futures: list[asyncio.Future[None]], error: BaseException | None) -> None:
    for future in futures:
        if not future.done():  # the request may have been cancelled meanwhile
            if error is None:
                future.set_result(None)
            else:
                future.set_exception(error)


class _Deadlines:
    """The async submitters of one event loop waiting on their groups, oldest first, and
    one timer that fails those past the wait: one timer a second for the loop instead of
    ``asyncio.wait_for``'s timer (and the shield's future) per heartbeat — at 1,000
    heartbeats a second those were an eighth of the event loop's CPU."""

    def __init__(self, loop: asyncio.AbstractEventLoop, wait_s: float) -> None:
        self.loop, self.wait_s = loop, wait_s
        # (when submitted, its future): not the slot, whose heartbeat body would stay
        # alive until the next check, long after its answer — long enough for the cycle
        # collector to take it for a long-lived object and walk it again and again.
        self.waiting: deque[tuple[float, asyncio.Future[None]]] = deque()
        self.timer: asyncio.TimerHandle | None = None

    def add(self, since: float, future: asyncio.Future[None]) -> None:
        """On the loop's thread."""
        self.waiting.append((since, future))
        if self.timer is None:
            self.timer = self.loop.call_later(min(self.wait_s, 1.0), self.check)

    def check(self) -> None:
        self.timer = None
        now = time.monotonic()
        while self.waiting:
            since, future = self.waiting[0]
            if not future.done():
                if now - since < self.wait_s:
                    break
                future.set_exception(CommitTimeoutError(
                    f"heartbeat not committed within {self.wait_s} s"))
            self.waiting.popleft()
        if self.waiting:
            self.timer = self.loop.call_later(min(self.wait_s, 1.0), self.check)


class GroupCommit(Generic[T]):
    """Runs ``commit(items)`` for items submitted from many threads or coroutines,
    together.

    :meth:`submit` (threads) and :meth:`submit_async` (an event loop: no worker thread
    per item, one per group) return once the item's group committed, or raise what
    ``commit`` raised for it (every item of a failed group gets the error). The leader
    keeps committing while items queue, then steps down."""

    def __init__(self, commit: Callable[[list[T]], None], max_batch: int = MAX_BATCH,
                 wait_s: float = COMMIT_WAIT_S, linger_s: float = LINGER_S) -> None:
        self._commit = commit
        self._max_batch = max_batch
        self._wait_s = wait_s
        self._linger_s = linger_s
        self._cond = threading.Condition()
        self._queue: list[_Slot[T]] = []
        self._leading = False
        # Items overlap (the last group held more than one): groups wait to grow.
        self._busy = False
        self._deadlines: dict[asyncio.AbstractEventLoop, _Deadlines] = {}

    def _take(self) -> list[_Slot[T]]:
        batch, self._queue = self._queue[: self._max_batch], self._queue[self._max_batch:]
        self._busy = len(batch) > 1
        return batch

    def _gather(self, since: float) -> list[_Slot[T]]:
        """The next group, taken once it had ``linger_s`` since ``since`` to grow (only
        while busy and not full); the caller leads and holds no lock."""
        with self._cond:
            wait = (self._linger_s - (time.monotonic() - since)
                    if self._busy and len(self._queue) < self._max_batch else 0.0)
        if wait > 0:
            time.sleep(wait)
        with self._cond:
            batch = self._take()
            if not batch:
                self._leading = False
                self._cond.notify_all()
            return batch

    def submit(self, item: T) -> None:
        slot = _Slot(item)
        deadline = time.monotonic() + self._wait_s
        with self._cond:
            self._queue.append(slot)
            while not slot.done and self._leading:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CommitTimeoutError(f"heartbeat not committed within {self._wait_s} s")
                self._cond.wait(left)
            batch = None
            if not slot.done:  # nobody commits: lead, taking what queued meanwhile
                self._leading = True
                batch = self._take()
        if batch is not None:  # a request thread: its own group only, the rest elsewhere
            self._lead(batch, drain=False)
        if slot.error is not None:
            raise slot.error

    async def submit_async(self, item: T) -> None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        slot = _Slot(item, future=(loop, future), since=time.monotonic())
        with self._cond:
            self._queue.append(slot)
            lead = not self._leading
            self._leading = True
            deadlines = self._deadlines.get(loop)
            if deadlines is None:
                # Loops that are gone (a test's asyncio.run) hold nothing here any more.
                self._deadlines = {k: v for k, v in self._deadlines.items()
                                   if not k.is_closed()}
                deadlines = self._deadlines[loop] = _Deadlines(loop, self._wait_s)
        deadlines.add(slot.since, future)
        if lead:  # the leader runs in a worker thread: the loop goes on
            loop.run_in_executor(None, self._lead_gathered)
        await future  # CommitTimeoutError from the loop's deadlines past the wait

    def _commit_group(self, batch: list[_Slot[T]]) -> list[BaseException | None]:
        """Each item's error (None: committed). A group refused for what one item holds
        (a value the database cannot store) is committed again item by item, so that
        one kiosk's bad heartbeat does not fail the others sharing its group; a database
        that is down fails the whole group at once."""
        try:
            self._commit([s.item for s in batch])
        except (DataError, IntegrityError) as exc:
            if len(batch) == 1:
                return [exc]
        except Exception as exc:  # every waiter hears it
            return [exc] * len(batch)
        else:
            return [None] * len(batch)
        errors: list[BaseException | None] = []
        for s in batch:
            try:
                self._commit([s.item])
            except Exception as exc:
                errors.append(exc)
            else:
                errors.append(None)
        return errors

    def _lead_gathered(self) -> None:
        """Lead from the next group on, once it had time to grow (see ``_gather``)."""
        self._lead(self._gather(time.monotonic()))

    def _lead(self, batch: list[_Slot[T]], drain: bool = True) -> None:
        while batch:
            started = time.monotonic()
            errors = self._commit_group(batch)
            with self._cond:
                # One wake-up per event loop and outcome for the whole group, not one per
                # heartbeat.
                futures: dict[tuple[asyncio.AbstractEventLoop, int],
                              tuple[BaseException | None, list[asyncio.Future[None]]]] = {}
                for s, error in zip(batch, errors, strict=True):
                    s.done, s.error = True, error
                    if s.future is not None:
                        futures.setdefault((s.future[0], id(error)),
                                           (error, []))[1].append(s.future[1])
                for (loop, _), (error, waiting) in futures.items():
                    if not loop.is_closed():
                        loop.call_soon_threadsafe(_resolve, waiting, error)
                more = bool(self._queue)  # what queues meanwhile: the next group
                if not more:
                    self._leading = False
                self._cond.notify_all()
            if more and not drain:  # a request thread: the next group in a thread of its own
                threading.Thread(target=self._lead_gathered, name="heartbeat-commit",
                                 daemon=True).start()
                return
            batch = self._gather(started) if more else []


@dataclass
class Beat:
    """One heartbeat as the batch writes it (evaluated before it is queued)."""

    kiosk_id: str
    site: str
    now: datetime
    body: dict[str, Any]
    active: dict[str, str]
    status: str
    silent_after: datetime
    interval_s: float
    software_version: str
    config_version: str
    history: bool
    # Filled in by the batch:
    previous_state: dict[str, Any] | None = None
    new: bool = False
    changes: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class KioskSeen:
    """What the batch read of one kiosk: its count, whether offline, its state."""

    heartbeats: int
    offline: bool


def _among(session: Session, column: InstrumentedAttribute[Any], ids: list[Any],
           type_: Any = None) -> ColumnElement[bool]:
    """``column IN ids``; on PostgreSQL ``= ANY(:ids)``, one array parameter: the same
    statement text for every group size (prepared once, compiled once) where an IN list
    is a new statement for each size."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, ids, type_=postgresql.ARRAY(type_ or String)))
    return column.in_(ids)


def read_kiosks(session: Session, ids: Iterable[str], with_state: set[str]
                ) -> tuple[dict[str, KioskSeen], dict[str, dict[str, Any]]]:
    """The batch's kiosks in one SELECT (their stored state only where asked for)."""
    ids = sorted(set(ids))
    seen = {
        kid: KioskSeen(count or 0, bool(offline))
        for kid, count, offline in session.execute(
            select(FleetKioskRow.kiosk_id, FleetKioskRow.heartbeats, FleetKioskRow.offline)
            .where(_among(session, FleetKioskRow.kiosk_id, ids)))
    }
    states: dict[str, dict[str, Any]] = {}
    wanted = sorted(with_state & set(seen))
    if wanted:
        states = {
            kid: state or {}
            for kid, state in session.execute(
                select(FleetKioskRow.kiosk_id, FleetKioskRow.state)
                .where(_among(session, FleetKioskRow.kiosk_id, wanted)))
        }
    return seen, states


def open_rules_of(session: Session, ids: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
    """The open alerts of ``ids`` as (alert id, rule), oldest first (one SELECT of plain
    rows: most kiosks' alerts only stay open, and ORM rows cost more than the query)."""
    found: dict[str, list[tuple[int, str]]] = {}
    ids = sorted(set(ids))
    if ids:
        for kid, alert_id, rule in session.execute(
                select(AlertRow.kiosk_id, AlertRow.id, AlertRow.rule)
                .where(_among(session, AlertRow.kiosk_id, ids), AlertRow.resolved_at.is_(None))
                .order_by(AlertRow.id)):
            found.setdefault(kid, []).append((alert_id, rule))
    return found


def alert_rows(session: Session, alert_ids: list[int]) -> dict[str, list[AlertRow]]:
    """Those alerts as ORM rows to resolve or keep, per kiosk, oldest first."""
    found: dict[str, list[AlertRow]] = {}
    if alert_ids:
        for row in session.scalars(select(AlertRow).where(AlertRow.id.in_(sorted(alert_ids)))
                                   .order_by(AlertRow.id)):
            found.setdefault(row.kiosk_id, []).append(row)
    return found


def write_kiosks(session: Session, beats: list[Beat]) -> None:
    """Each kiosk's latest heartbeat (the last one in the batch wins) and its count,
    new kiosks inserted (a kiosk another process inserted first: left to it)."""
    latest: dict[str, Beat] = {}
    counts: dict[str, int] = {}
    for beat in beats:
        latest[beat.kiosk_id] = beat
        counts[beat.kiosk_id] = counts.get(beat.kiosk_id, 0) + 1
    new = sorted(k for k, b in latest.items() if b.new)
    old = sorted(k for k, b in latest.items() if not b.new)

    def values(kid: str) -> dict[str, Any]:
        b = latest[kid]
        return {"site": b.site, "last_heartbeat_at": b.now, "silent_after": b.silent_after,
                "interval_s": b.interval_s, "offline": False,
                "software_version": b.software_version, "config_version": b.config_version,
                "state": b.body}

    if new:
        dialect = session.get_bind().dialect.name
        statement = (postgresql.insert(FleetKioskRow) if dialect == "postgresql"
                     else sqlite.insert(FleetKioskRow))
        session.execute(
            statement.on_conflict_do_nothing(index_elements=["kiosk_id"]),
            [{"kiosk_id": k, "first_seen_at": latest[k].now, "heartbeats": counts[k],
              **values(k)} for k in new])
    if old:
        table = FleetKioskRow.__table__
        session.connection().execute(
            update(table)
            .where(table.c.kiosk_id == bindparam("b_kiosk_id"))
            .values(
                site=bindparam("b_site"), last_heartbeat_at=bindparam("b_at"),
                silent_after=bindparam("b_silent_after"), interval_s=bindparam("b_interval"),
                offline=False, software_version=bindparam("b_software"),
                config_version=bindparam("b_config"), state=bindparam("b_state"),
                heartbeats=table.c.heartbeats + bindparam("b_count"),
            ),
            [{"b_kiosk_id": k, "b_site": latest[k].site, "b_at": latest[k].now,
              "b_silent_after": latest[k].silent_after, "b_interval": latest[k].interval_s,
              "b_software": latest[k].software_version, "b_config": latest[k].config_version,
              "b_state": latest[k].body, "b_count": counts[k]} for k in old])


def touch_alerts(session: Session, kiosk_ids: set[str], now: datetime) -> None:
    """The same alerts stay open for ``kiosk_ids``: only their "last seen" moves."""
    if kiosk_ids:  # Core: no ORM row of these kiosks is loaded in the session
        table = AlertRow.__table__
        session.connection().execute(
            update(table)
            .where(_among(session, table.c.kiosk_id, sorted(kiosk_ids)),
                   table.c.resolved_at.is_(None))
            .values(last_seen_at=now))


def write_history(session: Session, beats: list[Beat]) -> None:
    """The history rows due (state changes and samples), in one executemany INSERT."""
    rows = [{"kiosk_id": b.kiosk_id, "received_at": b.now, "status": b.status, "body": b.body}
            for b in beats if b.history]
    if rows:  # Core executemany: the ORM's bulk insert would fetch every new id back
        session.connection().execute(insert(HeartbeatRow.__table__), rows)
