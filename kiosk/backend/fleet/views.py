"""Rows to API models: a kiosk's state, an alert, a remote configuration entry, and
what of the central configuration a kiosk still needs to be sent."""

from __future__ import annotations

from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.rules import OFFLINE, status_of
from kiosk.backend.fleet.tables import AlertRow, FleetKioskRow, RemoteConfigRow


def to_send(
    desired: schemas.RemoteConfig, kiosk: schemas.RemoteConfigState
) -> schemas.RemoteConfig | None:
    """Only what the kiosk has not already applied, queued or refused."""
    if desired.version in (kiosk.applied, kiosk.pending, kiosk.refused):
        return None
    if not desired.values and kiosk.applied is None and kiosk.pending is None:
        return None  # nothing set centrally, nothing to undo on the kiosk
    return desired


def kiosk_state(row: FleetKioskRow, open_rules: list[str]) -> schemas.KioskState:
    body = row.state or {}
    devices = body.get("devices") or {}
    printer, cash = devices.get("printer"), devices.get("cash")
    outbox = body.get("outbox") or {}
    return schemas.KioskState(
        kiosk_id=row.kiosk_id,
        site=row.site,
        status=status_of(row.offline, [r for r in open_rules if r != OFFLINE], body),
        last_heartbeat_at=row.last_heartbeat_at,
        interval_s=row.interval_s,
        software_version=row.software_version,
        config_version=row.config_version,
        paper=(printer or {}).get("paper", "unknown") if printer else "no printer",
        cashbox_fill_pct=(cash or {}).get("cashbox_fill_pct"),
        change_cents=cash.get("change_cents") if cash else None,
        outbox_pending=outbox.get("pending", 0),
        oldest_pending_age_s=outbox.get("oldest_pending_age_s"),
        dead_letters=outbox.get("dead_letters", 0),
        open_alerts=open_rules,
        remote_config=body.get("remote_config") or {},
        update=body.get("update") or {},
        heartbeats=row.heartbeats or 0,
    )


def alert_of(a: AlertRow) -> schemas.Alert:
    return schemas.Alert(
        id=a.id,
        kiosk_id=a.kiosk_id,
        site=a.site,
        rule=a.rule,
        severity=a.severity,
        detail=a.detail,
        opened_at=a.opened_at,
        last_seen_at=a.last_seen_at,
        resolved_at=a.resolved_at,
    )


def entry_of(row: RemoteConfigRow) -> schemas.RemoteConfigEntry:
    return schemas.RemoteConfigEntry(
        scope=row.scope,
        target=row.target,
        values=row.values,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )
