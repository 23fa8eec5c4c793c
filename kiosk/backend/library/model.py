"""The library system's records and loan rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class LoanRules:
    """Circulation policy; a patron over ``fine_block_cents`` is blocked."""

    max_loans: int = 5
    loan_days: int = 21
    max_renewals: int = 2
    fine_block_cents: int = 500
    overdue_fine_cents_per_day: int = 20


@dataclass
class Patron:
    barcode: str
    name: str = field(repr=False)
    eid_token: str | None = field(default=None, repr=False)
    valid: bool = True
    language: str = "000"
    # Sent as the PB extension field (patron information), for the Open+ age rule.
    birth_date: date | None = field(default=None, repr=False)


@dataclass
class Item:
    barcode: str  # Code 128 on the item's label
    title: str
    media_type: str = "001"  # SIP2 media type: 001 other, 002 book, 003 magazine, …
    location: str = "Centrale"
    patron: str | None = None  # barcode of the borrower
    due: date | None = None
    renewals: int = 0
    hold_for: str | None = None  # patron barcode with a hold on this item
    withdrawn: bool = False


@dataclass
class Fine:
    fine_id: str
    patron: str
    amount_cents: int
    description: str
    paid_cents: int = 0

    @property
    def due_cents(self) -> int:
        return self.amount_cents - self.paid_cents


@dataclass(frozen=True)
class Outcome:
    """One circulation answer: ``message`` is the text the kiosk shows."""

    ok: bool
    message: str
    title: str = ""
    due: date | None = None
    patron: str = ""
