"""The HTTP contract's bodies (pydantic): what /openapi.json describes.

Every string is bounded and every identifier has a pattern, so malformed input is a
422 that says where, never a database error.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from kiosk.backend.bounds import MAX_PAYLOAD_BYTES, PlausibleDatetime, json_int

SiteId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
DeviceId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
NationalNumber = Annotated[str, Field(pattern=r"^[0-9]{11}$")]
ServiceId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
EventType = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}\.[a-z][a-z0-9_]{0,31}$")]
# 2**53: exact in JSON numbers everywhere, and fits PostgreSQL's bigint. A JSON integer,
# never "1" or true (bounds.json_integer).
Seq = json_int(ge=0, le=2**53)

EventStatus = Literal["accepted", "duplicate", "rejected"]
CaseStatus = Literal["received", "in_progress", "ready", "delivered", "rejected"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Event(Strict):
    """One kiosk event: ``event_id`` is the idempotency key; ``kiosk_time`` and ``seq``
    are the kiosk's clock and its monotonic counter."""

    event_id: UUID
    type: EventType
    kiosk_time: PlausibleDatetime
    seq: Seq
    payload: Annotated[dict[str, Any], Field(description=(
        f"The event's data, at most {MAX_PAYLOAD_BYTES} bytes as compact UTF-8 JSON; a "
        "larger payload is rejected for this event (the rest of the batch goes on)."))]


class EventBatch(Strict):
    events: Annotated[list[Event], Field(min_length=1, max_length=500)]


class EventResult(BaseModel):
    event_id: UUID
    status: EventStatus
    reason: str | None = None


class EventBatchResult(BaseModel):
    received_at: datetime
    results: list[EventResult]


class StoredEvent(BaseModel):
    event_id: UUID
    type: str
    kiosk_time: datetime
    seq: int
    payload: dict[str, Any]
    received_at: datetime


class Texts(BaseModel):
    fr: str
    nl: str
    en: str


class ServiceOut(BaseModel):
    id: str
    kind: str
    name: Texts
    description: Texts
    fee_cents: int
    needs_eid: bool
    works_offline: bool
    issued_at_once: bool = Field(
        False, description="A certificate issued while the citizen waits "
        "(POST /api/v1/certificate-requests/{id}/document); the others by portal or post.")


class DeskOut(BaseModel):
    id: str
    prefix: str
    name: Texts


class SiteOut(BaseModel):
    id: str
    name: str
    timezone: str


class Catalog(BaseModel):
    """Reference data a kiosk caches: services (fees, texts), desks and sites."""

    services: list[ServiceOut]
    desks: list[DeskOut]
    sites: list[SiteOut]


class HouseholdMember(BaseModel):
    surname: str
    first_names: str
    birth_date: date


class Citizen(BaseModel):
    national_number: str
    surname: str
    first_names: str
    birth_date: date
    street: str
    postcode: str
    municipality: str
    household: list[HouseholdMember]


class CaseEvent(BaseModel):
    status: CaseStatus
    at: datetime
    note: str


class Case(BaseModel):
    id: str
    service_id: str
    site: str
    status: CaseStatus
    created_at: datetime
    updated_at: datetime
    history: list[CaseEvent]


class CaseTransition(Strict):
    status: CaseStatus
    note: Annotated[str, Field(max_length=500)] = ""


class Slot(BaseModel):
    id: int
    counter: str
    service_id: str
    starts_at: datetime
    minutes: int
    free: bool


class CaseLookup(Strict):
    """Whose cases: in the body, never in the URL (paths end up in access logs)."""

    national_number: NationalNumber


class CaseByReference(Strict):
    """A case QR's reference and verification code (kiosk.domain.cases)."""

    reference: Annotated[str, Field(pattern=r"^[A-Z0-9][A-Z0-9-]{0,63}$")]
    code: Annotated[str, Field(pattern=r"^[A-Z2-7]{8}$")]


class BookingRequest(Strict):
    slot_id: json_int(ge=1, le=2**31 - 1)  # type: ignore[valid-type]
    national_number: NationalNumber


class Booking(BaseModel):
    id: str
    slot_id: int
    site: str
    counter: str
    service_id: str
    starts_at: datetime


class QueueTicket(BaseModel):
    kiosk_id: str
    desk: str
    number: str
    issued_at: datetime


class LedgerEntry(BaseModel):
    payment_id: str
    method: str
    amount_cents: int
    request_id: str | None
    completed_at: datetime


class Ledger(BaseModel):
    kiosk_id: str
    day: date
    total_cents: int
    count: int
    entries: list[LedgerEntry]


class DeviceRequest(Strict):
    site: SiteId
    kiosk_id: DeviceId | None = None


class DeviceCredential(BaseModel):
    kiosk_id: str
    site: str
    token: str


class EventCount(BaseModel):
    kiosk_id: str
    events: int


class Health(BaseModel):
    status: Literal["ok"]
    time: datetime


class DocumentStatus(BaseModel):
    """What the public verification of a sealed document shows: never personal data."""

    document_id: str
    kind: str
    service_id: str
    reference: str
    issued_on: date
    valid_until: date | None
    sealed: bool
    revoked: bool
    verdict: Literal["genuine", "expired", "revoked"]
    sha256: str


class Problem(BaseModel):
    detail: str


class EnrolRequest(Strict):
    """Who is enrolling; the one-time enrolment token comes as the Bearer credential."""

    site: SiteId
    kiosk_id: DeviceId | None = None


class Enrolled(BaseModel):
    kiosk_id: str
    site: str
    token: str  # the device credential (kb1.<id>.<secret>), shown once
    replaced: bool  # True: an earlier credential of this kiosk was revoked
