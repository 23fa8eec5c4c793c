"""Payments test set-up: the in-process simulators behind their owner threads."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from drivers.cash.interface import CashPayoutError
from drivers.cash.simulated import SimulatedCashDevice
from drivers.payment.simulated import SimulatedCardTerminal
from kiosk.devices import DeviceOwner
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.certificates import CertificateService
from kiosk.domain.queue import Site
from kiosk.payments.delivery import certificate_delivery
from kiosk.payments.service import PaymentService, PaymentSettings
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.models import OutboxEvent, PrintedReceipt, RequestRow

SITE = Site("laeken", "Laeken", "k1")
FAST = PaymentSettings(authorise_timeout_s=10, card_call_timeout_s=10,
                       cash_poll_interval_s=0.01, cash_idle_timeout_s=2,
                       cash_call_timeout_s=5, cash_payout_timeout_s=5)


class FeedingCash(SimulatedCashDevice):
    """A cash device with a citizen in front: queued notes go in once it accepts.

    ``short_by`` makes payouts stop that many cents short (a jam mid-payout)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.queue: list[int] = []
        self.short_by = 0
        self.enabled = threading.Event()

    def enable(self, accepted_cents: frozenset[int]) -> None:
        super().enable(accepted_cents)
        self.enabled.set()
        while self.queue:
            self.insert(self.queue.pop(0))

    def payout(self, amount_cents: int) -> int:
        if self.short_by:
            paid = super().payout(amount_cents - self.short_by)
            raise CashPayoutError("jammed mid-payout", paid, amount_cents)
        return super().payout(amount_cents)


@pytest.fixture
def terminal():
    return SimulatedCardTerminal()


@pytest.fixture
def cash():
    return FeedingCash()


@pytest.fixture
def owners(terminal, cash):
    made = {"card": DeviceOwner("card_terminal", terminal), "cash": DeviceOwner("cash", cash)}
    yield made
    for owner in made.values():
        owner.close()


@pytest.fixture
def payments(store, owners) -> PaymentService:
    spool = ReceiptSpool(store, None)
    return PaymentService(store, spool, SITE, owners["card"], owners["cash"], FAST)


@pytest.fixture
def deliver(store):
    certificates = CertificateService(store, demo_catalog(), SITE, ReceiptSpool(store, None),
                                      "https://example.test/{reference}")
    return certificate_delivery(certificates, demo_catalog(), service_id="cert-residence",
                                national_number="85073100123", delivery="portal",
                                language="fr")


def failing_deliver(session, facts):
    raise RuntimeError("the backend row could not be written")


def count(store, model, **where) -> int:
    with store.read() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return session.scalar(query)


def rows(store):
    """(requests, outbox events by type, receipts by kind)."""
    with store.read() as session:
        events = sorted(session.scalars(select(OutboxEvent.type)).all())
        receipts = sorted(session.scalars(select(PrintedReceipt.kind)).all())
    return count(store, RequestRow), events, receipts
