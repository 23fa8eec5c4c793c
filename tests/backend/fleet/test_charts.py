"""Charts central IT looks at rather than reads (server-rendered SVG, parsed here): a
kiosk's status and alert timeline, a site's transactions and outbox depth per hour;
and the fleet list sorted and filtered."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import timedelta

from kiosk.backend.tables import EventRow
from tests.backend.fleet.helpers import T, healthy, login, post

SVG = "{http://www.w3.org/2000/svg}"


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg .*?</svg>", html, re.S)]


def _page(backend, path: str) -> str:
    session = login(backend.url, backend.admin)
    try:
        r = session.get(f"{backend.url}{path}", timeout=T)
        assert r.status_code == 200, r.text
        return r.text
    finally:
        session.close()


def test_a_kiosks_timeline_shows_its_states_and_alerts(clocked_backend, clock):
    backend = clocked_backend
    kiosk_id, token = backend.device(site="laeken", kiosk_id="laeken-41")
    for _ in range(4):
        post(backend.url, token, healthy(kiosk_id))
        clock.advance(900)
    broken = healthy(kiosk_id, selftest={"ok": False, "failures": ["<b>printer</b> & co"]})
    for _ in range(4):
        post(backend.url, token, broken)
        clock.advance(900)
    post(backend.url, token, healthy(kiosk_id))
    clock.advance(3600)  # silent: offline
    [svg] = _svgs(_page(backend, f"/fleet/kiosks/{kiosk_id}"))
    rects = list(svg.iter(f"{SVG}rect"))
    status = [r.get("data-label") for r in rects if r.get("data-lane") == "status"]
    assert status == ["online", "degraded", "online", "offline"]
    alerts = [(r.get("data-lane"), r.get("fill")) for r in rects if r.get("data-lane") != "status"]
    assert alerts == [("selftest_failed", "#c62828"), ("offline", "#c62828")]
    titles = [t.text for t in svg.iter(f"{SVG}title")]
    assert any("<b>printer</b> & co" in (t or "") for t in titles)  # text, not markup
    assert not list(svg.iter(f"{SVG}b"))
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert labels[:3] == ["status", "selftest failed", "offline"]


def test_a_sites_transactions_and_outbox_depth_per_hour(clocked_backend, clock):
    backend = clocked_backend
    a, token_a = backend.device(site="haren", kiosk_id="haren-01")
    b, token_b = backend.device(site="haren", kiosk_id="haren-02")
    _, token_c = backend.device(site="laeken", kiosk_id="laeken-09")
    post(backend.url, token_a, healthy(a, outbox={"pending": 3}))
    post(backend.url, token_b, healthy(b, outbox={"pending": 5}))
    post(backend.url, token_c, healthy("laeken-09", outbox={"pending": 50}))
    with backend.database.write() as session:
        for i, (site, hours_ago) in enumerate(
            [("haren", 0), ("haren", 0), ("haren", 2), ("laeken", 0)]
        ):
            at = clock.now - timedelta(hours=hours_ago)
            session.add(EventRow(event_id=str(uuid.uuid4()), device_id="haren-01", site=site,
                                 type="queue_ticket.issued", kiosk_time=at, seq=i, payload={},
                                 body_hash="0" * 64, received_at=at))
    transactions, depth = _svgs(_page(backend, "/fleet/sites/haren"))
    values = {r.get("data-hour"): int(r.get("data-value"))
              for r in transactions.iter(f"{SVG}rect")}
    # labelled in Brussels time (CET here: one hour ahead of the clock's UTC)
    now_h, two_ago = f"{clock.now + timedelta(hours=1):%H}", f"{clock.now - timedelta(hours=1):%H}"
    assert len(values) == 24 and values[now_h] == 2 and values[two_ago] == 1
    assert sum(values.values()) == 3  # laeken's event is not haren's
    depths = {r.get("data-hour"): int(r.get("data-value")) for r in depth.iter(f"{SVG}rect")}
    assert depths[now_h] == 8 and sum(depths.values()) == 8


def test_the_fleet_list_sorts_and_filters(clocked_backend, clock):
    backend = clocked_backend
    for kiosk_id, change in (("anderlecht-01", {}),
                             ("haren-03", {"devices": {"printer": {"paper": "out"}}}),
                             ("laeken-05", {"outbox": {"pending": 40}})):
        _, token = backend.device(site=kiosk_id.split("-")[0], kiosk_id=kiosk_id)
        post(backend.url, token, healthy(kiosk_id, **change))

    def order(query: str) -> list[str]:
        return re.findall(r'data-kiosk="([^"]+)"', _page(backend, f"/fleet?{query}"))

    assert order("") == ["anderlecht-01", "haren-03", "laeken-05"]
    assert order("sort=status")[0] == "haren-03"  # the worst first
    assert order("sort=queue")[0] == "laeken-05"  # the deepest queue first
    assert order("q=LAEK") == ["laeken-05"]
    assert order("status=degraded") == ["haren-03"]
    page = _page(backend, "/fleet?status=offline")
    assert "No kiosk matches." in page and "(0 of 3)" in page
