"""What the red team sent (issue #23, items 2-5): lone surrogates, datetimes at the edge
of the range, huge bodies and payloads, lax numbers. Each gets a clear 4xx that says
what and where, never a 500, and nothing of it is stored."""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import requests
from sqlalchemy import func, select

from kiosk.backend.bounds import MAX_BODY_BYTES, MAX_PAYLOAD_BYTES
from kiosk.backend.tables import EventRow, PaymentRow
from tests.backend.harness import Backend, threaded_backend

T = 10
NOW = datetime.now(UTC)


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'backend.db'}"
    with threaded_backend(db_url) as running:
        yield running


@pytest.fixture(scope="module")
def kiosk(backend: Backend) -> tuple[str, str]:
    return backend.device(site="bxl-centre")


def raw_post(backend: Backend, token: str, path: str, body: bytes,
             content_type: str = "application/json") -> requests.Response:
    return requests.post(f"{backend.url}{path}", data=body, timeout=T, headers={
        "Authorization": f"Bearer {token}", "Content-Type": content_type})


def payment(kiosk_id: str, amount: object = 500) -> dict:
    return {"event_id": str(uuid.uuid4()), "type": "payment.completed",
            "kiosk_time": NOW.isoformat(), "seq": 1,
            "payload": {"payment_id": str(uuid.uuid4()), "site": "bxl-centre",
                        "kiosk_id": kiosk_id, "method": "card", "amount_cents": amount,
                        "day": NOW.date().isoformat(), "completed_at": NOW.isoformat()}}


def batch(*events: dict) -> bytes:
    return json.dumps({"events": list(events)}).encode()


def events_stored(backend: Backend) -> int:
    with backend.database.read() as session:
        return session.scalar(select(func.count()).select_from(EventRow))


def heartbeat(kiosk_id: str, sent_at: str) -> bytes:
    return json.dumps({"kiosk_id": kiosk_id, "sent_at": sent_at, "interval_s": 30,
                       "software_version": "0.1.0", "config_version": "0123456789abcdef",
                       "uptime_s": 1.0, "disk_free_bytes": 1 << 30}).encode()


# -- item 2: lone surrogates --------------------------------------------------------------

SURROGATE = "\\ud800"  # as JSON text: an escape the JSON grammar allows, UTF-8 does not


@pytest.mark.parametrize("path, body", [
    ("/api/v1/cases:lookup", b'{"national_number": "' + SURROGATE.encode() + b'"}'),
    ("/api/v1/cases:by-reference",
     b'{"reference": "REF-' + SURROGATE.encode() + b'", "code": "ABCDEFGH"}'),
    ("/api/v1/citizens:lookup", b'{"national_number": "' + SURROGATE.encode() + b'"}'),
], ids=["cases-lookup", "by-reference", "citizens-lookup"])
def test_lone_surrogates_are_a_422_not_a_500(backend, kiosk, path, body):
    answer = raw_post(backend, kiosk[1], path, body)
    assert answer.status_code == 422, answer.text
    [problem] = answer.json()["detail"]
    assert problem["loc"][0] == "body" and "JSON" in problem["msg"]


def test_lone_surrogates_in_an_event_or_a_heartbeat_are_a_422(backend, kiosk):
    kiosk_id, token = kiosk
    event = json.dumps(payment(kiosk_id)).replace('"card"', f'"card{SURROGATE}"')
    for where in (event, event.replace('"method"', f'"m{SURROGATE}"')):  # value, key
        body = b'{"events": [' + where.encode() + b"]}"
        answer = raw_post(backend, token, "/api/v1/events:batch", body)
        assert answer.status_code == 422, answer.text
    beat = heartbeat(kiosk_id, NOW.isoformat()).replace(
        b'"0.1.0"', b'"0.1.0' + SURROGATE.encode() + b'"')
    assert raw_post(backend, token, "/api/v1/heartbeat", beat).status_code == 422
    assert events_stored(backend) == 0


def test_a_body_that_is_not_utf8_is_a_422_not_an_undocumented_400(backend, kiosk):
    answer = raw_post(backend, kiosk[1], "/api/v1/cases:lookup", b'{"national_number": "\xff"}')
    assert answer.status_code == 422, answer.text
    assert "UTF-8" in answer.json()["detail"][0]["msg"]


# -- item 3: datetimes at the edge of the range --------------------------------------------

EDGES = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "1999-12-31T23:59:59Z"]


@pytest.mark.parametrize("edge", EDGES)
def test_datetimes_outside_the_plausible_window_say_why(backend, kiosk, edge):
    kiosk_id, token = kiosk
    event = payment(kiosk_id) | {"kiosk_time": edge}
    answer = raw_post(backend, token, "/api/v1/events:batch", batch(event))
    assert answer.status_code == 422, answer.text
    [problem] = answer.json()["detail"]
    assert problem["loc"] == ["body", "events", 0, "kiosk_time"]
    assert "2000" in problem["msg"] and "2099" in problem["msg"] and "clock" in problem["msg"]

    answer = raw_post(backend, token, "/api/v1/heartbeat", heartbeat(kiosk_id, edge))
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == ["body", "sent_at"]

    inner = payment(kiosk_id)
    inner["payload"]["completed_at"] = edge
    answer = raw_post(backend, token, "/api/v1/events:batch", batch(inner))
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert result["status"] == "rejected" and "payload.completed_at" in result["reason"]
    assert "2000" in result["reason"]


# -- item 4: body and payload size ---------------------------------------------------------

def test_an_oversized_body_is_refused_before_it_is_read(backend, kiosk):
    """Content-Length says 50 MB: 413 at once, without the server waiting for the bytes."""
    host, port = backend.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=T) as conn:
        conn.sendall((f"POST /api/v1/events:batch HTTP/1.1\r\nHost: {host}\r\n"
                      f"Authorization: Bearer {kiosk[1]}\r\nContent-Type: application/json\r\n"
                      f"Content-Length: {50 << 20}\r\n\r\n").encode() + b'{"events": [')
        answer = b""
        while chunk := conn.recv(4096):  # the server closes: the rest was never read
            answer += chunk
    text = answer.decode("latin-1")
    assert text.startswith("HTTP/1.1 413"), text
    assert str(MAX_BODY_BYTES) in text


def test_an_oversized_chunked_body_is_refused(backend, kiosk):
    def chunks() -> Iterator[bytes]:
        yield b'{"events": [{"payload": {"x": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"a" * 65536
        yield b'"}}]}'

    answer = requests.post(f"{backend.url}/api/v1/events:batch", data=chunks(), timeout=T,
                           headers={"Authorization": f"Bearer {kiosk[1]}",
                                    "Content-Type": "application/json"})
    assert answer.status_code == 413, answer.text
    assert events_stored(backend) == 0


def test_an_oversized_payload_is_rejected_for_that_event_only(backend, kiosk):
    kiosk_id, token = kiosk
    big, small = payment(kiosk_id), payment(kiosk_id)
    big["payload"]["note"] = "x" * MAX_PAYLOAD_BYTES
    answer = raw_post(backend, token, "/api/v1/events:batch", batch(big, small))
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert results[0]["status"] == "rejected"
    assert f"at most {MAX_PAYLOAD_BYTES} bytes" in results[0]["reason"]
    assert results[1]["status"] == "accepted"
    with backend.database.read() as session:
        assert session.get(EventRow, big["event_id"]) is None


def test_the_limits_are_in_the_contract():
    from kiosk.backend.server import openapi_document

    document = openapi_document()
    batch_op = document["paths"]["/api/v1/events:batch"]["post"]
    assert "413" in batch_op["responses"]
    assert str(MAX_BODY_BYTES) in batch_op["responses"]["413"]["description"]
    payload = document["components"]["schemas"]["Event"]["properties"]["payload"]
    assert str(MAX_PAYLOAD_BYTES) in payload["description"]


# -- item 5: strict integers, finite numbers ------------------------------------------------

@pytest.mark.parametrize("amount", ["500", True, 5.0, 5.5, None])
def test_money_is_a_json_integer(backend, kiosk, amount):
    kiosk_id, token = kiosk
    event = payment(kiosk_id, amount)
    answer = raw_post(backend, token, "/api/v1/events:batch", batch(event))
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert result["status"] == "rejected" and "payload.amount_cents" in result["reason"]
    with backend.database.read() as session:
        assert session.scalar(select(func.count()).select_from(PaymentRow).where(
            PaymentRow.payment_id == event["payload"]["payment_id"])) == 0


@pytest.mark.parametrize("seq", [False, True, "1", 1.5])
def test_a_sequence_number_is_a_json_integer(backend, kiosk, seq):
    """1.0 is the integer 1 in JSON Schema (the contract's language); booleans, strings
    and fractions are not integers at all."""
    kiosk_id, token = kiosk
    event = payment(kiosk_id) | {"seq": seq}
    answer = raw_post(backend, token, "/api/v1/events:batch", batch(event))
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == ["body", "events", 0, "seq"]


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity", b"1e400"])
def test_non_finite_numbers_are_refused_anywhere(backend, kiosk, number):
    kiosk_id, token = kiosk
    text = json.dumps(payment(kiosk_id)).replace('"card"', '"card", "extra": 0').encode()
    body = b'{"events": [' + text.replace(b'"extra": 0', b'"extra": ' + number) + b"]}"
    answer = raw_post(backend, token, "/api/v1/events:batch", body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"][0] == "body"
    beat = heartbeat(kiosk_id, NOW.isoformat()).replace(
        b'"uptime_s": 1.0', b'"uptime_s": ' + number)
    assert raw_post(backend, token, "/api/v1/heartbeat", beat).status_code == 422


def test_a_release_bundle_may_be_larger_than_the_body_limit(backend):
    """The bundle upload streams its own body (up to 2 GiB): the guard lets it through,
    and the route reads all of it before saying it is not a bundle."""
    answer = requests.put(f"{backend.url}/api/v1/admin/updates/bundles/9.9.9",
                          data=b"\0" * (MAX_BODY_BYTES + 1024), timeout=T,
                          headers={"Authorization": f"Bearer {backend.admin}",
                                   "Content-Type": "application/octet-stream"})
    assert answer.status_code == 422, answer.text
    assert "not a release bundle" in answer.json()["detail"]


# -- NUL characters and deep nesting (review, 2026-12-08) --------------------------------

def test_a_nul_character_is_a_422_everywhere_before_any_database_sees_it(backend, kiosk):
    """PostgreSQL's text columns cannot hold NUL: a heartbeat or event holding one failed
    there (and took the heartbeats committed with it along) while SQLite took it. Now
    both refuse it at the door, naming it; an escaped backslash before "u0000" is text."""
    kiosk_id, token = kiosk
    stored = events_stored(backend)
    beat = heartbeat(kiosk_id, NOW.isoformat()).replace(b'"0.1.0"', b'"0.1.0\\u0000x"')
    answer = raw_post(backend, token, "/api/v1/heartbeat", beat)
    assert answer.status_code == 422, answer.text
    assert "NUL" in answer.json()["detail"][0]["msg"]
    event = json.dumps(payment(kiosk_id)).replace('"card"', '"card\\u0000"')
    answer = raw_post(backend, token, "/api/v1/events:batch",
                      b'{"events": [' + event.encode() + b"]}")
    assert answer.status_code == 422, answer.text
    assert events_stored(backend) == stored
    from kiosk.backend.json_guard import strict_json_problem

    assert strict_json_problem(rb'{"path": "C:\\u0000"}') is None  # a backslash, then text
    assert "NUL" in strict_json_problem(rb'{"path": "C:\\\u0000"}')  # a backslash, a NUL


@pytest.mark.parametrize("path", ["/api/v1/heartbeat", "/api/v1/events:batch",
                                  "/api/v1/enrol"])
def test_json_nested_too_deeply_is_a_422_not_a_500(backend, path):
    body = b"[" * 3000 + b"]" * 3000
    answer = requests.post(f"{backend.url}{path}", data=body, timeout=T,
                           headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["msg"] == "the body is nested too deeply"
