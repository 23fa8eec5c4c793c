"""Prometheus metrics for the city's monitoring: per-kiosk gauges read from the fleet
state at scrape time, in a registry of the app's own (never the global one)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from kiosk.backend.fleet.rules import RULES
from kiosk.backend.fleet.service import FleetService

PAPER_LEVEL = {"ok": 2, "near_end": 1, "out": 0}
STATUS_VALUE = {"online": 2, "degraded": 1, "offline": 0}


class FleetCollector(Collector):
    def __init__(self, fleet: FleetService) -> None:
        self._fleet = fleet

    def collect(self) -> Iterator[Metric]:
        labels = ["kiosk", "site"]
        up = GaugeMetricFamily(
            "kiosk_up", "1 if the kiosk reported within 3 intervals", labels=labels
        )
        status = GaugeMetricFamily("kiosk_status", "2 online, 1 degraded, 0 offline", labels=labels)
        last = GaugeMetricFamily(
            "kiosk_last_heartbeat_timestamp_seconds",
            "when the last heartbeat arrived (Unix time)",
            labels=labels,
        )
        pending = GaugeMetricFamily(
            "kiosk_outbox_pending", "events waiting to be sent", labels=labels
        )
        age = GaugeMetricFamily(
            "kiosk_outbox_oldest_age_seconds",
            "age of the oldest unsent event (0 when none)",
            labels=labels,
        )
        dead = GaugeMetricFamily("kiosk_dead_letters", "events the backend refused", labels=labels)
        paper = GaugeMetricFamily(
            "kiosk_printer_paper_level", "2 ok, 1 near end, 0 out", labels=labels
        )
        fill = GaugeMetricFamily(
            "kiosk_cashbox_fill_ratio", "how full the cashbox is (0-1)", labels=labels
        )
        change = GaugeMetricFamily(
            "kiosk_change_available_euros", "change the cash device can pay out", labels=labels
        )
        alerts = GaugeMetricFamily(
            "kiosk_alert_open", "1 for each open alert", labels=[*labels, "rule", "severity"]
        )
        info = GaugeMetricFamily(
            "kiosk_info",
            "software and config version",
            labels=[*labels, "version", "config_version"],
        )
        for k in self._fleet.states():
            key = [k.kiosk_id, k.site]
            up.add_metric(key, 0 if k.status == "offline" else 1)
            status.add_metric(key, STATUS_VALUE[k.status])
            last.add_metric(key, k.last_heartbeat_at.timestamp())
            pending.add_metric(key, k.outbox_pending)
            age.add_metric(key, k.oldest_pending_age_s or 0)
            dead.add_metric(key, k.dead_letters)
            if k.paper in PAPER_LEVEL:
                paper.add_metric(key, PAPER_LEVEL[k.paper])
            if k.cashbox_fill_pct is not None:
                fill.add_metric(key, k.cashbox_fill_pct / 100)
            if k.change_cents is not None:
                change.add_metric(key, k.change_cents / 100)
            for rule in k.open_alerts:
                alerts.add_metric([*key, rule, RULES.get(rule, "warning")], 1)
            info.add_metric([*key, k.software_version, k.config_version], 1)
        yield from (up, status, last, pending, age, dead, paper, fill, change, alerts, info)


def fleet_registry(fleet: FleetService) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(FleetCollector(fleet))
    return registry


def render(registry: CollectorRegistry) -> bytes:
    return generate_latest(registry)
