"""Per-type payload rules for intake: an event whose payload breaks them is rejected
with the reason (and kept as a dead letter at the kiosk), never half-applied."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from kiosk.backend.schemas import DeviceId, NationalNumber, ServiceId, SiteId

Id36 = Annotated[str, Field(min_length=1, max_length=36)]


class Payload(BaseModel):
    # Kiosks may add fields over time; unknown ones are kept in the event, not refused.
    model_config = ConfigDict(extra="ignore")

    site: SiteId
    kiosk_id: DeviceId


class QueueTicketIssued(Payload):
    request_id: Id36
    desk: Annotated[str, Field(min_length=1, max_length=64)]
    number: Annotated[str, Field(min_length=1, max_length=16)]
    day: date
    language: Literal["fr", "nl", "en"]
    issued_at: AwareDatetime


class CertificateRequested(Payload):
    request_id: Id36
    service_id: ServiceId
    reference: Annotated[str, Field(min_length=1, max_length=64)]
    national_number: NationalNumber
    delivery: Literal["portal", "post"]
    language: Literal["fr", "nl", "en"]
    submitted_at: AwareDatetime


class PaymentCompleted(Payload):
    payment_id: Id36
    request_id: Id36 | None = None
    method: Literal["card", "cash"]
    amount_cents: Annotated[int, Field(ge=0, le=10_000_000)]
    day: date
    completed_at: AwareDatetime


class AttendanceCounted(Payload):
    """People in and out at a library entrance in one period (counts only)."""

    period_start: AwareDatetime
    period_min: Literal[5, 10, 15, 30, 60]
    entries: Annotated[int, Field(ge=0, le=100_000)]
    exits: Annotated[int, Field(ge=0, le=100_000)]


PAYLOADS: dict[str, type[Payload]] = {
    "queue_ticket.issued": QueueTicketIssued,
    "certificate_request.submitted": CertificateRequested,
    "payment.completed": PaymentCompleted,
    "attendance.counted": AttendanceCounted,
}


class PayloadError(ValueError):
    """The reason an event is rejected."""


def parse_payload(event_type: str, payload: dict[str, object]) -> Payload:
    model = PAYLOADS.get(event_type)
    if model is None:
        raise PayloadError(f"unknown event type {event_type!r}")
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "payload"
        # The message names the field, never echoes the value (it may be personal data).
        raise PayloadError(f"payload.{where}: {first['msg']}"
                           f"{f' (+{exc.error_count() - 1} more)' if exc.error_count() > 1 else ''}"
                           ) from None
