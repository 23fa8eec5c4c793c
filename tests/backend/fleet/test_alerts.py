"""Heartbeat → alert opens → stays while true → resolves by itself, for every rule;
a silent kiosk goes offline after three intervals (injected clock)."""

from __future__ import annotations

import pytest
import requests

from tests.backend.fleet.helpers import BREAKS, T, admin_get, healthy, post


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
    assert "€5.00 left" in details["change_low"]
    assert details["disk_low"] == "disk nearly full: 10 MB free (under 524 MB)"
    assert details["cash_jammed"] == "the cash unit is jammed: note jammed in the path"
    assert details["clock_skew"].endswith(" behind")
    assert details["update_failed"] == "update to 0.2.0 failed: health gate: no first frame"
    severities = {a["rule"]: a["severity"] for a in every}
    assert severities["terminal_offline"] == "critical" and severities["clock_skew"] == "warning"


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
    assert offline["severity"] == "critical"
    assert offline["detail"] == "no heartbeat since 2025-03-03 10:00:00 CET"  # Brussels time
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


def test_dead_terminal_jammed_cash_no_reader_full_disk_open_four_alerts(clocked_backend, clock):
    """The issue's scenario: "degraded" with no alert at all is what it found."""
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-02")
    broken = healthy(
        kiosk_id,
        disk_free_bytes=10_000_000,
        devices={
            "card_terminal": {"online": False, "error": "no answer on 127.0.0.1:20007"},
            "cash": {"error": "note jammed in the path"},
            "eid_reader": {"present": False, "error": "no PC/SC reader"},
        },
    )
    r = post(backend.url, token, broken)
    assert r.status_code == 200, r.text
    four = ["terminal_offline", "cash_jammed", "reader_missing", "disk_low"]
    assert r.json()["status"] == "degraded" and r.json()["open_alerts"] == four
    assert sorted(_open(backend, kiosk_id)) == sorted(four)
    clock.advance(30)
    r = post(backend.url, token, healthy(kiosk_id))
    assert r.json()["status"] == "online" and r.json()["open_alerts"] == []
    assert r.json()["resolved_alerts"] == sorted(four)
    assert _open(backend, kiosk_id) == {}


def test_central_it_tunes_thresholds_and_severities(clocked_backend, clock):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-04")
    admin = {"Authorization": f"Bearer {backend.admin}"}
    three_gb = healthy(kiosk_id, disk_free_bytes=3 * 10**9)
    assert post(backend.url, token, three_gb).json()["open_alerts"] == []
    r = requests.put(
        f"{backend.url}/api/v1/admin/fleet-thresholds",
        json={"disk_free_min_bytes": 5 * 10**9, "severities": {"disk_low": "warning"}},
        headers=admin,
        timeout=T,
    )
    assert r.status_code == 200, r.text
    assert r.json()["values"]["disk_free_min_bytes"] == 5 * 10**9
    assert r.json()["values"]["cashbox_full_pct"] == 90.0  # untouched
    clock.advance(30)
    assert post(backend.url, token, three_gb).json()["open_alerts"] == ["disk_low"]
    assert _open(backend, kiosk_id)["disk_low"]["severity"] == "warning"
    state = admin_get(backend.url, backend.admin, "/api/v1/admin/fleet-thresholds")
    assert state["updated_by"] == backend.admin.split(".")[1]
    for bad, where in (
        ({"cashbox_full_pct": 150}, "cashbox_full_pct"),
        ({"severities": {"disk_low": "panic"}}, "disk_low"),
        ({"severities": {"no_such_rule": "warning"}}, "no_such_rule"),
        ({"disk_free_min": 1}, "disk_free_min"),
    ):
        r = requests.put(
            f"{backend.url}/api/v1/admin/fleet-thresholds", json=bad, headers=admin, timeout=T
        )
        assert r.status_code == 422 and where in r.text, (bad, r.text)


@pytest.mark.parametrize(
    "change,where",
    [
        ({"devices": {"coffee_machine": {"online": True}}}, "coffee_machine"),
        ({"devices": {"printer": {"toner": "low"}}}, "toner"),
        ({"disk_free_bytes": 2**60}, "disk_free_bytes"),
        ({"uptime_s": 1e10}, "uptime_s"),
        ({"outbox": {"pending": 2**31 - 1}}, "pending"),
        ({"devices": {"cash": {"change_cents": 10**9}}}, "change_cents"),
        ({"devices": {"cash": {"cashbox_fill_pct": 250}}}, "cashbox_fill_pct"),
    ],
)
def test_unknown_devices_and_absurd_numbers_are_refused_with_the_reason(
    clocked_backend, change, where
):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-05")
    r = post(backend.url, token, healthy(kiosk_id, **change))
    assert r.status_code == 422, r.text
    assert where in r.text
    assert admin_get(backend.url, backend.admin, "/api/v1/admin/fleet") == []  # nothing kept


def test_outbox_numbers_that_disagree_are_made_to_agree_not_refused(clocked_backend):
    """Each number is plausible alone; a heartbeat refused for their disagreement would
    hide the kiosk's state. Listed dead letters count; an age without pending is none."""
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-06")
    listed = BREAKS["dead_letters"]["outbox"]
    change = {"outbox": {**listed, "dead_letters": 0, "pending": 0,
                         "oldest_pending_age_s": 90000.0}}
    r = post(backend.url, token, healthy(kiosk_id, **change))
    assert r.status_code == 200, r.text
    alerts = {a["rule"]: a for a in admin_get(
        backend.url, backend.admin, "/api/v1/admin/fleet-alerts", open="true")}
    assert "dead_letters" in alerts and "queue_stale" not in alerts


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
