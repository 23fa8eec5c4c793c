"""The fleet's settings and the values its parts pass around: alert changes for the
routing, update news for the rollouts, remote configuration versions. No database."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from kiosk.backend.fleet.rules import Thresholds


@dataclass(frozen=True)
class FleetSettings:
    thresholds: Thresholds = field(default_factory=Thresholds)
    history_retention: timedelta = timedelta(days=7)
    # Heartbeats also sweep for silent kiosks, at most this often (besides every read,
    # every scrape and the background sweeper of a served app).
    sweep_every_s: float = 5.0
    # Remote configuration is read from the database at most this often by heartbeats
    # (set or deleted through this service: at once). Another backend process's change
    # reaches kiosks within this time, well under a heartbeat interval.
    remote_config_cache_s: float = 5.0
    # History keeps state changes, not every heartbeat: a heartbeat is written when the
    # kiosk's status or its true rules changed, else at most once per this many seconds
    # per kiosk (a sample for the charts). At 10,000 kiosks every 10 s that is ~33 rows
    # a second instead of 1,000.
    history_sample_s: float = 300.0


def config_version(values: dict[str, Any]) -> str:
    """A content hash: the same values give the same version on every backend."""
    text = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def merge_values(*layers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Later layers win key by key within a section (site first, then the kiosk)."""
    merged: dict[str, dict[str, Any]] = {}
    for layer in layers:
        for section, values in layer.items():
            merged.setdefault(section, {}).update(values)
    return merged


THRESHOLDS_KEY = "thresholds"
SILENCES_KEY = "silences"


@dataclass(frozen=True)
class AlertChange:
    """An alert opened or resolved, for whoever routes alerts to people."""

    kind: str  # opened | resolved
    kiosk_id: str
    site: str
    rule: str
    severity: str
    detail: str
    at: datetime


# Told of alerts opened and resolved, after they are committed; must not block.
AlertSink = Callable[[list[AlertChange]], None]

# Told of a kiosk's changed software-update section: (kiosk id, site, section).
UpdateReporter = Callable[[str, str, dict[str, Any]], None]
# What makes an update section news for the rollouts (not its blocked list, its time).
_UPDATE_NEWS = ("state", "version", "reason", "current")


def update_news(previous: Any, body: dict[str, Any]) -> dict[str, Any] | None:
    """The heartbeat's update section when it changed since the kiosk's last heartbeat
    (so ten heartbeats carrying one rollback report it once), else None."""
    section = body.get("update")
    if not section or not section.get("version"):
        return None
    before = previous.get("update") if isinstance(previous, dict) else None
    if isinstance(before, dict) and all(before.get(k) == section.get(k) for k in _UPDATE_NEWS):
        return None
    return section

