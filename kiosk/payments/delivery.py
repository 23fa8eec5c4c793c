"""Ready-made :data:`Deliver` callables for the services the kiosk sells."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kiosk.domain.catalog import Catalog
from kiosk.domain.certificates import CertificateService
from kiosk.payments.completion import Deliver, Delivery, PaymentFacts


def certificate_delivery(certificates: CertificateService, catalog: Catalog, *,
                         service_id: str, national_number: str, delivery: str,
                         language: str) -> Deliver:
    """A paid certificate request: the request row, its outbox event (with the payment
    in its payload) and its confirmation receipt, inside the completion transaction."""

    def deliver(session: Session, facts: PaymentFacts) -> Delivery:
        staged = certificates.stage(session, service_id=service_id,
                                    national_number=national_number, delivery=delivery,
                                    language=language, payment=facts.as_payload())
        name = catalog.service(service_id).name.get(language)
        return Delivery(staged.request_id, staged.reference, name, (staged.receipt_id,))

    return deliver
