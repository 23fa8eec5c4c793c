"""Per-type payload rules for intake: an event whose payload breaks them is rejected
with the reason (and kept as a dead letter at the kiosk), never half-applied."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from kiosk.backend.bounds import MAX_PAYLOAD_BYTES, Day, PlausibleDatetime
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
    day: Day
    language: Literal["fr", "nl", "en"]
    issued_at: PlausibleDatetime


class CertificateRequested(Payload):
    request_id: Id36
    service_id: ServiceId
    reference: Annotated[str, Field(min_length=1, max_length=64)]
    national_number: NationalNumber
    delivery: Literal["portal", "post"]
    language: Literal["fr", "nl", "en"]
    submitted_at: PlausibleDatetime


class PaymentCompleted(Payload):
    payment_id: Id36
    request_id: Id36 | None = None
    method: Literal["card", "cash"]
    # Strict: a JSON integer; "500", true and 5.0 are refused (true became a 1-cent line).
    amount_cents: Annotated[StrictInt, Field(ge=0, le=10_000_000)]
    day: Day
    completed_at: PlausibleDatetime


class AttendanceCounted(Payload):
    """People in and out at a library entrance in one period (counts only)."""

    period_start: PlausibleDatetime
    period_min: Literal[5, 10, 15, 30, 60]
    entries: Annotated[int, Field(ge=0, le=100_000)]
    exits: Annotated[int, Field(ge=0, le=100_000)]


# A citizen's personal data in a payload: the backend keeps it (encrypted) but never
# gives it back to a kiosk credential alone (GET /events/{id} withholds it).
PERSONAL_FIELDS = frozenset({"national_number"})

PAYLOADS: dict[str, type[Payload]] = {
    "queue_ticket.issued": QueueTicketIssued,
    "certificate_request.submitted": CertificateRequested,
    "payment.completed": PaymentCompleted,
    "attendance.counted": AttendanceCounted,
}


class PayloadError(ValueError):
    """The reason an event is rejected."""


def compact_json(payload: dict[str, object]) -> bytes:
    """The payload as compact UTF-8 JSON: how it is stored, and what its size means."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def payload_size(payload: dict[str, object]) -> int:
    """The payload's size as compact UTF-8 JSON (how it is stored)."""
    return len(compact_json(payload))


def parse_payload(event_type: str, payload: dict[str, object],
                  size: int | None = None) -> Payload:
    """The typed payload; ``size``: its :func:`payload_size` when the caller has it."""
    model = PAYLOADS.get(event_type)
    if model is None:
        raise PayloadError(f"unknown event type {event_type!r}")
    size = payload_size(payload) if size is None else size
    if size > MAX_PAYLOAD_BYTES:
        raise PayloadError(f"payload is {size} bytes; at most {MAX_PAYLOAD_BYTES} bytes")
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "payload"
        # The message names the field, never echoes the value (it may be personal data).
        raise PayloadError(f"payload.{where}: {first['msg']}"
                           f"{f' (+{exc.error_count() - 1} more)' if exc.error_count() > 1 else ''}"
                           ) from None
