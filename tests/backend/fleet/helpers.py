"""Heartbeat bodies and calls for fleet tests; a clock tests move by hand."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

T = 10


class FakeClock:
    """The backend's injectable clock, moved by the test."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2025, 3, 3, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def healthy(kiosk_id: str, **changes: Any) -> dict[str, Any]:
    """A heartbeat with nothing wrong; ``changes`` are deep-merged in (dicts merge)."""
    body: dict[str, Any] = {
        "kiosk_id": kiosk_id,
        "sent_at": datetime.now(UTC).isoformat(),
        "interval_s": 30,
        "software_version": "0.1.0",
        "config_version": "0123456789abcdef",
        "uptime_s": 120.0,
        "disk_free_bytes": 10 * 2**30,
        "last_error": None,
        "outbox": {"pending": 0, "oldest_pending_age_s": None, "dead_letters": 0},
        "devices": {
            "eid_reader": {"present": True, "error": ""},
            "printer": {"online": True, "paper": "ok", "cover_open": False, "error": ""},
            "card_terminal": {"online": True, "error": ""},
            "cash": {
                "online": True,
                "error": "",
                "levels": {"200": 20, "100": 20},
                "change_cents": 6000,
                "cashbox_fill_pct": 40.0,
            },
        },
        "selftest": {"ok": True, "failures": []},
    }
    return merge(body, changes)


def merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


# rule → the change to a healthy heartbeat that makes it true
BREAKS: dict[str, dict[str, Any]] = {
    "paper_near_end": {"devices": {"printer": {"paper": "near_end"}}},
    "paper_out": {"devices": {"printer": {"paper": "out"}}},
    "cashbox_full": {"devices": {"cash": {"cashbox_fill_pct": 90.0}}},
    "change_low": {"devices": {"cash": {"change_cents": 500, "levels": {"100": 5}}}},
    "queue_stale": {"outbox": {"pending": 12, "oldest_pending_age_s": 3700.0}},
    "dead_letters": {
        "outbox": {
            "dead_letters": 1,
            "recent_dead_letters": [
                {
                    "event_id": "6f1c1a52-8d9e-4a47-9d1e-2f4f5c6b7a8d",
                    "type": "queue_ticket.issued",
                    "seq": 7,
                    "reason": "payload.desk: unknown desk",
                }
            ],
        }
    },
    "selftest_failed": {"selftest": {"ok": False, "failures": ["printer: no paper"]}},
    "terminal_offline": {"devices": {"card_terminal": {"online": False, "error": "no answer"}}},
    "terminal_error": {"devices": {"card_terminal": {"error": "E-07 card reader fault"}}},
    "cash_offline": {"devices": {"cash": {"online": False, "error": "no reply on ttyACM0"}}},
    "cash_jammed": {"devices": {"cash": {"jammed": True, "error": "note jammed in the path"}}},
    "cash_error": {"devices": {"cash": {"error": "validator calibration fault"}}},
    "reader_missing": {"devices": {"eid_reader": {"present": False, "error": "no reader"}}},
    "printer_offline": {"devices": {"printer": {"online": False, "error": "connection refused"}}},
    "printer_cover_open": {"devices": {"printer": {"cover_open": True}}},
    "disk_low": {"disk_free_bytes": 10_000_000},
    "clock_skew": {"sent_at": "2020-01-01T00:00:00+00:00"},
    "update_failed": {
        "update": {"current": "0.1.0", "state": "failed", "version": "0.2.0",
                   "reason": "health gate: no first frame"}
    },
    "update_rolled_back": {
        "update": {"current": "0.1.0", "state": "rolled_back", "version": "0.2.1",
                   "reason": "crash loop", "previous": "0.1.0"}
    },
    "config_refused": {
        "remote_config": {"refused": "abcdef0123456789",
                          "refused_reason": "journey.inactivity_timeout_s: must be >= 10"}
    },
    "door_forced": {"devices": {"door": {"open": True, "forced": True, "open_s": 4.0}}},
    "door_held_open": {"devices": {"door": {"open": True, "open_s": 600.0}}},
}


def post(url: str, token: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(
        f"{url}/api/v1/heartbeat",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=T,
    )


def admin_get(url: str, admin: str, path: str, **params: Any) -> Any:
    r = requests.get(
        f"{url}{path}", params=params, headers={"Authorization": f"Bearer {admin}"}, timeout=T
    )
    assert r.status_code == 200, (path, r.status_code, r.text)
    return r.json()


def login(url: str, admin: str) -> requests.Session:
    """A browser-like session logged in to the fleet pages."""
    session = requests.Session()
    r = session.post(
        f"{url}/fleet/login", data={"credential": admin}, timeout=T, allow_redirects=False
    )
    assert r.status_code == 303 and r.headers["Location"] == "/fleet", r.text
    return session
