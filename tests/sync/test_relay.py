"""The relay against a real backend: delivery, dead letters, offline then online,
reference data with ETag, the sequence, and the status the UI reads."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from kiosk.domain.catalog import ServiceKind, demo_catalog
from kiosk.store.models import OutboxEvent
from sync.backoff import Backoff
from sync.outbox import Outbox
from sync.reference import ReferenceCache, cached_catalog
from sync.status import (
    OFFLINE_REASON,
    StatusMonitor,
    SyncStatus,
    read_status,
    service_unavailable_reason,
)
from tests.backend.harness import free_port, threaded_backend
from tests.sync.helpers import assert_exactly_once, make_relay, queue_events, wait_until


def test_events_carry_a_gap_free_sequence_that_survives_delivery(store):
    first = queue_events(store, 3, "k")
    with store.write() as session:
        session.query(OutboxEvent).filter(OutboxEvent.event_id == first[2]).delete()
    later = queue_events(store, 2, "k")
    with store.read() as session:
        seqs = [session.get(OutboxEvent, e).seq for e in first[:2] + later]
    assert seqs == [1, 2, 4, 5]


def test_drains_everything_exactly_once_and_goes_online(store, backend, kiosk):
    kiosk_id, token = kiosk
    sent = queue_events(store, 250, kiosk_id)
    relay, client = make_relay(store, backend.url, token, batch_size=100)
    try:
        result = relay.drain()
    finally:
        client.close()
    assert (result.delivered, result.rejected, result.batches, result.error) == (250, 0, 3, None)
    assert_exactly_once(store, backend.db_url, kiosk_id, sent)
    status = read_status(store)
    assert status.online and status.pending == 0 and status.last_contact_at is not None


def test_a_batch_read_ahead_and_not_sent_stays_pending(store, backend, kiosk):
    # The relay reads the next batch while one is on the wire; stopped after the first
    # answer, the batch it read ahead must still be pending, and go on the next drain.
    kiosk_id, token = kiosk
    sent = queue_events(store, 5, kiosk_id)
    relay, client = make_relay(store, backend.url, token, batch_size=2)
    stop = threading.Event()
    post = client.post_encoded_events

    def post_then_stop(batch):
        answers = post(batch)
        stop.set()
        return answers

    client.post_encoded_events = post_then_stop
    try:
        first = relay.drain(stop=stop)
        assert (first.delivered, first.batches) == (2, 1)
        assert Outbox(store).counts() == (3, 0)
        client.post_encoded_events = post
        rest = relay.drain()
    finally:
        client.close()
    assert (rest.delivered, rest.batches, rest.error) == (3, 2, None)
    assert_exactly_once(store, backend.db_url, kiosk_id, sent)


def test_a_batch_is_recorded_while_the_next_is_on_the_wire(store, backend, kiosk):
    # The kiosk records a batch's outcomes on its helper thread while the backend takes
    # the next batch in; only the last batch, with nothing after it, is recorded here.
    kiosk_id, token = kiosk
    sent = queue_events(store, 9, kiosk_id)
    relay, client = make_relay(store, backend.url, token, batch_size=2)
    outbox = relay._outbox
    record, post = outbox.record, client.post_encoded_events
    timeline: list[tuple[str, str, int]] = []

    def recorded(ids, outcomes, now):
        ids = list(ids)
        timeline.append(("record", threading.current_thread().name, len(ids)))
        return record(ids, outcomes, now)

    def posted(batch):
        timeline.append(("post", threading.current_thread().name, len(batch)))
        return post(batch)

    outbox.record, client.post_encoded_events = recorded, posted
    try:
        result = relay.drain()
    finally:
        client.close()
    assert (result.delivered, result.batches, result.error) == (9, 5, None)
    assert_exactly_once(store, backend.db_url, kiosk_id, sent)
    records = [(thread, n) for kind, thread, n in timeline if kind == "record"]
    assert [n for _, n in records] == [2, 2, 2, 2, 1]
    assert all(t.startswith("outbox-helper") for t, _ in records[:4]), records
    assert records[4][0] == threading.current_thread().name
    # Each of the first four batches is recorded after the next one was sent off.
    kinds = [kind for kind, _, _ in timeline]
    assert kinds.index("record") > kinds.index("post", 1)


def test_refusals_in_later_batches_are_counted_while_earlier_ones_are_recorded(
        store, backend, kiosk):
    # A dead letter in a middle batch, and a batch the backend refuses whole (sent
    # again one by one) while the batch before it is still being recorded.
    kiosk_id, token = kiosk
    events = (queue_events(store, 2, kiosk_id) + queue_events(store, 1, kiosk_id,
              event_type="lottery.won") + queue_events(store, 1, kiosk_id)
              + queue_events(store, 1, kiosk_id, event_type="NOT A TYPE")
              + queue_events(store, 3, kiosk_id))
    relay, client = make_relay(store, backend.url, token, batch_size=2)
    try:
        result = relay.drain()
    finally:
        client.close()
    assert result.complete and (result.delivered, result.rejected) == (6, 2)
    assert Outbox(store).counts() == (0, 2)
    letters = {d.event_id: d.reason for d in Outbox(store).dead_letters()}
    assert set(letters) == {events[2], events[4]}


def test_rejected_events_become_dead_letters_with_reasons(store, backend, kiosk):
    kiosk_id, token = kiosk
    good = queue_events(store, 3, kiosk_id)
    unknown = queue_events(store, 1, kiosk_id, event_type="lottery.won")
    other_site = queue_events(store, 1, kiosk_id, site="laeken")
    # A type the contract's envelope refuses: the backend answers 422 for the whole
    # batch, so the relay resends one by one and only this event is dead-lettered.
    malformed = queue_events(store, 1, kiosk_id, event_type="NOT A TYPE")
    relay, client = make_relay(store, backend.url, token)
    try:
        result = relay.drain()
    finally:
        client.close()
    assert result.complete and (result.delivered, result.rejected) == (3, 3)
    letters = {d.event_id: d.reason for d in Outbox(store).dead_letters()}
    assert letters[unknown[0]] == "unknown event type 'lottery.won'"
    assert letters[other_site[0]] == "payload.site is not the site of this credential"
    assert "HTTP 422" in letters[malformed[0]] and "type" in letters[malformed[0]]
    assert read_status(store).dead_letters == 3
    assert not set(good) & set(letters)


def test_offline_then_online_resumes_and_status_follows(store, backend_db, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with threaded_backend(backend_db, port=port) as backend:
        kiosk_id, token = backend.device(kiosk_id="k-offline")
    sent = queue_events(store, 40, kiosk_id)
    relay, client = make_relay(store, url, token, timeout_s=1)
    try:
        down = relay.drain()
        assert down.error == "backend unreachable" and down.delivered == 0
        status = read_status(store)
        assert (status.state, status.reason, status.pending) == (
            "offline", "backend unreachable", 40)
        with store.read() as session:
            row = session.get(OutboxEvent, sent[0])
            assert (row.attempts, row.last_error) == (1, "backend unreachable")
        with threaded_backend(backend_db, port=port):
            assert relay.drain().complete
    finally:
        client.close()
    assert_exactly_once(store, backend_db, kiosk_id, sent)
    assert read_status(store).state == "online"


def test_a_refused_credential_dead_letters_nothing(store, backend, kiosk):
    queue_events(store, 5, kiosk[0])
    relay, client = make_relay(store, backend.url, "kb1.bxl-centre-01.forged")
    try:
        result = relay.drain()
    finally:
        client.close()
    assert result.error == "credential refused"
    assert read_status(store).reason == "credential refused"
    assert Outbox(store).counts() == (5, 0)


def test_reference_data_is_cached_with_its_etag_for_an_offline_boot(store, backend, kiosk):
    relay, client = make_relay(store, backend.url, kiosk[1])
    try:
        assert relay.refresh_reference()
        etag, document = ReferenceCache(store).load()
        assert etag and document["sites"]
        # Unchanged: the backend answers 304 and the cache is kept as it was.
        from sync.reference import pull_reference

        assert pull_reference(client, ReferenceCache(store), lambda: datetime.now(UTC)) is False
    finally:
        client.close()
    catalog = cached_catalog(store)  # no network needed from here on
    assert catalog == demo_catalog()


def test_run_loop_backs_off_then_recovers(store, backend_db):
    port = free_port()
    with threaded_backend(backend_db, port=port) as backend:
        kiosk_id, token = backend.device(kiosk_id="k-loop")
    sent = queue_events(store, 30, kiosk_id)
    backoff = Backoff(0.02, 0.1)
    relay, client = make_relay(store, f"http://127.0.0.1:{port}", token, timeout_s=1,
                               backoff=backoff)
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        wait_until(lambda: backoff.failures >= 3, 20, "the relay to fail and back off")
        with threaded_backend(backend_db, port=port):
            wait_until(lambda: Outbox(store).counts() == (0, 0), 30, "the outbox to drain")
            wait_until(lambda: backoff.failures == 0, 10, "the backoff to reset")
    finally:
        stop.set()
        thread.join(15)
        client.close()
    assert not thread.is_alive()
    assert_exactly_once(store, backend_db, kiosk_id, sent)


def test_backoff_doubles_up_to_the_cap_with_full_jitter():
    seen = []
    backoff = Backoff(1.0, 8.0, uniform=lambda lo, hi: seen.append((lo, hi)) or hi)
    delays = [backoff.next_delay() for _ in range(6)]
    assert delays == [1, 2, 4, 8, 8, 8] and all(lo == 0 for lo, _ in seen)
    backoff.reset()
    assert backoff.next_delay() == 1
    real = Backoff(1.0, 8.0)
    assert all(0 <= real.next_delay() <= 8 for _ in range(50))


def test_status_for_the_ui_poll_subscribe_stale_and_service_gating(store):
    from sync.status import StatusRecorder

    now = [datetime(2026, 11, 22, 9, 0, tzinfo=UTC)]
    recorder = StatusRecorder(store, lambda: now[0])
    monitor = StatusMonitor(store, clock=lambda: now[0], stale_after_s=60)
    seen: list[SyncStatus] = []
    unsubscribe = monitor.subscribe(seen.append)
    assert monitor.poll().state == "unknown"
    recorder.failed("backend unreachable")
    monitor.poll()
    monitor.poll()  # unchanged: no second notification
    recorder.succeeded()
    status = monitor.poll()
    assert [s.state for s in seen] == ["unknown", "offline", "online"]
    assert status.since == now[0] and status.online
    catalog = demo_catalog()
    booking, ticket = catalog.service("appt-passport"), catalog.service("queue-ticket")
    assert service_unavailable_reason(booking, status) == ""
    now[0] += timedelta(minutes=5)  # the sync process stopped refreshing
    stale = monitor.poll()
    assert (stale.state, stale.reason) == ("offline", "sync service not running")
    assert service_unavailable_reason(booking, stale) == OFFLINE_REASON
    assert service_unavailable_reason(ticket, stale) == ""
    unsubscribe()
    recorder.failed("backend answered HTTP 503")
    monitor.poll()
    assert len(seen) == 4
    with store.read() as session:
        assert session.scalars(select(OutboxEvent)).all() == []


def test_status_monitor_thread_starts_and_stops(store):
    monitor = StatusMonitor(store, interval_s=0.02)
    got = threading.Event()
    monitor.subscribe(lambda _status: got.set())
    monitor.start()
    try:
        assert got.wait(5)
    finally:
        monitor.stop()


def test_a_cached_service_of_a_kind_this_release_does_not_know_is_not_offered(store, caplog):
    """A newer platform may offer a new kind of service: this release cannot fulfil it,
    so it is left out (and logged), and every other service stays offered."""
    catalog = demo_catalog()
    document = {
        "services": [
            {"id": s.id, "kind": s.kind.value, "name": vars(s.name),
             "description": vars(s.description), "fee_cents": s.fee_cents,
             "needs_eid": s.needs_eid, "works_offline": s.works_offline,
             "issued_at_once": s.issued_at_once}
            for s in catalog.services
        ],
        "desks": [{"id": d.id, "prefix": d.prefix, "name": vars(d.name)} for d in catalog.desks],
    }
    future = dict(document["services"][0], id="drone-delivery", kind="drone_delivery")
    document["services"].append(future)
    ReferenceCache(store).save('"v2"', document, datetime.now(UTC))
    with caplog.at_level("WARNING", logger="sync.reference"):
        cached = cached_catalog(store)
    assert cached == catalog
    assert all(isinstance(s.kind, ServiceKind) for s in cached.services)
    assert any("unknown kind 'drone_delivery'" in r.getMessage() for r in caplog.records)


def test_a_catalog_cached_from_an_older_platform_promises_no_print_at_once(store):
    """Reference data without ``issued_at_once`` (a platform before sealed documents):
    every service is read, none is taken as issued at once, so none is offered
    "printed here"."""
    catalog = demo_catalog()
    document = {
        "services": [
            {"id": s.id, "kind": s.kind.value, "name": vars(s.name),
             "description": vars(s.description), "fee_cents": s.fee_cents,
             "needs_eid": s.needs_eid, "works_offline": s.works_offline}
            for s in catalog.services
        ],
        "desks": [],
    }
    ReferenceCache(store).save('"v1"', document, datetime.now(UTC))
    cached = cached_catalog(store)
    assert [s.id for s in cached.services] == [s.id for s in catalog.services]
    assert any(s.issued_at_once for s in catalog.services)
    assert not any(s.issued_at_once for s in cached.services)
