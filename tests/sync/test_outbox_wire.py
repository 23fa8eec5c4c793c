"""The relay's batches as encoded JSON: the same events as ``Outbox.pending`` gives, the
stored payload text spliced in unparsed, and the backend taking them as the same events
it may already have had through the ordinary JSON path."""

from __future__ import annotations

import json

from kiosk.store.models import OutboxEvent
from sync.client import EncodedEvents
from sync.outbox import Outbox
from tests.sync.helpers import backend_events, make_relay, queue_events

# Non-ASCII, a quote, a backslash and a control character: the spliced text must stay
# JSON that decodes to exactly this.
AWKWARD = 'Ça « ü » "quoted" \\ back\tslash ✓'


def _make_awkward(store, event_id: str) -> None:
    with store.write() as session:
        row = session.get(OutboxEvent, event_id)
        row.payload = {**row.payload, "desk": AWKWARD}


def test_encoded_batches_are_the_pending_events(store):
    ids = queue_events(store, 7, "k-wire")
    _make_awkward(store, ids[1])
    odd = queue_events(store, 1, "k-wire", event_type="NOT A TYPE")  # sent, refused there
    outbox = Outbox(store)

    first = outbox.encoded(5)
    assert first.event_ids == ids[:5] and len(first) == 5
    assert [json.loads(e) for e in first.envelopes] == outbox.pending(5)
    assert json.loads(first.body()) == {"events": outbox.pending(5)}
    assert json.loads(first.envelopes[1])["payload"]["desk"] == AWKWARD
    with store.read() as session:
        assert first.last_seq == session.get(OutboxEvent, ids[4]).seq

    # The batch after one in flight: what pending() gives with that batch excluded, by
    # its last sequence number or, when that is unknown, by its event ids.
    expected = outbox.pending(5, exclude=first.event_ids)
    assert [e["event_id"] for e in expected] == ids[5:] + odd
    for after in (first, EncodedEvents(first.event_ids, first.envelopes, None)):
        following = outbox.encoded(5, after=after)
        assert [json.loads(e) for e in following.envelopes] == expected
    assert [(b.event_ids, b.body()) for b in first.each()] == [
        ([i], b'{"events":[' + e + b"]}") for i, e in zip(ids[:5], first.envelopes,
                                                          strict=True)]
    assert len(outbox.encoded(5, after=outbox.encoded(10))) == 0


def test_an_event_first_sent_as_plain_json_is_a_duplicate_when_drained(store, backend,
                                                                        kiosk):
    # The document source sends a request's event through post_events (requests' own
    # JSON, non-ASCII escaped); the relay later sends the stored text as it is. The
    # backend must see the same event (answer "duplicate"), not a reused id.
    kiosk_id, token = kiosk
    sent = queue_events(store, 3, kiosk_id)
    _make_awkward(store, sent[0])
    relay, client = make_relay(store, backend.url, token)
    try:
        early = Outbox(store).pending(1)
        assert [o.status for o in client.post_events(early)] == ["accepted"]
        result = relay.drain()
    finally:
        client.close()
    assert (result.delivered, result.rejected, result.error) == (3, 0, None)
    assert Outbox(store).counts() == (0, 0)
    assert sorted(backend_events(backend.db_url, kiosk_id)[0]) == sorted(sent)
