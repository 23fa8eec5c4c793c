"""Random 500/502/503, timeouts and connections reset after the backend committed:
after recovery every event is in the backend exactly once and the outbox is empty."""

from __future__ import annotations

import threading

from sync.backoff import Backoff
from sync.outbox import Outbox
from tests.sync.helpers import FaultProxy, assert_exactly_once, make_relay, queue_events, wait_until


def test_every_event_exactly_once_through_random_faults(store, backend, kiosk):
    kiosk_id, token = kiosk
    sent = queue_events(store, 300, kiosk_id)
    proxy = FaultProxy(upstream_port=int(backend.url.rsplit(":", 1)[1]), fault_rate=0.45,
                       hang_s=1.2).start()
    relay, client = make_relay(store, proxy.url, token, batch_size=25, timeout_s=0.8,
                               backoff=Backoff(0.01, 0.1))
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        wait_until(lambda: Outbox(store).counts() == (0, 0), 90, "the outbox to drain")
    finally:
        stop.set()
        thread.join(15)
        client.close()
        proxy.stop()
    assert not thread.is_alive()
    # Every kind of fault happened, including resets after the backend had committed.
    assert {"500", "502", "503", "hang", "reset", "pass"} <= set(proxy.counts), proxy.counts
    assert_exactly_once(store, backend.db_url, kiosk_id, sent)
