"""/metrics for the city's Prometheus: per-kiosk gauges, on SQLite and PostgreSQL."""

from __future__ import annotations

import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.backend.fleet.helpers import BREAKS, T, healthy, post


def _samples(backend) -> dict[tuple[str, tuple], float]:
    r = requests.get(
        f"{backend.url}/metrics", timeout=T, headers={"Authorization": f"Bearer {backend.admin}"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(r.text)
        for s in family.samples
    }


def test_metrics_carry_a_gauge_per_kiosk(backend):
    ok_id, ok_token = backend.device(site="laeken", kiosk_id="laeken-01")
    bad_id, bad_token = backend.device(site="haren", kiosk_id="haren-01")
    assert post(backend.url, ok_token, healthy(ok_id)).status_code == 200
    assert (
        post(
            backend.url,
            bad_token,
            healthy(
                bad_id, outbox={"pending": 4, "oldest_pending_age_s": 120.0}, **BREAKS["paper_out"]
            ),
        ).status_code
        == 200
    )
    samples = _samples(backend)
    ok = (("kiosk", ok_id), ("site", "laeken"))
    bad = (("kiosk", bad_id), ("site", "haren"))
    assert samples[("kiosk_up", ok)] == 1 and samples[("kiosk_up", bad)] == 1
    assert samples[("kiosk_status", ok)] == 2 and samples[("kiosk_status", bad)] == 1
    assert samples[("kiosk_printer_paper_level", ok)] == 2
    assert samples[("kiosk_printer_paper_level", bad)] == 0
    assert samples[("kiosk_outbox_pending", bad)] == 4
    assert samples[("kiosk_outbox_oldest_age_seconds", bad)] == 120
    assert samples[("kiosk_cashbox_fill_ratio", ok)] == 0.4
    assert samples[("kiosk_change_available_euros", ok)] == 60
    assert (
        samples[
            (
                "kiosk_alert_open",
                (*bad[:1], ("rule", "paper_out"), ("severity", "critical"), bad[1]),
            )
        ]
        == 1
    )
    assert (
        "kiosk_alert_open",
        (*ok[:1], ("rule", "paper_out"), ("severity", "critical"), ok[1]),
    ) not in samples
    info = [k for k in samples if k[0] == "kiosk_info" and ("kiosk", ok_id) in k[1]]
    assert info and ("config_version", "0123456789abcdef") in info[0][1]
    # Nothing from the process-wide default registry (each app has its own).
    assert not any(name.startswith(("python_", "process_")) for name, _ in samples)
