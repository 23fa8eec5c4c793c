"""Alert rules over one heartbeat, and a kiosk's status in words. Pure functions: the
service decides when to evaluate and what to open or resolve."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from typing import Any

from kiosk.formatting import age, bytes_size, money

OFFLINE = "offline"
# rule → default severity; the order is the order pages list them in. Central IT may
# override a rule's severity (Thresholds.severities).
RULES: dict[str, str] = {
    OFFLINE: "critical",
    "terminal_offline": "critical",
    "terminal_error": "critical",
    "cash_offline": "critical",
    "cash_jammed": "critical",
    "cash_error": "warning",
    "reader_missing": "critical",
    "printer_offline": "critical",
    "printer_cover_open": "critical",
    "paper_out": "critical",
    "paper_near_end": "warning",
    "a4_paper_out": "critical",
    "a4_jam": "critical",
    "a4_paper_low": "warning",
    "a4_toner_low": "warning",
    "disk_low": "critical",
    "clock_skew": "warning",
    "update_failed": "critical",
    "update_rolled_back": "warning",
    "config_refused": "warning",
    "door_forced": "critical",
    "door_held_open": "warning",
    "controller_unreachable": "critical",  # Open+: the library's relay/IO controller
    "cashbox_full": "warning",
    "change_low": "warning",
    "queue_stale": "warning",
    "dead_letters": "warning",
    "selftest_failed": "critical",
}
SEVERITIES = ("info", "warning", "critical")


@dataclass(frozen=True)
class Thresholds:
    """The numbers behind the rules; central IT tunes them per backend
    (``PUT /api/v1/admin/fleet-thresholds``)."""

    silent_intervals: int = 3  # no heartbeat for this many intervals: offline
    cashbox_full_pct: float = 90.0
    change_low_cents: int = 2000  # under €20 of change left
    queue_stale_s: float = 3600.0  # oldest unsent event older than an hour
    disk_free_min_bytes: int = 500 * 2**20  # the store, logs and an update bundle need room
    clock_skew_max_s: float = 120.0  # receipts and tickets carry the kiosk's time
    door_held_open_s: float = 120.0  # a library gate left open
    # rule → severity, over RULES' defaults.
    severities: tuple[tuple[str, str], ...] = ()

    def severity(self, rule: str) -> str:
        return dict(self.severities).get(rule, RULES.get(rule, "warning"))

    def as_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["severities"] = dict(self.severities)
        return values

    def with_values(self, values: dict[str, Any]) -> Thresholds:
        """These thresholds with ``values`` (already validated) over them."""
        known = {f.name for f in fields(self)}
        changes = {k: v for k, v in values.items() if k in known and v is not None}
        if "severities" in changes:
            changes["severities"] = tuple(sorted(dict(changes["severities"]).items()))
        return replace(self, **changes)


def evaluate(body: dict[str, Any], t: Thresholds, now: datetime | None = None) -> dict[str, str]:
    """The rules ``body`` (a validated heartbeat, as JSON) makes true: rule → detail.

    ``now``: the backend's real time, for the clock skew (None: not checked)."""
    active: dict[str, str] = {}
    devices = body.get("devices") or {}
    _terminal(devices.get("card_terminal"), active)
    _cash(devices.get("cash"), t, active)
    reader = devices.get("eid_reader")
    if reader and not reader.get("present"):
        active["reader_missing"] = _with("no eID reader found", reader.get("error"))
    _printer(devices.get("printer"), active)
    _a4_printer(devices.get("document_printer"), active)
    _door(devices.get("door"), t, active)
    disk = body.get("disk_free_bytes")
    if disk is not None and disk < t.disk_free_min_bytes:
        active["disk_low"] = (
            f"disk nearly full: {bytes_size(disk)} free "
            f"(under {bytes_size(t.disk_free_min_bytes)})"
        )
    if now is not None and body.get("sent_at"):
        skew = (datetime.fromisoformat(body["sent_at"]) - now).total_seconds()
        if abs(skew) > t.clock_skew_max_s:
            side = "ahead" if skew > 0 else "behind"
            # Rounded to the minute: the detail stays the same from beat to beat.
            active["clock_skew"] = f"the kiosk's clock is {age(round(abs(skew), -1))} {side}"
    _update(body.get("update"), active)
    remote = body.get("remote_config") or {}
    if remote.get("refused"):
        active["config_refused"] = _with(
            f"remote config {remote['refused'][:12]} refused", remote.get("refused_reason")
        )
    _outbox(body.get("outbox") or {}, t, active)
    selftest = body.get("selftest")
    if selftest and not selftest.get("ok", True):
        failures = "; ".join(selftest.get("failures") or []) or "see the kiosk"
        active["selftest_failed"] = f"self-test failed: {failures}"[:300]
    for alert in (body.get("open_plus") or {}).get("alerts") or []:  # a library's door
        if alert.get("kind") in RULES:
            active[alert["kind"]] = f"Open+: {alert.get('detail') or alert['kind']}"[:300]
    return active


def _with(what: str, error: Any) -> str:
    return f"{what}: {error}"[:300] if error else what


def _terminal(state: dict[str, Any] | None, active: dict[str, str]) -> None:
    if not state:
        return
    if not state.get("online"):
        active["terminal_offline"] = _with("the card terminal does not answer", state.get("error"))
    elif state.get("error"):
        active["terminal_error"] = _with("the card terminal reports an error", state["error"])


def _cash(state: dict[str, Any] | None, t: Thresholds, active: dict[str, str]) -> None:
    if not state:
        return
    error = state.get("error") or ""
    if not state.get("online"):
        active["cash_offline"] = _with("the cash unit does not answer", error)
    elif state.get("jammed") or "jam" in error.lower():
        active["cash_jammed"] = _with("the cash unit is jammed", error)
    elif error:
        active["cash_error"] = _with("the cash unit reports an error", error)
    fill = state.get("cashbox_fill_pct")
    if fill is not None and fill >= t.cashbox_full_pct:
        active["cashbox_full"] = f"the cashbox is {fill:.0f} % full"
    if state.get("online") and state.get("change_cents", 0) < t.change_low_cents:
        active["change_low"] = f"change is running out: {money(state.get('change_cents', 0))} left"


def _printer(state: dict[str, Any] | None, active: dict[str, str]) -> None:
    if not state:
        return
    if not state.get("online"):
        active["printer_offline"] = _with("the receipt printer does not answer", state.get("error"))
        return
    if state.get("cover_open"):
        active["printer_cover_open"] = "the receipt printer's cover is open"
    if state.get("paper") == "out":
        active["paper_out"] = "the printer is out of paper"
    elif state.get("paper") == "near_end":
        active["paper_near_end"] = "the paper roll is nearly finished"


def _a4_printer(state: dict[str, Any] | None, active: dict[str, str]) -> None:
    if not state:
        return
    if state.get("paper") == "out":
        active["a4_paper_out"] = "the A4 printer is out of paper: no certificates printed"
    elif state.get("paper") == "low":
        active["a4_paper_low"] = "the A4 printer's paper is running low"
    if state.get("jam"):
        active["a4_jam"] = "the A4 printer has a paper jam"
    if state.get("toner") in ("low", "empty"):
        active["a4_toner_low"] = f"the A4 printer's toner is {state['toner']}"


def _door(state: dict[str, Any] | None, t: Thresholds, active: dict[str, str]) -> None:
    if not state:
        return
    if state.get("forced"):
        active["door_forced"] = "the door was forced open"
    open_s = state.get("open_s") or 0.0
    if state.get("open") and open_s > t.door_held_open_s:
        active["door_held_open"] = f"the door has been held open for {age(round(open_s, -1))}"


def _update(section: dict[str, Any] | None, active: dict[str, str]) -> None:
    if not section:
        return
    version = section.get("version") or "?"
    if section.get("state") == "failed":
        active["update_failed"] = _with(f"update to {version} failed", section.get("reason"))
    elif section.get("state") == "rolled_back":
        active["update_rolled_back"] = _with(
            f"update to {version} rolled back", section.get("reason")
        )


def _outbox(outbox: dict[str, Any], t: Thresholds, active: dict[str, str]) -> None:
    oldest = outbox.get("oldest_pending_age_s")
    if oldest is not None and oldest > t.queue_stale_s:
        active["queue_stale"] = (
            f"the oldest unsent event is {age(oldest)} old ({outbox.get('pending', 0)} waiting)"
        )
    dead = outbox.get("dead_letters", 0)
    if dead > 0:
        active["dead_letters"] = f"{dead} event(s) refused by the backend"


def device_trouble(body: dict[str, Any]) -> bool:
    """A fitted device is offline or in error (a degraded kiosk, alert or not)."""
    for name, state in (body.get("devices") or {}).items():
        if not state:
            continue
        if name == "eid_reader":
            if not state.get("present") or state.get("error"):
                return True
        elif name == "door":
            continue  # a door has no "online"; its rules say what is wrong
        elif not state.get("online") or state.get("error"):
            return True
    return False


def status_of(offline: bool, open_rules: list[str], body: dict[str, Any]) -> str:
    if offline:
        return "offline"
    if open_rules or device_trouble(body):
        return "degraded"
    return "online"
