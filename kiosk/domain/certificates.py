"""Certificate requests: committed with their outbox event and confirmation receipt in
one transaction, then the confirmation is printed."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kiosk.domain.cases import case_qr_payload
from kiosk.domain.catalog import Catalog, ServiceKind
from kiosk.domain.fulfilment import Handler
from kiosk.domain.queue import Site
from kiosk.i18n import Translator
from kiosk.printing.spool import ReceiptSpool
from kiosk.receipts.layout import ReceiptHeader
from kiosk.receipts.templates import RequestConfirmation, request_confirmation_receipt
from kiosk.store.counters import next_number
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent, RequestRow

log = logging.getLogger(__name__)

Delivery = Literal["portal", "post"]
DELIVERIES: tuple[Delivery, ...] = ("portal", "post")
EVENT_TYPE = "certificate_request.submitted"


@dataclass(frozen=True)
class StagedRequest:
    request_id: str
    reference: str
    receipt_id: str


@dataclass(frozen=True)
class CertificateOutcome:
    reference: str
    printed: bool
    print_error: str = ""
    request_id: str = ""  # for the A4 printer: the document of this request


class CertificateService:
    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        site: Site,
        spool: ReceiptSpool,
        follow_url_template: str,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._catalog = catalog
        self._site = site
        self._spool = spool
        self._follow_url_template = follow_url_template
        self._now = now
        self._zone = ZoneInfo(site.timezone)
        self._online: Callable[[], bool] = lambda: True

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def watch_platform(self, online: Callable[[], bool]) -> None:
        """While ``online()`` is false, confirmations say the request waits to be sent."""
        self._online = online

    def stage(self, session: Session, *, service_id: str, national_number: str,
              delivery: str, language: str, payment: Mapping[str, Any] | None = None,
              ) -> StagedRequest:
        """Write the request, its outbox event and its confirmation receipt in the
        caller's transaction (the payment saga's completion uses this too)."""
        service = self._catalog.service(service_id)
        if service.kind != ServiceKind.CERTIFICATE:
            raise ValueError(f"{service_id!r} is not a certificate")
        if delivery not in DELIVERIES:
            raise ValueError(f"unknown delivery {delivery!r}; use one of {DELIVERIES}")
        if not national_number.isdigit() or len(national_number) != 11:
            raise ValueError("a national number has 11 digits")
        submitted_at = self._now().astimezone(UTC)
        local = submitted_at.astimezone(self._zone)
        day = local.date().isoformat()
        number = next_number(session, self._site.id, "certificate", day)
        reference = f"{self._site.id.upper()}-{local:%Y%m%d}-{number:04d}"
        request_id, event_id = str(uuid.uuid4()), str(uuid.uuid4())
        # Only what the city needs to deliver the certificate: who (national number),
        # what, how. Names, address and photo stay on the card.
        payload: dict[str, Any] = {
            "service_id": service_id, "reference": reference, "delivery": delivery,
            "language": language, "national_number": national_number,
            "site": self._site.id, "kiosk_id": self._site.kiosk_id,
            "submitted_at": submitted_at.isoformat(),
        }
        if payment:
            payload["payment"] = dict(payment)
        session.add(RequestRow(
            id=request_id, kind="certificate_request", service_id=service_id,
            reference=reference, site=self._site.id, kiosk_id=self._site.kiosk_id,
            language=language, status="committed", payload=payload, created_at=submitted_at))
        session.flush()
        session.add(OutboxEvent(
            event_id=event_id, type=EVENT_TYPE, request_id=request_id,
            payload={"request_id": request_id, **payload}, created_at=submitted_at,
            attempts=0, state="pending"))
        tr = Translator(language)
        receipt = request_confirmation_receipt(
            RequestConfirmation(reference, service.name.get(language), local, delivery,
                                self._follow_url_template.format(reference=reference),
                                queued_offline=not self._online(),
                                case_qr=case_qr_payload(reference, request_id)),
            ReceiptHeader(self._site.name, self._site.kiosk_id), tr, self._spool.columns)
        receipt_id = self._spool.stage(session, kind="request_confirmation", language=language,
                                       document=receipt, request_id=request_id)
        return StagedRequest(request_id, reference, receipt_id)

    def request(self, *, service_id: str, national_number: str, delivery: str,
                language: str) -> CertificateOutcome:
        """Commit a free certificate request, then print its confirmation."""
        with self._store.write() as session:
            staged = self.stage(session, service_id=service_id,
                                national_number=national_number, delivery=delivery,
                                language=language)
        log.info("certificate request %s committed", staged.reference)
        printed = self._spool.print(staged.receipt_id)
        return CertificateOutcome(staged.reference, printed.printed, printed.error,
                                  staged.request_id)


def certificate_handler(certificates: CertificateService) -> Handler:
    """The fulfil step of free certificates (paid ones complete in the payment saga)."""

    def handle(language: str, details: Mapping[str, Any]) -> dict[str, Any]:
        outcome = certificates.request(
            service_id=details["service_id"], national_number=details["national_number"],
            delivery=details["delivery"], language=language)
        return {"kind": "certificate", "reference": outcome.reference,
                "printed": outcome.printed, "print_error": outcome.print_error,
                "request_id": outcome.request_id}

    return handle
