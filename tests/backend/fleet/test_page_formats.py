"""What the pages got wrong, tried as central IT would: one queue age, one money
format, hashes that do not wrap, dead letters counted the same in both places."""

from __future__ import annotations

from tests.backend.fleet.helpers import T, admin_get, healthy, login, post


def test_the_list_the_kiosk_page_and_the_alert_say_the_same(clocked_backend):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-31")
    beat = healthy(
        kiosk_id,
        outbox={"pending": 4, "oldest_pending_age_s": 83 * 60.0, "dead_letters": 1},
        devices={"cash": {"change_cents": 31300}},
    )
    assert post(backend.url, token, beat).json()["open_alerts"] == ["queue_stale", "dead_letters"]
    session = login(backend.url, backend.admin)
    try:
        listing = session.get(f"{backend.url}/fleet", timeout=T).text
        page = session.get(f"{backend.url}/fleet/kiosks/{kiosk_id}", timeout=T).text
    finally:
        session.close()
    for html in (listing, page):
        assert "oldest 1 h 23 min" in html
        assert "€313.00" in html
        assert '<code class="hash" title="0123456789abcdef">0123456789ab</code>' in html
    assert "1.4 h" not in page and "83 min" not in listing
    assert "<dt>Dead letters</dt><dd>1</dd>" in page
    assert "None." not in page
    assert "1 on the kiosk, not listed in its heartbeat" in page
    # The same words in the alert's detail.
    [alert] = [a for a in admin_get(backend.url, backend.admin, "/api/v1/admin/fleet-alerts",
                                    open="true") if a["rule"] == "queue_stale"]
    assert alert["detail"] == "the oldest unsent event is 1 h 23 min old (4 waiting)"
