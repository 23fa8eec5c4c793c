"""Completion: the delivered service, its payment and the receipt in ONE transaction.

The journey says what "delivering" means through a :data:`Deliver` callable that writes
its domain rows (request row + its outbox event, e.g. ``CertificateService.stage``)
into the session it is given. This module adds the journal's ``completed`` step, the
``payment.completed`` outbox event and the payment receipt to the same transaction,
so either all of it is committed or none of it is (DESIGN.md rules 1 and 2).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kiosk.domain.queue import Site
from kiosk.i18n import Translator
from kiosk.payments.journal import COMPLETED, DEBT, PaymentJournal
from kiosk.printing.spool import ReceiptSpool
from kiosk.receipts.layout import ReceiptHeader
from kiosk.receipts.templates import CardPayment, CashPayment, PaymentReceipt, payment_receipt
from kiosk.store.models import OutboxEvent

log = logging.getLogger(__name__)

EVENT_TYPE = "payment.completed"  # the backend's ledger (kiosk/backend/payloads.py)


@dataclass(frozen=True)
class PaymentFacts:
    """What the journey's deliver callable may put in its request: never a card number."""

    payment_id: str
    method: str
    amount_cents: int
    trace: str = ""

    def as_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"payment_id": self.payment_id, "method": self.method,
                                   "amount_cents": self.amount_cents, "status": "paid"}
        if self.trace:
            payload["trace"] = self.trace
        return payload


@dataclass(frozen=True)
class Delivery:
    """What the deliver callable wrote: the request, and receipts to print after commit."""

    request_id: str
    reference: str
    service_name: str
    receipt_ids: tuple[str, ...] = ()


# Writes the delivered service's rows into the session; must not commit it.
Deliver = Callable[[Session, PaymentFacts], Delivery]


@dataclass(frozen=True)
class Completed:
    delivery: Delivery
    payment_receipt_id: str


@dataclass(frozen=True)
class PrintReport:
    printed: bool = True
    errors: tuple[str, ...] = field(default=())


class Completion:
    """Writes completions and vouchers; prints their receipts after the commit."""

    def __init__(self, journal: PaymentJournal, spool: ReceiptSpool, site: Site,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.journal = journal
        self._spool = spool
        self._site = site
        self._now = now
        self._zone = ZoneInfo(site.timezone)

    def complete(self, *, payment_id: str, method: str, amount_cents: int, language: str,
                 deliver: Deliver, receipt_method: CardPayment | CashPayment,
                 detail: dict[str, Any], trace: str = "", owed_cents: int = 0) -> Completed:
        """Deliver and mark the payment completed, atomically. Raises if delivery fails
        (nothing is written then, and the caller gives the money back)."""
        now = self._now().astimezone(UTC)
        facts = PaymentFacts(payment_id, method, amount_cents, trace)
        with self.journal.store.write() as session:
            delivery = deliver(session, facts)
            session.flush()  # the request row exists before rows that point at it
            self.journal.record(payment_id, COMPLETED, method=method, amount_cents=amount_cents,
                                detail=detail, request_id=delivery.request_id,
                                session=session)
            if owed_cents:
                self.journal.record(payment_id, DEBT, method=method, amount_cents=owed_cents,
                                    detail={"reason": "change not paid in full"},
                                    request_id=delivery.request_id, session=session)
            local = now.astimezone(self._zone)
            session.add(OutboxEvent(
                event_id=str(uuid.uuid4()), type=EVENT_TYPE, request_id=delivery.request_id,
                payload={"payment_id": payment_id, "request_id": delivery.request_id,
                         "method": method, "amount_cents": amount_cents,
                         "owed_cents": owed_cents, "day": local.date().isoformat(),
                         "completed_at": now.isoformat(), "site": self._site.id,
                         "kiosk_id": self._site.kiosk_id},
                created_at=now, attempts=0, state="pending"))
            receipt_id = self._stage_receipt(session, delivery.reference,
                                             delivery.service_name, amount_cents, language,
                                             receipt_method, delivery.request_id)
        log.info("payment %s completed: %s %d cents, request %s", payment_id, method,
                 amount_cents, delivery.request_id)
        return Completed(delivery, receipt_id)

    def stage_voucher(self, session: Session, *, payment_id: str, language: str,
                      inserted_cents: int, paid_back_cents: int, owed_cents: int) -> str:
        """Stage the voucher for cash given back short (no service delivered)."""
        tr = Translator(language)
        return self._stage_receipt(
            session, voucher_reference(payment_id), tr("payment.refund"), 0, language,
            CashPayment(inserted_cents, paid_back_cents, owed_cents), None)

    def print(self, receipt_ids: tuple[str, ...] | list[str]) -> PrintReport:
        """Print staged receipts; a failure leaves them owed (see ``kiosk receipts owed``)."""
        errors = []
        for receipt_id in receipt_ids:
            outcome = self._spool.print(receipt_id)
            if not outcome.printed:
                errors.append(outcome.error)
        return PrintReport(not errors, tuple(errors))

    def _stage_receipt(self, session: Session, reference: str, service_name: str,
                       amount_cents: int, language: str, method: CardPayment | CashPayment,
                       request_id: str | None) -> str:
        local = self._now().astimezone(self._zone)
        document = payment_receipt(
            PaymentReceipt(reference, service_name, amount_cents, local, method),
            ReceiptHeader(self._site.name, self._site.kiosk_id), Translator(language),
            self._spool.columns)
        kind = "payment_voucher" if isinstance(method, CashPayment) and method.owed_cents \
            else "payment"
        return self._spool.stage(session, kind=kind, language=language, document=document,
                                 request_id=request_id)


def voucher_reference(payment_id: str) -> str:
    """The reference printed (and bar-coded) on a voucher with no request behind it."""
    return f"PAY-{payment_id[:8].upper()}"
