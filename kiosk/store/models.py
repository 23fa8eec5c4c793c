"""The local store's tables as SQLAlchemy 2.0 typed models.

Domain code does not pass these rows around: repositories convert them to domain
objects, so the ORM stays inside kiosk.store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.store.types import EncryptedJSON, EncryptedText, UtcDateTime


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dict[str, Any]: JSON, datetime: UtcDateTime()}


class RequestRow(Base):
    """A citizen request committed at this kiosk (ticket, certificate request, …)."""

    __tablename__ = "requests"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    service_id: Mapped[str] = mapped_column(String(64))
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    site: Mapped[str] = mapped_column(String(64))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(16), default="committed")
    # Only what the request needs; never the photo, never more of the card than asked.
    # Encrypted at rest (kiosk/store/crypto.py, migration 0009), like every personal column.
    payload: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON("requests.payload"))
    created_at: Mapped[datetime]
    # When the retention purge first found every event of this request delivered
    # (migration 0008_privacy); personal data goes retention_days after it.
    synced_at: Mapped[datetime | None]


class OutboxEvent(Base):
    """An event waiting to reach the backend; ``event_id`` is the idempotency key."""

    __tablename__ = "outbox"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    type: Mapped[str] = mapped_column(String(64))
    # Decrypted when read, so the relay sends the backend plain JSON (over TLS).
    payload: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON("outbox.payload"))
    request_id: Mapped[str | None] = mapped_column(ForeignKey("requests.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Backend error texts can echo payload fields: encrypted at rest (migration 0011).
    last_error: Mapped[str | None] = mapped_column(EncryptedText("outbox.last_error", "TEXT"))
    # pending → sent | rejected (rejected events are kept, with the reason)
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    # The kiosk's monotonic event number, set by a database trigger at insert (migration
    # 0003): it orders events even when the wall clock jumps.
    seq: Mapped[int | None] = mapped_column(Integer, unique=True, index=True)
    # Why the backend refused the event (state "rejected"): a dead letter, kept for
    # technicians and central IT, never retried or dropped.
    dead_letter_reason: Mapped[str | None] = mapped_column(
        EncryptedText("outbox.dead_letter_reason", "TEXT")
    )
    dead_lettered_at: Mapped[datetime | None]


class OutboxSequence(Base):
    """The one row holding the last outbox sequence number handed out."""

    __tablename__ = "outbox_sequence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer)


class SyncState(Base):
    """Small documents the sync process shares with the UI process: connectivity, the
    cached reference data and its ETag."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The sync status carries the backend's error texts, which can echo citizen data:
    # encrypted at rest, like every document here (migration 0011).
    value: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON("sync_state.value"))
    updated_at: Mapped[datetime]


class PaymentJournalEntry(Base):
    """One committed step of a payment: intent → device result → completion.

    ``(payment_id, step, seq)`` is unique, so recording a step twice (a retry after a
    crash) is a no-op; ``seq`` numbers the steps a payment has several of (cash credits,
    payouts, reversal attempts) and is 0 for the others (migration 0004).
    """

    __tablename__ = "payment_journal"
    __table_args__ = (
        Index("ux_payment_journal_step", "payment_id", "step", "seq", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    payment_id: Mapped[str] = mapped_column(String(36), index=True)
    request_id: Mapped[str | None] = mapped_column(ForeignKey("requests.id"))
    step: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    method: Mapped[str] = mapped_column(String(16))
    amount_cents: Mapped[int] = mapped_column(Integer)
    # Payment references, terminal receipts, card data: encrypted at rest.
    detail: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON("payment_journal.detail"))
    created_at: Mapped[datetime]


class PrintedReceipt(Base):
    """A receipt as stored before it is sent to the printer, so it can be reprinted."""

    __tablename__ = "printed_receipts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    request_id: Mapped[str | None] = mapped_column(ForeignKey("requests.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(2))
    # Receipts name the citizen (certificates, appointments): encrypted at rest.
    document: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON("printed_receipts.document"))
    # pending → printed | failed (a failed receipt is owed to the citizen)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime]
    printed_at: Mapped[datetime | None]


class DocumentPrint(Base):
    """A sealed certificate printed on the A4 printer after payment (migration 0012):
    pending → printed | owed. Keeps neither the PDF nor personal data: an owed document
    is fetched again from the backend (served as issued) and reprinted by a technician."""

    __tablename__ = "document_prints"

    request_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reference: Mapped[str] = mapped_column(String(64))
    service_id: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(16), index=True)
    document_id: Mapped[str | None] = mapped_column(String(36))
    job_id: Mapped[int | None] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime]
    printed_at: Mapped[datetime | None]


class TicketCounter(Base):
    """The last queue number handed out per site, desk and day."""

    __tablename__ = "ticket_counters"

    site: Mapped[str] = mapped_column(String(64), primary_key=True)
    desk: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # ISO date, local time
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class LibraryTransaction(Base):
    """A checkout or checkin done while the library system did not answer (migration
    0005), replayed in ``seq`` order once it is back: pending → sending → replayed |
    refused. "sending" means the request may have reached the library system (a crash
    or a lost answer): the replay checks before it sends again."""

    __tablename__ = "library_transactions"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    txn_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # checkout | checkin
    # The card barcode or eID token the replay sends; cleared once replayed. Encrypted.
    patron_identifier: Mapped[str | None] = mapped_column(
        EncryptedText("library_transactions.patron_identifier")
    )
    patron_key: Mapped[str | None] = mapped_column(String(32), index=True)
    item_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime]
    due_date: Mapped[str | None] = mapped_column(String(10))  # provisional, ISO
    state: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reason: Mapped[str | None] = mapped_column(Text)
    replayed_at: Mapped[datetime | None]


class LibraryPatronCache(Base):
    """Patrons identified online recently, by keyed hash only: who may borrow offline."""

    __tablename__ = "library_patron_cache"

    patron_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    blocked: Mapped[bool]
    seen_at: Mapped[datetime]


class LibraryTitleCache(Base):
    """Titles of items the library system named while it answered (migration
    0013_library_titles), so a loan or return done offline shows a title, not a barcode.
    Item data only: no patron, no loan, nothing that says who borrowed what. Bounded:
    the least recently seen go first (kiosk/library/titles.py)."""

    __tablename__ = "library_title_cache"

    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    seen_at: Mapped[datetime] = mapped_column(index=True)


class LibraryStaffReport(Base):
    """Something library staff must settle by hand: an offline transaction the library
    system refused at replay, or a fee payment whose recording is uncertain."""

    __tablename__ = "library_staff_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(String(36), unique=True)  # txn or payment id
    kind: Mapped[str] = mapped_column(String(32))
    item_id: Mapped[str | None] = mapped_column(String(64))
    patron_identifier: Mapped[str | None] = mapped_column(
        EncryptedText("library_staff_report.patron_identifier")
    )
    patron_label: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime]
    reported_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]


class AuditLogRow(Base):
    """One link of the audit log's hash chain (kiosk/audit, migration 0007_audit).

    Append-only: database triggers refuse UPDATE and DELETE and any INSERT that does not
    extend the chain. ``details`` is the canonical JSON text exactly as hashed.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    time: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(64), index=True)
    actor: Mapped[str] = mapped_column(String(128))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class StoreKeyCheck(Base):
    """One known value encrypted with the store key (migration 0009): opening the store
    with another key fails at once, naming the key file, not at the first citizen row."""

    __tablename__ = "store_key_check"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    canary: Mapped[bytes] = mapped_column(LargeBinary)
