"""The fleet's tables, on the backend's metadata (created with the rest of the schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Float, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.backend.tables import Base

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a bigint.
RowId = BigInteger().with_variant(Integer(), "sqlite")


class FleetKioskRow(Base):
    """One kiosk as central IT sees it: the latest heartbeat and when it goes silent."""

    __tablename__ = "fleet_kiosks"
    # No index on a column every heartbeat changes (silent_after, last_heartbeat_at…):
    # PostgreSQL then updates the row in place (HOT); migration 0006.

    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site: Mapped[str] = mapped_column(String(64), index=True)
    first_seen_at: Mapped[datetime]
    last_heartbeat_at: Mapped[datetime]
    # last heartbeat + 3 intervals: past this the kiosk is offline (the sweep reads it).
    silent_after: Mapped[datetime]
    interval_s: Mapped[float] = mapped_column(Float)
    offline: Mapped[bool] = mapped_column(default=False)
    software_version: Mapped[str] = mapped_column(String(64))
    config_version: Mapped[str] = mapped_column(String(64))
    state: Mapped[dict[str, Any]]  # the last heartbeat's body
    heartbeats: Mapped[int] = mapped_column(BigInteger, default=0)


class HeartbeatRow(Base):
    """History: every heartbeat received (pruned after the retention period)."""

    __tablename__ = "fleet_heartbeats"
    __table_args__ = (Index("ix_fleet_heartbeats_kiosk_at", "kiosk_id", "received_at"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16))
    body: Mapped[dict[str, Any]]


class AlertRow(Base):
    """An alert: opened when its rule became true, resolved when it stopped being true."""

    __tablename__ = "fleet_alerts"
    __table_args__ = (Index("ix_fleet_alerts_kiosk_open", "kiosk_id", "resolved_at"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    site: Mapped[str] = mapped_column(String(64))
    rule: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(String(300))
    opened_at: Mapped[datetime] = mapped_column(index=True)
    last_seen_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None] = mapped_column(index=True)


class RemoteConfigRow(Base):
    """Values central IT set for a whole site or for one kiosk (the kiosk's win)."""

    __tablename__ = "fleet_remote_config"

    scope: Mapped[str] = mapped_column(String(8), primary_key=True)  # site | kiosk
    target: Mapped[str] = mapped_column(String(64), primary_key=True)
    values: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(64))


class FleetSettingRow(Base):
    """Settings central IT changes at run time (the alert thresholds, the routing's
    quiet hours and maintenance windows): one JSON document per key."""

    __tablename__ = "fleet_settings"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(64))


class ActionRow(Base):
    """A remote action central IT asked of a kiosk: who asked and when (the audit),
    where it stands, and what the kiosk answered (a screenshot as PNG bytes)."""

    __tablename__ = "fleet_actions"
    __table_args__ = (Index("ix_fleet_actions_kiosk_state", "kiosk_id", "state"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime]
    deadline_at: Mapped[datetime]
    # queued → delivered (in a heartbeat answer) → waiting (the kiosk says why) →
    # done | failed; timed_out when the kiosk never answered before the deadline.
    state: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime]
    output: Mapped[str | None] = mapped_column(Text, default=None)
    screenshot: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)


class AlertDeliveryRow(Base):
    """An alert change still to be sent on one channel (e-mail, webhook): the routing's
    queue, kept in the database so a backend restart does not lose it. Deleted once
    sent or given up. ``claimed_by``/``claimed_until``: the backend process sending it
    (a lease it renews; another process takes over rows whose lease ran out)."""

    __tablename__ = "fleet_alert_deliveries"
    __table_args__ = (Index("ix_fleet_alert_deliveries_claim", "claimed_until"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))  # opened | resolved
    kiosk_id: Mapped[str] = mapped_column(String(64))
    site: Mapped[str] = mapped_column(String(64))
    rule: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime]
    claimed_by: Mapped[str] = mapped_column(String(64))
    claimed_until: Mapped[datetime]
