"""What a payment attempt ended as, for the screen that started it."""

from __future__ import annotations

from dataclasses import dataclass

# status values
COMPLETED = "completed"  # paid and the service delivered
DECLINED = "declined"  # card refused; nothing charged
ABORTED = "aborted"  # card: citizen or terminal stopped it; nothing charged
CANCELLED = "cancelled"  # cash: citizen cancelled; inserted cash given back (or owed)
FAILED = "failed"  # paid, but delivery failed: the money was given back (or is owed)
UNKNOWN = "unknown"  # the device's answer is lost and could not be settled yet
UNAVAILABLE = "unavailable"  # the device cannot take this payment now; nothing started


@dataclass(frozen=True)
class PaymentOutcome:
    """How one payment ended. ``reason`` is for logs and technicians, not citizens."""

    payment_id: str
    method: str
    status: str
    amount_cents: int
    reason: str = ""
    reference: str = ""
    request_id: str | None = None
    inserted_cents: int = 0  # cash
    change_cents: int = 0  # cash: change actually paid
    refunded_cents: int = 0  # cash: given back after cancel/failure
    owed_cents: int = 0  # cash: what the printed voucher says the city owes
    printed: bool = False
    print_errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == COMPLETED
