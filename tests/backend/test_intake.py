"""Event intake: per-event answers, exactly once under retries, bodies pinned to ids."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import requests
from pydantic import TypeAdapter
from sqlalchemy import func, select

from kiosk.backend.demo_citizens import demo_citizen
from kiosk.backend.schemas import EventBatchResult
from kiosk.backend.tables import EventRow, PaymentRow, QueueTicketRow

T = 10


def ticket_event(kiosk_id: str, site: str = "bxl-centre", n: int = 1) -> dict:
    now = datetime.now(UTC).isoformat()
    return {"event_id": str(uuid.uuid4()), "type": "queue_ticket.issued", "kiosk_time": now,
            "seq": n, "payload": {"request_id": str(uuid.uuid4()), "site": site,
                                  "kiosk_id": kiosk_id, "desk": "population",
                                  "number": f"P-{n:03d}", "day": now[:10], "language": "fr",
                                  "issued_at": now}}


def post(backend, token: str, events: list[dict]) -> requests.Response:
    return requests.post(f"{backend.url}/api/v1/events:batch", json={"events": events},
                         headers={"Authorization": f"Bearer {token}"}, timeout=T)


def statuses(response: requests.Response) -> list[tuple[str, str | None]]:
    assert response.status_code == 200, response.text
    return [(r["status"], r["reason"]) for r in response.json()["results"]]


def count(backend, model) -> int:
    with backend.database.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_accepted_then_duplicate_and_the_effect_applied_once(backend):
    kiosk, token = backend.device()
    events = [ticket_event(kiosk, n=i) for i in range(1, 4)]
    first = post(backend, token, events)
    assert statuses(first) == [("accepted", None)] * 3
    # The answer the route serialises itself is the contract's, byte for byte as
    # FastAPI's own serialisation of the response model would write it.
    assert first.headers["content-type"] == "application/json"
    answer = EventBatchResult.model_validate_json(first.content)
    assert first.content == TypeAdapter(EventBatchResult).dump_json(answer)
    assert [str(r.event_id) for r in answer.results] == [e["event_id"] for e in events]
    assert statuses(post(backend, token, events)) == [("duplicate", None)] * 3
    assert count(backend, EventRow) == 3
    assert count(backend, QueueTicketRow) == 3
    with backend.database.read() as session:
        row = session.get(EventRow, events[0]["event_id"])
        assert row.seq == 1 and row.received_at.tzinfo is not None
        assert row.device_id == kiosk


def test_same_id_with_a_different_body_is_rejected(backend):
    kiosk, token = backend.device()
    event = ticket_event(kiosk)
    assert statuses(post(backend, token, [event])) == [("accepted", None)]
    changed = {**event, "payload": {**event["payload"], "number": "P-999"}}
    [(status, reason)] = statuses(post(backend, token, [changed]))
    assert status == "rejected" and "different body" in reason
    # Twice in one batch, once changed: the first decides, the second is refused.
    fresh = ticket_event(kiosk, n=7)
    twin = {**fresh, "seq": 8}
    assert [s for s, _ in statuses(post(backend, token, [fresh, fresh, twin]))] == [
        "accepted", "duplicate", "rejected"]


def test_bad_payloads_are_rejected_per_event_with_the_field_named(backend):
    kiosk, token = backend.device()
    good = ticket_event(kiosk)
    unknown = {**ticket_event(kiosk), "type": "lottery.won"}
    missing = ticket_event(kiosk)
    del missing["payload"]["desk"]
    other_site = ticket_event(kiosk, site="laeken")
    other_kiosk = ticket_event("someone-else")
    result = statuses(post(backend, token, [good, unknown, missing, other_site, other_kiosk]))
    assert result[0] == ("accepted", None)
    assert result[1] == ("rejected", "unknown event type 'lottery.won'")
    assert result[2][0] == "rejected" and "payload.desk" in result[2][1]
    assert result[3] == ("rejected", "payload.site is not the site of this credential")
    assert result[4] == ("rejected", "payload.kiosk_id is not the kiosk of this credential")
    assert count(backend, EventRow) == 1


def test_a_kiosk_cannot_touch_another_kiosks_event_id(backend):
    k1, t1 = backend.device()
    k2, t2 = backend.device()
    event = ticket_event(k1)
    assert statuses(post(backend, t1, [event]))[0][0] == "accepted"
    stolen = {**event, "payload": {**event["payload"], "kiosk_id": k2}}
    assert statuses(post(backend, t2, [stolen]))[0][0] == "rejected"
    got = requests.get(f"{backend.url}/api/v1/events/{event['event_id']}",
                       headers={"Authorization": f"Bearer {t2}"}, timeout=T)
    assert got.status_code == 404
    mine = requests.get(f"{backend.url}/api/v1/events/{event['event_id']}",
                        headers={"Authorization": f"Bearer {t1}"}, timeout=T)
    assert mine.status_code == 200 and mine.json()["payload"]["number"] == "P-001"


def test_an_event_read_back_withholds_the_citizens_national_number(backend):
    """The kiosk credential alone reads no citizen, not even from its own events."""
    kiosk, token = backend.device()
    now = datetime.now(UTC).isoformat()
    nn = demo_citizen("jan").identity.national_number
    event = {"event_id": str(uuid.uuid4()), "type": "certificate_request.submitted",
             "kiosk_time": now, "seq": 1,
             "payload": {"request_id": str(uuid.uuid4()), "site": "bxl-centre",
                         "kiosk_id": kiosk, "service_id": "cert-life", "national_number": nn,
                         "language": "nl", "reference": "W-1", "delivery": "portal",
                         "submitted_at": now}}
    assert statuses(post(backend, token, [event]))[0][0] == "accepted"
    got = requests.get(f"{backend.url}/api/v1/events/{event['event_id']}",
                       headers={"Authorization": f"Bearer {token}"}, timeout=T)
    assert got.status_code == 200 and got.json()["payload"]["reference"] == "W-1"
    assert "national_number" not in got.json()["payload"] and nn not in got.text


def test_concurrent_retries_of_the_same_batch_apply_each_event_once(backend):
    kiosk, token = backend.device()
    events = [ticket_event(kiosk, n=i) for i in range(1, 41)]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: statuses(post(backend, token, events)), range(8)))
    for i in range(40):
        column = [answer[i][0] for answer in answers]
        assert column.count("accepted") == 1, column
        assert set(column) <= {"accepted", "duplicate"}
    assert count(backend, EventRow) == 40
    assert count(backend, QueueTicketRow) == 40


def test_payments_land_in_the_ledger_once(backend):
    kiosk, token = backend.device()
    now = datetime.now(UTC)
    def payment(pid: str, cents: int) -> dict:
        return {"event_id": str(uuid.uuid4()), "type": "payment.completed",
                "kiosk_time": now.isoformat(), "seq": 1,
                "payload": {"payment_id": pid, "site": "bxl-centre", "kiosk_id": kiosk,
                            "method": "card", "amount_cents": cents,
                            "day": now.date().isoformat(), "completed_at": now.isoformat()}}
    first, again = payment("pay-1", 300), payment("pay-1", 300)
    assert [s for s, _ in statuses(post(backend, token, [first, payment("pay-2", 500)]))] == [
        "accepted", "accepted"]
    [(status, reason)] = statuses(post(backend, token, [again]))
    assert status == "rejected" and "payment_id" in reason
    assert count(backend, PaymentRow) == 2
    ledger = requests.get(f"{backend.url}/api/v1/ledger/{now.date().isoformat()}",
                          headers={"Authorization": f"Bearer {token}"}, timeout=T).json()
    assert (ledger["count"], ledger["total_cents"]) == (2, 800)


def test_malformed_batches_are_422_not_500(backend):
    _, token = backend.device()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for body in (b"{", b'{"events": []}', b'{"events": [{"event_id": "x"}]}', b"\xff\xfe"):
        r = requests.post(f"{backend.url}/api/v1/events:batch", data=body, headers=headers,
                          timeout=T)
        assert r.status_code == 422, (body, r.status_code)
