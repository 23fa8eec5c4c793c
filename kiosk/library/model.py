"""What the library screens show: plain values, no SIP2 and no ORM rows.

``reason`` texts come from the library system (its screen message, in its language);
``reason_key`` is set instead when the kiosk itself refuses (an i18n key).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Patron:
    card_label: str  # masked, e.g. "••••0101" (or "eID")
    name: str = field(repr=False)  # personal data: screen only, never logged
    offline: bool = False
    blocked_reason: str = ""


@dataclass(frozen=True)
class Loan:
    item_id: str
    title: str
    due: date | None
    overdue: bool = False


@dataclass(frozen=True)
class Fine:
    fine_id: str
    amount_cents: int
    description: str


@dataclass(frozen=True)
class Account:
    loans: tuple[Loan, ...] = ()
    holds_ready: tuple[Loan, ...] = ()  # due is None: on the hold shelf
    fines: tuple[Fine, ...] = ()
    fines_total_cents: int = 0
    offline: bool = False  # the library system did not answer: nothing to show


@dataclass(frozen=True)
class CircResult:
    """One checkout, checkin or renewal: confirmed or refused with the reason."""

    ok: bool
    item_id: str
    title: str = ""
    due: date | None = None
    reason: str = ""
    reason_key: str | None = None
    offline: bool = False  # committed locally; the library system gets it at replay


@dataclass(frozen=True)
class RenewAllResult:
    renewed: tuple[CircResult, ...] = ()
    refused: tuple[CircResult, ...] = ()
    reason_key: str | None = None


@dataclass(frozen=True)
class FinePayment:
    """How paying fines ended. ``status`` is the payment outcome's (completed,
    declined, aborted, failed, unknown, unavailable); ``reversed`` when the card was
    charged but the library system refused the payment and the card was refunded."""

    status: str
    amount_cents: int
    reason: str = ""
    reason_key: str | None = None
    reversed: bool = False
    payment_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "completed"


@dataclass(frozen=True)
class ReplayReport:
    replayed: int = 0
    refused: int = 0
    verified: int = 0  # found already done after a crash: not sent again
    waiting: int = 0
    stopped: str = ""  # why the replay stopped early ("" = all done)


class LibraryRefusedError(Exception):
    """The patron cannot be served: ``reason`` (library system's text) or ``reason_key``
    (an i18n key when the kiosk itself refuses)."""

    def __init__(self, reason: str = "", reason_key: str | None = None) -> None:
        super().__init__(reason or reason_key or "refused")
        self.reason = reason
        self.reason_key = reason_key
