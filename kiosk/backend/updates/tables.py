"""The updates' tables, on the backend's metadata (created with the rest of the schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.backend.tables import Base

RowId = BigInteger().with_variant(Integer(), "sqlite")


class UpdateBundleRow(Base):
    """An uploaded release bundle (its bytes: :class:`UpdateBundleChunkRow`)."""

    __tablename__ = "update_bundles"

    version: Mapped[str] = mapped_column(String(32), primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime]
    uploaded_by: Mapped[str] = mapped_column(String(64))


class RolloutRow(Base):
    """Central IT's plan: one version, waves of kiosks, the wave reached so far."""

    __tablename__ = "update_rollouts"

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(32))
    waves: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    wave: Mapped[int] = mapped_column(Integer, default=0)  # index of the open wave
    status: Mapped[str] = mapped_column(String(16))  # active|halted|completed|superseded
    halted_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(64))


class KioskUpdateRow(Base):
    """A kiosk's latest update state as it reported it."""

    __tablename__ = "update_kiosk_states"

    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site: Mapped[str] = mapped_column(String(64))
    version: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    current: Mapped[str | None] = mapped_column(String(32))
    rollout_id: Mapped[int | None] = mapped_column(RowId)
    # A version central IT unblocked that this kiosk still has blocked.
    unblock: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime]


class UpdateBundleChunkRow(Base):
    """A bundle's bytes in 1 MiB pieces: any backend instance serves any byte range from
    the database (SQLite or PostgreSQL), with no shared file system to set up."""

    __tablename__ = "update_bundle_chunks"

    version: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
