"""Alert rules over one heartbeat, and a kiosk's status in words. Pure functions: the
service decides when to evaluate and what to open or resolve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

OFFLINE = "offline"
# rule → severity; the order is the order pages list them in.
RULES: dict[str, str] = {
    OFFLINE: "critical",
    "paper_out": "critical",
    "paper_near_end": "warning",
    "a4_paper_out": "critical",
    "a4_jam": "critical",
    "a4_paper_low": "warning",
    "a4_toner_low": "warning",
    "cashbox_full": "warning",
    "change_low": "warning",
    "queue_stale": "warning",
    "dead_letters": "warning",
    "selftest_failed": "critical",
    # Open+ (a library's door outside staffed hours)
    "door_forced": "critical",
    "door_held_open": "warning",
    "controller_unreachable": "critical",
}


@dataclass(frozen=True)
class Thresholds:
    """The numbers behind the rules (central IT may tune them per backend)."""

    silent_intervals: int = 3  # no heartbeat for this many intervals: offline
    cashbox_full_pct: float = 90.0
    change_low_cents: int = 2000  # under €20 of change left
    queue_stale_s: float = 3600.0  # oldest unsent event older than an hour


def evaluate(body: dict[str, Any], t: Thresholds) -> dict[str, str]:
    """The rules ``body`` (a validated heartbeat, as JSON) makes true: rule → detail."""
    active: dict[str, str] = {}
    devices = body.get("devices") or {}
    printer = devices.get("printer")
    if printer:
        if printer.get("paper") == "out":
            active["paper_out"] = "the printer is out of paper"
        elif printer.get("paper") == "near_end":
            active["paper_near_end"] = "the paper roll is nearly finished"
    a4 = devices.get("document_printer")
    if a4:
        if a4.get("paper") == "out":
            active["a4_paper_out"] = "the A4 printer is out of paper: no certificates printed"
        elif a4.get("paper") == "low":
            active["a4_paper_low"] = "the A4 printer's paper is running low"
        if a4.get("jam"):
            active["a4_jam"] = "the A4 printer has a paper jam"
        if a4.get("toner") in ("low", "empty"):
            active["a4_toner_low"] = f"the A4 printer's toner is {a4['toner']}"
    cash = devices.get("cash")
    if cash:
        fill = cash.get("cashbox_fill_pct")
        if fill is not None and fill >= t.cashbox_full_pct:
            active["cashbox_full"] = f"the cashbox is {fill:.0f} % full"
        if cash.get("online") and cash.get("change_cents", 0) < t.change_low_cents:
            active["change_low"] = (
                f"change is running out: {cash.get('change_cents', 0) / 100:.2f} EUR left"
            )
    outbox = body.get("outbox") or {}
    age = outbox.get("oldest_pending_age_s")
    if age is not None and age > t.queue_stale_s:
        active["queue_stale"] = (
            f"the oldest unsent event is {age / 3600:.1f} h old "
            f"({outbox.get('pending', 0)} waiting)"
        )
    if outbox.get("dead_letters", 0) > 0:
        active["dead_letters"] = f"{outbox['dead_letters']} event(s) refused by the backend"
    selftest = body.get("selftest")
    if selftest and not selftest.get("ok", True):
        failures = "; ".join(selftest.get("failures") or []) or "see the kiosk"
        active["selftest_failed"] = f"self-test failed: {failures}"[:300]
    for alert in (body.get("open_plus") or {}).get("alerts") or []:
        if alert.get("kind") in RULES:
            active[alert["kind"]] = f"Open+: {alert.get('detail') or alert['kind']}"[:300]
    return active


def device_trouble(body: dict[str, Any]) -> bool:
    """A fitted device is offline or in error (a degraded kiosk, alert or not)."""
    for name, state in (body.get("devices") or {}).items():
        if not state:
            continue
        if name == "eid_reader":
            if not state.get("present") or state.get("error"):
                return True
        elif not state.get("online") or state.get("error"):
            return True
    return False


def status_of(offline: bool, open_rules: list[str], body: dict[str, Any]) -> str:
    if offline:
        return "offline"
    if open_rules or device_trouble(body):
        return "degraded"
    return "online"
