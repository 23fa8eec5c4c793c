"""Start-up reconciliation: every unfinished payment ends paid, given back or owed."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.payments.card import CardPayments
from kiosk.payments.cash import CashPayments
from kiosk.payments.journal import CARD, CASH, INTENT, PaymentJournal, first

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reconciled:
    """What happened to one unfinished payment.

    ``result``: reversed, closed (nothing was charged), refunded, debt (voucher
    printed), or pending (its device is absent or unreachable: tried again next time).
    """

    payment_id: str
    method: str
    amount_cents: int
    result: str


def reconcile_unfinished(journal: PaymentJournal, card: CardPayments | None,
                         cash: CashPayments | None) -> list[Reconciled]:
    """Settle every payment with an intent but no completion or closure, oldest first.

    Run it at start-up before the first citizen pays (the devices must not be in use);
    it is safe to run again: each step it takes is journaled and idempotent."""
    done: list[Reconciled] = []
    for payment_id in journal.unfinished():
        intent = first(journal.entries(payment_id), INTENT)
        assert intent is not None
        saga = {CARD: card, CASH: cash}.get(intent.method)
        result = saga.reconcile(payment_id) if saga is not None else "pending"
        log.log(logging.WARNING if result == "pending" else logging.INFO,
                "unfinished %s payment %s (%d cents): %s", intent.method, payment_id,
                intent.amount_cents, result)
        done.append(Reconciled(payment_id, intent.method, intent.amount_cents, result))
    return done
