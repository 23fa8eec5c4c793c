"""Heartbeat → alert opens → stays while true → resolves by itself, for every rule;
a silent kiosk goes offline after three intervals (injected clock)."""

from __future__ import annotations

import pytest

from tests.backend.fleet.helpers import BREAKS, admin_get, healthy, post


def _open(backend, kiosk_id: str) -> dict[str, dict]:
    alerts = admin_get(backend.url, backend.admin, "/api/v1/admin/fleet-alerts", open="true")
    return {a["rule"]: a for a in alerts if a["kiosk_id"] == kiosk_id}


def test_every_rule_opens_stays_while_true_and_resolves(clocked_backend, clock):
    backend = clocked_backend
    kiosk_id, token = backend.device(site="laeken", kiosk_id="laeken-01")
    r = post(backend.url, token, healthy(kiosk_id))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "online" and r.json()["open_alerts"] == []
    for rule, change in BREAKS.items():
        clock.advance(30)
        r = post(backend.url, token, healthy(kiosk_id, **change))
        assert r.status_code == 200, r.text
        assert r.json()["open_alerts"] == [rule] and r.json()["status"] == "degraded"
        opened = _open(backend, kiosk_id)
        assert list(opened) == [rule], rule
        clock.advance(30)
        post(backend.url, token, healthy(kiosk_id, **change))  # still true: same alert
        again = _open(backend, kiosk_id)
        assert again[rule]["id"] == opened[rule]["id"]
        assert again[rule]["last_seen_at"] > opened[rule]["last_seen_at"]
        clock.advance(30)
        r = post(backend.url, token, healthy(kiosk_id))  # fixed: resolves by itself
        assert r.json()["status"] == "online" and r.json()["open_alerts"] == []
        assert _open(backend, kiosk_id) == {}
    every = admin_get(backend.url, backend.admin, "/api/v1/admin/fleet-alerts")
    assert sorted(a["rule"] for a in every) == sorted(BREAKS)
    assert all(a["resolved_at"] is not None for a in every)
    details = {a["rule"]: a["detail"] for a in every}
    assert details["cashbox_full"] == "the cashbox is 90 % full"
    assert "5.00 EUR" in details["change_low"]


def test_a_silent_kiosk_goes_offline_after_three_intervals_and_back(clocked_backend, clock):
    backend = clocked_backend
    kiosk_id, token = backend.device(site="bxl-centre", kiosk_id="bxl-centre-09")
    assert post(backend.url, token, healthy(kiosk_id, interval_s=30)).status_code == 200
    clock.advance(89)  # under 3 × 30 s: still online
    [state] = admin_get(backend.url, backend.admin, "/api/v1/admin/fleet")
    assert state["status"] == "online"
    clock.advance(2)
    [state] = admin_get(backend.url, backend.admin, "/api/v1/admin/fleet")
    assert state["status"] == "offline"
    offline = _open(backend, kiosk_id)["offline"]
    assert offline["severity"] == "critical" and "no heartbeat since" in offline["detail"]
    clock.advance(600)  # stays open, not opened twice
    admin_get(backend.url, backend.admin, "/api/v1/admin/fleet")
    assert [
        a["id"]
        for a in admin_get(backend.url, backend.admin, "/api/v1/admin/fleet-alerts", open="true")
    ] == [offline["id"]]
    r = post(backend.url, token, healthy(kiosk_id))
    assert r.json()["status"] == "online"
    [state] = admin_get(backend.url, backend.admin, "/api/v1/admin/fleet")
    assert state["status"] == "online" and _open(backend, kiosk_id) == {}


def test_a_device_in_trouble_makes_the_kiosk_degraded(clocked_backend):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-02")
    r = post(
        backend.url,
        token,
        healthy(kiosk_id, devices={"card_terminal": {"online": False, "error": "no answer"}}),
    )
    assert r.json()["status"] == "degraded" and r.json()["open_alerts"] == []


@pytest.mark.parametrize(
    "field,value",
    [("interval_s", 0), ("config_version", "NOT-HEX"), ("unknown", 1), ("uptime_s", -1)],
)
def test_a_malformed_heartbeat_is_refused_with_where(clocked_backend, field, value):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-03")
    r = post(backend.url, token, healthy(kiosk_id, **{field: value}))
    assert r.status_code == 422
    assert any(field in [str(p) for p in e["loc"]] for e in r.json()["detail"])
