"""Counts from a kiosk's entrance counter reach the fleet page as a chart and a CSV:
the kiosk's own outbox drained by the real relay into a real backend (127.0.0.1)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from kiosk.counting.periods import PeriodRecorder
from kiosk.store.database import Store
from tests.backend.fleet.helpers import T, login
from tests.sync.helpers import make_relay


def test_counts_become_a_chart_per_library_and_a_csv(tmp_path, clocked_backend, clock):
    backend = clocked_backend
    clock.now = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)
    central, central_token = backend.device(site="bxl-centre", kiosk_id="lib-centre-door")
    laeken, laeken_token = backend.device(site="laeken", kiosk_id="lib-laeken-door")
    yesterday = clock.now - timedelta(days=1)
    for kiosk_id, token, site, periods in (
        # Centre: two 15-minute periods yesterday and one today; one split by a restart.
        (central, central_token, "bxl-centre",
         [(yesterday.replace(hour=9), 12, 3), (yesterday.replace(hour=9, minute=20), 8, 10),
          (yesterday.replace(hour=9, minute=25), 1, 0), (clock.now.replace(hour=10), 7, 2)]),
        (laeken, laeken_token, "laeken", [(clock.now.replace(hour=11), 4, 4)]),
    ):
        store = Store(tmp_path / f"{kiosk_id}.db")
        recorder = PeriodRecorder(store, site, kiosk_id)
        for when, entries, exits in periods:
            recorder.add(entries, exits, when)
            recorder.flush()  # each (partial) period its own event, as after a restart
        relay, client = make_relay(store, backend.url, token)
        try:
            assert relay.drain().complete
        finally:
            client.close()
            store.close()

    browser = login(backend.url, backend.admin)
    page = browser.get(f"{backend.url}/fleet/attendance?days=7", timeout=T)
    assert page.status_code == 200, page.text
    html = page.text
    assert html.count("<svg") == 2 and "bxl-centre" in html and "laeken" in html
    assert "2026-12-06: 21 in, 13 out" in html  # yesterday summed over three events
    assert "2026-12-07: 7 in, 2 out" in html
    assert len(re.findall(r'<rect class="in"', html)) == 14  # 7 days x 2 libraries
    assert "polyline" in html  # people out as a line

    csv = browser.get(f"{backend.url}/fleet/attendance.csv?days=7", timeout=T)
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines() == [
        "site,day,in,out",
        "bxl-centre,2026-12-06,21,13",
        "bxl-centre,2026-12-07,7,2",
        "laeken,2026-12-07,4,4",
    ]
    # the pages are for admins only
    import requests

    anonymous = requests.get(f"{backend.url}/fleet/attendance.csv", timeout=T,
                             allow_redirects=False)
    assert anonymous.status_code == 303


def test_a_malformed_count_is_rejected_with_the_field(clocked_backend):
    import uuid

    import requests

    backend = clocked_backend
    kiosk_id, token = backend.device(site="bxl-centre")
    now = datetime.now(UTC).isoformat()
    event = {"event_id": str(uuid.uuid4()), "type": "attendance.counted", "kiosk_time": now,
             "seq": 1, "payload": {"site": "bxl-centre", "kiosk_id": kiosk_id,
                                   "period_start": now, "period_min": 15, "entries": -3,
                                   "exits": 0}}
    r = requests.post(f"{backend.url}/api/v1/events:batch", json={"events": [event]},
                      headers={"Authorization": f"Bearer {token}"}, timeout=T)
    [result] = r.json()["results"]
    assert result["status"] == "rejected" and "payload.entries" in result["reason"]
