"""A paid certificate request to deliver at the kiosk, committed with its outbox event in
one transaction (what the payment saga's completion writes for a request)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from kiosk.documents.delivery import DocumentRequest
from kiosk.domain.certificates import EVENT_TYPE
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent, RequestRow


def commit_certificate_request(store: Store, *, kiosk_id: str, site: str, service_id: str,
                               national_number: str, language: str, reference: str,
                               now: datetime | None = None) -> DocumentRequest:
    """The request row and its ``certificate_request.submitted`` event (delivery by
    portal: where the document goes if the kiosk cannot print it)."""
    now = now or datetime.now(UTC)
    request_id = str(uuid.uuid4())
    payload = {"request_id": request_id, "site": site, "kiosk_id": kiosk_id,
               "service_id": service_id, "national_number": national_number,
               "language": language, "reference": reference, "delivery": "portal",
               "submitted_at": now.isoformat()}
    with store.write() as session:
        session.add(RequestRow(id=request_id, kind="certificate", service_id=service_id,
                               reference=reference, site=site, kiosk_id=kiosk_id,
                               language=language, status="committed", payload=payload,
                               created_at=now))
        session.flush()
        session.add(OutboxEvent(event_id=str(uuid.uuid4()), type=EVENT_TYPE,
                                request_id=request_id, payload=payload, created_at=now,
                                attempts=0, state="pending"))
    return DocumentRequest(request_id, reference, service_id, language)
