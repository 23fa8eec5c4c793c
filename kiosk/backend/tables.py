"""The backend's tables (SQLAlchemy 2.0 typed models); one schema for SQLite and PostgreSQL.

These are the central platform's tables, separate from the kiosk's local store.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.backend.crypto_fields import BlindIndex, Sealed, SealedBytes, SealedDate, SealedJSON
from kiosk.store.types import UtcDateTime


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {
        dict[str, Any]: JSON, datetime: UtcDateTime(), date: Date(), int: Integer()}


class Credential(Base):
    """A device's or an administrator's credential; only a hash of the secret is kept."""

    __tablename__ = "credentials"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the kiosk id for devices
    role: Mapped[str] = mapped_column(String(16))  # device | admin
    site: Mapped[str | None] = mapped_column(String(64))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)
    # None: valid until revoked.
    expires_at: Mapped[datetime | None] = mapped_column(default=None)


class EventRow(Base):
    """An event accepted from a kiosk; ``event_id`` is the idempotency key."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_device_seq", "device_id", "seq"),)

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64))
    site: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(64))
    kiosk_time: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger)
    # Encrypted: a certificate request's payload carries the citizen's national number.
    payload: Mapped[dict[str, Any]] = mapped_column(SealedJSON("events.payload"))
    body_hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]


class SiteRow(Base):
    __tablename__ = "sites"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Brussels")


class CitizenRow(Base):
    """A citizen: looked up by a keyed hash of the national number; every personal
    field encrypted (crypto_fields). Reading ``national_number`` gives the hash; the
    number itself is ``sealed_number``."""

    __tablename__ = "citizens"

    national_number: Mapped[str] = mapped_column(BlindIndex(), primary_key=True)
    sealed_number: Mapped[str | None] = mapped_column(Sealed("citizens.sealed_number"))
    surname: Mapped[str] = mapped_column(Sealed("citizens.surname"))
    first_names: Mapped[str] = mapped_column(Sealed("citizens.first_names"))
    birth_date: Mapped[date] = mapped_column(SealedDate("citizens.birth_date"))
    street: Mapped[str] = mapped_column(Sealed("citizens.street"))
    postcode: Mapped[str] = mapped_column(Sealed("citizens.postcode"))
    municipality: Mapped[str] = mapped_column(Sealed("citizens.municipality"))
    household_id: Mapped[str] = mapped_column(String(36), index=True)


class CaseRow(Base):
    """A citizen's request as the city handles it: received → … → delivered/rejected."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    national_number: Mapped[str] = mapped_column(BlindIndex(), index=True)  # a keyed hash
    service_id: Mapped[str] = mapped_column(String(64))
    site: Mapped[str] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CaseHistoryRow(Base):
    __tablename__ = "case_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]


class CertificateRequestRow(Base):
    """What the citizen asked for at the kiosk, kept beside the case: the kiosk that may
    fetch the document, the reference printed on it and the language it is issued in."""

    __tablename__ = "certificate_requests"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    kiosk_id: Mapped[str | None] = mapped_column(String(64))  # None: not from a kiosk
    reference: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(2))  # fr | nl | en


class DocumentRow(Base):
    """The certificate issued when a case became ready: stored once, served as is."""

    __tablename__ = "documents"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    verification_code: Mapped[str] = mapped_column(String(32), unique=True)
    issued_at: Mapped[datetime]
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(SealedBytes("documents.pdf"))  # names, numbers
    # Sealed documents: the public id in the verification URL, and what the public page
    # may show. Nullable: documents issued before sealing have none.
    document_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    service_id: Mapped[str | None] = mapped_column(String(64))
    reference: Mapped[str | None] = mapped_column(String(64))
    valid_until: Mapped[date | None]
    sealed: Mapped[bool | None]
    revoked_at: Mapped[datetime | None]


class SlotRow(Base):
    """A bookable appointment slot at a site's counter (capacity one)."""

    __tablename__ = "slots"
    __table_args__ = (Index("ix_slots_site_start", "site", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(String(64))
    counter: Mapped[str] = mapped_column(String(64))
    service_id: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime]
    minutes: Mapped[int] = mapped_column(Integer, default=15)


class BookingRow(Base):
    """One booking per slot: the unique slot id is what makes double-booking impossible,
    whatever the number of app processes or concurrent requests."""

    __tablename__ = "bookings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id"), unique=True)
    national_number: Mapped[str] = mapped_column(BlindIndex(), index=True)  # a keyed hash
    device_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class QueueTicketRow(Base):
    __tablename__ = "queue_tickets"
    __table_args__ = (Index("ix_queue_tickets_site_day", "site", "day"),)

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    desk: Mapped[str] = mapped_column(String(64))
    number: Mapped[str] = mapped_column(String(16))
    day: Mapped[date]
    issued_at: Mapped[datetime]


class PaymentRow(Base):
    """The payments ledger: one row per completed payment, per kiosk and day."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_kiosk_day", "kiosk_id", "day"),)

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    payment_id: Mapped[str] = mapped_column(String(36), unique=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    site: Mapped[str] = mapped_column(String(64))
    day: Mapped[date]
    method: Mapped[str] = mapped_column(String(8))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    request_id: Mapped[str | None] = mapped_column(String(36))
    completed_at: Mapped[datetime]


class CardChallengeRow(Base):
    """An open card-session challenge (single use, short-lived), in the database so that
    every worker process of the backend knows it (``serve --workers N``)."""

    __tablename__ = "card_challenges"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(64))  # base64 of the random challenge
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)

    __table_args__ = (Index("ix_card_challenges_kiosk", "kiosk_id", "created_at"),)


class CardSessionRow(Base):
    """A live card session: the token's SHA-256 (never the token), the kiosk it is bound
    to, the card's certificate hash and the citizen's national number (sealed)."""

    __tablename__ = "card_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    cert_sha256: Mapped[str] = mapped_column(String(64))
    national_number: Mapped[str] = mapped_column(Sealed("card_sessions.national_number"))
    expires_at: Mapped[datetime] = mapped_column(index=True)
