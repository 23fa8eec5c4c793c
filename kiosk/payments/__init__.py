"""Payments: the journaled card and cash sagas, reconciliation and end of day.

Qt-free. The UI calls :class:`PaymentService` (built in kiosk/services.py) from a
worker thread: ``service.card.pay(...)`` / ``service.cash.pay(...)`` with a
:data:`Deliver` callable that writes the paid-for request in the completion transaction.
"""

from kiosk.payments.completion import Deliver, Delivery, PaymentFacts
from kiosk.payments.outcome import PaymentOutcome
from kiosk.payments.service import PaymentService, PaymentSettings

__all__ = ["Deliver", "Delivery", "PaymentFacts", "PaymentOutcome", "PaymentService",
           "PaymentSettings"]
