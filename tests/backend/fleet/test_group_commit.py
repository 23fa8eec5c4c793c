"""Heartbeats committed in groups (fleet/beats.py) and answered before FastAPI's router
(fleet/fastpath.py): many heartbeats share a transaction and each is answered only once
committed; a failed group fails every heartbeat in it; a kiosk twice in one group counts
twice and keeps its alerts right; the fast path answers ordinary heartbeats itself,
recorded like any other, and leaves everything else to the route."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import pytest
from sqlalchemy import select

from kiosk.backend import auth
from kiosk.backend.app import prepare_database
from kiosk.backend.database import Database
from kiosk.backend.deps import make_guards
from kiosk.backend.fleet.actions import ActionsService
from kiosk.backend.fleet.beats import CommitTimeoutError, GroupCommit
from kiosk.backend.fleet.fastpath import HeartbeatFastPath
from kiosk.backend.fleet.schemas import ActionRequest
from kiosk.backend.fleet.service import FleetService
from kiosk.backend.fleet.tables import AlertRow, FleetKioskRow
from kiosk.backend.settings import BackendSettings
from tests.backend.fleet.helpers import BREAKS, FakeClock, healthy
from tests.backend.fleet.test_heartbeat_fastpath import _beat, _open_rules


def _until(condition, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.005)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('group') / 'backend.db'}"
    db = Database(url)
    prepare_database(db, BackendSettings(db_url=url, seed_demo_data=False))
    yield db
    db.close()


def test_items_submitted_together_share_commits_and_each_waits_for_its_own():
    groups: list[list[int]] = []
    first_started, release = threading.Event(), threading.Event()

    def commit(items: list[int]) -> None:
        if not groups:  # hold the first group until every other item queued behind it
            first_started.set()
            assert release.wait(10)
        groups.append(list(items))

    batcher: GroupCommit[int] = GroupCommit(commit)
    done: list[int] = []
    threads = [threading.Thread(target=lambda i=i: (batcher.submit(i), done.append(i)))
               for i in range(20)]
    threads[0].start()
    assert first_started.wait(10)
    for t in threads[1:]:
        t.start()
    _until(lambda: len(batcher._queue) == 19)  # all queued behind it
    assert done == []  # nobody answered before its group committed
    release.set()
    for t in threads:
        t.join(10)
    assert sorted(done) == list(range(20))
    assert groups[0] == [0] and sorted(groups[1]) == list(range(1, 20))


def test_a_lone_item_never_lingers_and_overlapping_ones_gather_into_one_group():
    groups: list[list[int]] = []
    first_started, release = threading.Event(), threading.Event()

    def commit(items: list[int]) -> None:
        if not groups:  # hold the first group until two more items queued behind it
            first_started.set()
            assert release.wait(10)
        groups.append(list(items))

    batcher: GroupCommit[int] = GroupCommit(commit, linger_s=0.4)
    started = time.monotonic()
    threads = [threading.Thread(target=batcher.submit, args=(i,)) for i in range(3)]
    threads[0].start()
    assert first_started.wait(10)
    assert time.monotonic() - started < 0.3  # alone: committed at once, no linger
    for t in threads[1:]:
        t.start()
    _until(lambda: len(batcher._queue) == 2)
    release.set()
    for t in threads:
        t.join(10)
    assert groups == [[0], [1, 2]]  # they overlapped: the batcher is busy now

    async def staggered() -> None:  # 3, then 4 a moment later: one group all the same
        first = asyncio.ensure_future(batcher.submit_async(3))
        await asyncio.sleep(0.1)
        await asyncio.gather(first, batcher.submit_async(4))

    asyncio.run(staggered())
    assert groups[-1] == [3, 4]


def test_a_failed_group_fails_every_item_in_it_and_the_next_group_goes_on():
    calls: list[list[str]] = []

    def commit(items: list[str]) -> None:
        calls.append(items)
        if items == ["hold"]:  # the first group: until "bad" and "good" queued behind it
            _until(lambda: len(batcher._queue) == 2)
        if "bad" in items:
            raise RuntimeError("database said no")

    batcher: GroupCommit[str] = GroupCommit(commit)

    async def three() -> list[object]:
        return await asyncio.gather(*(batcher.submit_async(i) for i in ("hold", "bad", "good")),
                                    return_exceptions=True)

    held, *results = asyncio.run(three())
    assert held is None and calls[1] == ["bad", "good"]
    assert all(isinstance(r, RuntimeError) for r in results), results  # one group, one fate
    batcher.submit("after")  # the batcher is not stuck
    assert calls[-1] == ["after"]


def test_a_value_the_database_refuses_fails_only_its_own_item():
    """A group refused for what one item holds (PostgreSQL refused a NUL in one kiosk's
    heartbeat) is committed again item by item: the others sharing its group go in."""
    from sqlalchemy.exc import DataError

    calls: list[list[str]] = []

    def commit(items: list[str]) -> None:
        calls.append(items)
        if items == ["hold"]:
            _until(lambda: len(batcher._queue) == 3)
        if "bad" in items:
            raise DataError("INSERT …", {}, Exception("text fields cannot contain NUL"))

    batcher: GroupCommit[str] = GroupCommit(commit)

    async def four() -> list[object]:
        return await asyncio.gather(*(batcher.submit_async(i)
                                      for i in ("hold", "good", "bad", "fine")),
                                    return_exceptions=True)

    held, good, bad, fine = asyncio.run(four())
    assert calls[1] == ["good", "bad", "fine"]  # one group, refused
    assert calls[2:] == [["good"], ["bad"], ["fine"]]  # then each on its own
    assert (held, good, fine) == (None, None, None)
    assert isinstance(bad, DataError)


def test_a_group_that_does_not_commit_in_time_fails_its_waiters_and_the_batcher_goes_on():
    release = threading.Event()
    groups: list[list[str]] = []

    def commit(items: list[str]) -> None:
        groups.append(items)
        if items == ["stuck"]:  # the database hangs on this group
            assert release.wait(10)

    batcher: GroupCommit[str] = GroupCommit(commit, wait_s=0.3)

    async def waits() -> float:
        started = time.monotonic()
        with pytest.raises(CommitTimeoutError, match=r"not committed within 0\.3 s"):
            await batcher.submit_async("stuck")
        waited = time.monotonic() - started
        # The database comes back before the loop ends: asyncio.run waits for its
        # executor's threads, the stuck commit's among them.
        release.set()
        return waited

    assert 0.3 <= asyncio.run(waits()) < 2.0  # failed by the loop's deadline check
    batcher.submit("after")  # the leader finished the stuck group; the next one commits
    assert groups[-1] == ["after"]


def test_a_kiosk_twice_in_one_group_counts_twice_and_ends_with_its_last_alerts(database):
    clock = FakeClock()
    fleet = FleetService(database, clock)
    beats = [("g0", _beat("g0")), ("g1", _beat("g1", **BREAKS["paper_out"])), ("g1", _beat("g1"))]
    groups: list[int] = []
    commit = fleet._commit_beats

    def counted(items: list) -> None:
        groups.append(len(items))
        if len(groups) == 1:  # g0's group: until both of g1's heartbeats queued behind it
            _until(lambda: len(fleet._beats._queue) == 2)
        commit(items)

    # Caches warm, so no heartbeat below waits on a worker thread before it queues: they
    # queue in the order they are started.
    fleet.heartbeat("g0", "laeken", _beat("g0"))
    fleet._beats = GroupCommit(counted)

    async def together() -> list:
        return await asyncio.gather(*(fleet.heartbeat_async(k, "laeken", b) for k, b in beats))

    _, first, second = asyncio.run(together())
    assert groups == [1, 2]
    assert first.open_alerts == ["paper_out"] and second.resolved_alerts == ["paper_out"]
    assert _open_rules(database, "g1") == []
    with database.read() as session:
        assert session.get(FleetKioskRow, "g1").heartbeats == 2
        rules = session.scalars(select(AlertRow.rule).where(AlertRow.kiosk_id == "g1")).all()
    assert rules == ["paper_out"]  # opened once, resolved by the same group


class Downstream:
    """The app behind the fast path: records what reached it, answers 418."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def __call__(self, scope, receive, send) -> None:
        message = await receive()
        self.bodies.append(message["body"])
        await send({"type": "http.response.start", "status": 418, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def _post(app, token: str | None, body: bytes) -> tuple[int, bytes]:
    headers = [(b"content-type", b"application/json")]
    if token is not None:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    scope = {"type": "http", "method": "POST", "path": "/api/v1/heartbeat", "headers": headers,
             "root_path": ""}
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_the_fast_path_answers_ordinary_heartbeats_and_passes_on_the_rest(database):
    clock = FakeClock()
    fleet = FleetService(database, clock)
    cache = auth.CredentialCache(60)
    downstream = Downstream()
    app = HeartbeatFastPath(downstream, fleet, None, cache, clock)
    with database.write() as session:
        token = auth.issue(session, role="device", credential_id="fp-1", site="laeken",
                           now=clock())
    body = json.dumps(healthy("fp-1", **BREAKS["paper_out"])).encode()
    # Not vouched for by the cache yet (the route checks the database, then caches).
    assert _post(app, token, body)[0] == 418
    with database.read() as session:
        who = auth.verify(session, token, clock())
    assert who is not None
    cache.put(token, who, None)
    status, answer = _post(app, token, body)
    assert status == 200, answer
    assert json.loads(answer)["open_alerts"] == ["paper_out"]
    assert _open_rules(database, "fp-1") == ["paper_out"]
    assert len(downstream.bodies) == 1  # recorded here, not also by the route
    # A body the model refuses, or another kiosk's heartbeat: the route says why.
    for other in (b'{"kiosk_id": "fp-1"}', json.dumps(healthy("fp-2")).encode()):
        assert _post(app, token, other)[0] == 418
        assert downstream.bodies[-1] == other  # the body reaches the route intact
    assert _post(app, None, body)[0] == 418


def test_the_fast_path_rereads_a_stale_actions_cache_itself(database):
    clock = FakeClock()
    fleet = FleetService(database, clock)
    actions = ActionsService(database, clock, cache_s=60)
    assert actions.stale()  # never read: as every few seconds in a running backend
    cache = auth.CredentialCache(60)
    downstream = Downstream()
    app = HeartbeatFastPath(downstream, fleet, actions, cache, clock)
    with database.write() as session:
        token = auth.issue(session, role="device", credential_id="fp-4", site="laeken",
                           now=clock())
        who = auth.verify(session, token, clock())
    cache.put(token, who, None)
    body = json.dumps(healthy("fp-4")).encode()
    # Answered here (it went to the route while the cache was stale), the cache now fresh.
    assert _post(app, token, body)[0] == 200
    assert downstream.bodies == [] and not actions.stale()
    # A kiosk with an action waiting still goes to the route, which delivers it.
    actions.request("fp-4", ActionRequest(kind="selftest"), by="it-1")
    assert _post(app, token, body)[0] == 418
    assert downstream.bodies == [body]


def test_the_fast_path_checks_an_uncached_credential_itself_and_passes_on_refusals(database):
    clock = FakeClock()
    guards = make_guards(database, clock)
    assert guards.credentials is not None and guards.heartbeat_token is not None
    downstream = Downstream()
    app = HeartbeatFastPath(downstream, FleetService(database, clock), None,
                            guards.credentials, clock, verify=guards.heartbeat_token)
    with database.write() as session:
        token = auth.issue(session, role="device", credential_id="fp-3", site="laeken",
                           now=clock())
        admin = auth.issue(session, role="admin", credential_id="it-3", site=None, now=clock())
    body = json.dumps(healthy("fp-3")).encode()
    status, answer = _post(app, token, body)  # first heartbeat: checked, then answered
    assert status == 200 and json.loads(answer)["status"] == "online"
    assert downstream.bodies == []
    forged = token.rsplit(".", 1)[0] + ".forged"
    for refused in (forged, admin):  # the route answers 401 / 403 in its own words
        assert _post(app, refused, body)[0] == 418
    assert len(downstream.bodies) == 2


def test_a_body_too_large_or_not_strict_json_goes_to_the_app_as_it_came(database):
    clock = FakeClock()
    received: list[dict] = []

    async def downstream(scope, receive, send) -> None:
        while True:
            message = await receive()
            received.append(message)
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 413, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    app = HeartbeatFastPath(downstream, FleetService(database, clock), None,
                            auth.CredentialCache(60), clock, max_body_bytes=10)
    chunks = [b'{"kiosk_id": ', b'"fp-9", "interval_s": 30', b"}"]
    scope = {"type": "http", "method": "POST", "path": "/api/v1/heartbeat", "headers": [],
             "root_path": ""}

    async def receive() -> dict:
        chunk = chunks.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message: dict) -> None:
        pass

    asyncio.run(app(scope, receive, send))
    # Read up to the bound only, then the app reads the rest itself (and refuses it).
    assert b"".join(m["body"] for m in received) == b'{"kiosk_id": "fp-9", "interval_s": 30}'
    assert [m["more_body"] for m in received] == [True, True, False]  # as sent
    # Not strict JSON (NaN): passed on untouched for the JSON guard to refuse.
    downstream_app = Downstream()
    app = HeartbeatFastPath(downstream_app, FleetService(database, clock), None,
                            auth.CredentialCache(60), clock)
    assert _post(app, "kb1.x.y", b'{"kiosk_id": NaN}')[0] == 418
    assert downstream_app.bodies == [b'{"kiosk_id": NaN}']
