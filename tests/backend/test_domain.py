"""Reference data with ETag, appointments without double-booking, cases, citizens."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import requests

from kiosk.backend.demo_citizens import demo_citizen
from kiosk.backend.settings import BackendSettings
from kiosk.backend.tables import BookingRow
from kiosk.domain.catalog import demo_catalog
from tests.backend.harness import threaded_backend

T = 10


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def next_weekday() -> date:
    day = date.today() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def test_catalog_is_served_with_an_etag_and_304_when_unchanged(backend):
    _, token = backend.device()
    first = requests.get(f"{backend.url}/api/v1/catalog", headers=bearer(token), timeout=T)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    body = first.json()
    assert {s["id"] for s in body["services"]} >= {"queue-ticket", "appt-passport"}
    assert body["services"][1]["name"]["nl"] == "Bewijs van woonst"
    assert "laeken" in {s["id"] for s in body["sites"]}
    again = requests.get(f"{backend.url}/api/v1/catalog",
                         headers={**bearer(token), "If-None-Match": etag}, timeout=T)
    assert again.status_code == 304 and again.headers["ETag"] == etag and not again.content


def test_a_changed_catalog_changes_the_etag(tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    catalog = demo_catalog()
    dearer = dataclasses.replace(catalog, services=tuple(
        dataclasses.replace(s, fee_cents=s.fee_cents + 100) for s in catalog.services))
    tags = []
    for c in (catalog, dearer):
        with threaded_backend(db, BackendSettings(db_url=db, catalog=c)) as backend:
            _, token = backend.device()
            tags.append(requests.get(f"{backend.url}/api/v1/catalog", headers=bearer(token),
                                     timeout=T).headers["ETag"])
    assert tags[0] != tags[1]


def test_a_slot_is_booked_once_under_concurrent_requests(backend):
    _, token = backend.device()
    day = next_weekday()
    slots = requests.get(f"{backend.url}/api/v1/sites/bxl-centre/slots",
                         params={"day": day.isoformat(), "service_id": "appt-passport"},
                         headers=bearer(token), timeout=T).json()
    assert slots and all(s["free"] for s in slots)
    slot = slots[0]["id"]
    nn = demo_citizen("jan").identity.national_number
    card = backend.card_headers(token, nn)  # the citizen's card session: bookings need it

    def book(_: int) -> int:
        return requests.post(f"{backend.url}/api/v1/sites/bxl-centre/appointments",
                             json={"slot_id": slot, "national_number": nn},
                             headers=card, timeout=T).status_code

    with ThreadPoolExecutor(10) as pool:
        codes = sorted(pool.map(book, range(20)))
    assert codes == [201] + [409] * 19
    after = requests.get(f"{backend.url}/api/v1/sites/bxl-centre/slots",
                         params={"day": day.isoformat()}, headers=bearer(token),
                         timeout=T).json()
    assert [s["free"] for s in after if s["id"] == slot] == [False]
    assert requests.post(f"{backend.url}/api/v1/sites/bxl-centre/appointments",
                         json={"slot_id": 999999, "national_number": nn},
                         headers=card, timeout=T).status_code == 404


def test_a_kiosk_books_at_another_site_and_the_booking_is_the_kiosks(backend):
    """Any site, but only in the name of the citizen whose card session the kiosk holds:
    the credential alone cannot book (and so probe) in anyone's name. An admin books for
    anyone, as before."""
    kiosk_id, token = backend.device(site="laeken", kiosk_id="laeken-07")
    day = next_weekday()
    slots = requests.get(f"{backend.url}/api/v1/sites/haren/slots",
                         params={"day": day.isoformat(), "service_id": "appt-id-card"},
                         headers=bearer(token), timeout=T)
    assert slots.status_code == 200 and slots.json()
    slot = slots.json()[0]["id"]
    nn = demo_citizen("sophie").identity.national_number
    path = f"{backend.url}/api/v1/sites/haren/appointments"
    jan = demo_citizen("jan").identity.national_number
    for headers, why in ((bearer(token), "no card session"),
                         (backend.card_headers(token, jan), "another citizen's session")):
        refused = requests.post(path, json={"slot_id": slot, "national_number": nn},
                                headers=headers, timeout=T)
        assert refused.status_code == 403, (why, refused.status_code, refused.text)
    with backend.database.read() as session:
        assert session.query(BookingRow).filter_by(slot_id=slot).count() == 0
    booked = requests.post(path, json={"slot_id": slot, "national_number": nn},
                           headers=backend.card_headers(token, nn), timeout=T)
    assert booked.status_code == 201, booked.text
    by_admin = requests.post(path, json={"slot_id": slots.json()[1]["id"],
                                         "national_number": jan},
                             headers=bearer(backend.admin), timeout=T)
    assert by_admin.status_code == 201, by_admin.text
    assert booked.json()["site"] == "haren" and booked.json()["service_id"] == "appt-id-card"
    with backend.database.read() as session:
        row = session.get(BookingRow, booked.json()["id"])
        assert row is not None and row.device_id == kiosk_id
    after = requests.get(f"{backend.url}/api/v1/sites/haren/slots",
                         params={"day": day.isoformat()}, headers=bearer(token), timeout=T)
    assert [s["free"] for s in after.json() if s["id"] == slot] == [False]


def test_an_unknown_site_is_not_found_with_its_name(backend):
    _, token = backend.device()
    nn = demo_citizen("jan").identity.national_number
    card = backend.card_headers(token, nn)
    for method, kwargs in (("GET", {"params": {"day": next_weekday().isoformat()}}),
                           ("POST", {"json": {"slot_id": 1, "national_number": nn}})):
        path = "slots" if method == "GET" else "appointments"
        r = requests.request(method, f"{backend.url}/api/v1/sites/nowhere/{path}",
                             headers=card, timeout=T, **kwargs)
        assert r.status_code == 404 and r.json()["detail"] == "no such site: nowhere", r.text


def test_citizen_household_and_case_history(backend):
    _, token = backend.device()
    sophie = demo_citizen("sophie").identity.national_number
    card = backend.card_headers(token, sophie)
    citizen = requests.post(f"{backend.url}/api/v1/citizens:lookup",
                            json={"national_number": sophie}, headers=card,
                            timeout=T).json()
    assert citizen["surname"] == "Dubois"
    assert [m["first_names"] for m in citizen["household"]] == ["Lucas"]
    [case] = requests.post(f"{backend.url}/api/v1/cases:lookup",
                           json={"national_number": sophie}, headers=card,
                           timeout=T).json()
    assert case["status"] == "ready"
    assert [h["status"] for h in case["history"]] == ["received", "in_progress", "ready"]
    admin = bearer(backend.admin)
    moved = requests.post(f"{backend.url}/api/v1/admin/cases/{case['id']}/status",
                          json={"status": "delivered", "note": "at the counter"},
                          headers=admin, timeout=T)
    assert moved.status_code == 200 and moved.json()["history"][-1]["note"] == "at the counter"
    back = requests.post(f"{backend.url}/api/v1/admin/cases/{case['id']}/status",
                         json={"status": "in_progress"}, headers=admin, timeout=T)
    assert back.status_code == 409
    unknown = "00000000000"  # unknown: 404 with that number's own card session
    assert requests.post(f"{backend.url}/api/v1/citizens:lookup",
                         json={"national_number": unknown},
                         headers=backend.card_headers(token, unknown),
                         timeout=T).status_code == 404


def test_a_certificate_request_event_opens_a_case(backend):
    from tests.backend.test_intake import post, statuses

    kiosk, token = backend.device()
    nn = demo_citizen("anna").identity.national_number
    event = {"event_id": "6b1b1c1e-7f0a-4b61-9d3c-0f3d2f5c9a11",
             "type": "certificate_request.submitted",
             "kiosk_time": "2026-11-22T10:00:00+00:00", "seq": 3,
             "payload": {"request_id": "r-1", "site": "bxl-centre", "kiosk_id": kiosk,
                         "service_id": "cert-birth", "national_number": nn, "language": "nl",
                         "reference": "BXL-CENTRE-20261122-0001", "delivery": "post",
                         "submitted_at": "2026-11-22T10:00:00+00:00"}}
    assert statuses(post(backend, token, [event])) == [("accepted", None)]
    cases = requests.post(f"{backend.url}/api/v1/cases:lookup", json={"national_number": nn},
                          headers=backend.card_headers(token, nn), timeout=T).json()
    assert [(c["service_id"], c["status"]) for c in cases] == [("cert-birth", "received")]
