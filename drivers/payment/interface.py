"""The bank-card terminal as the core sees it; ZVT, CTEP or OPI drivers fill it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class CardPaymentResult:
    """The outcome of an authorisation. ``masked_pan`` is already masked by the terminal.

    ``outcome`` says how it ended: approved, declined, aborted (citizen, card removed,
    terminal) or error; ``receipt_no`` is what a reversal needs besides ``trace`` (ZVT:
    the receipt number; nexo: the POI transaction's timestamp) — journal it.
    """

    approved: bool
    amount_cents: int
    reason: str = ""
    trace: str = ""
    auth_code: str = ""
    terminal_id: str = ""
    masked_pan: str = field(default="", repr=False)
    card_type: str = ""
    receipt_lines: tuple[str, ...] = ()
    outcome: str = ""
    receipt_no: str = ""


@dataclass(frozen=True)
class EndOfDayResult:
    """The terminal's end-of-day: its batch total, how many payments it holds (when the
    protocol says), and its report lines."""

    ok: bool
    total_cents: int = 0
    count: int | None = None
    reason: str = ""
    receipt_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class TerminalStatus:
    online: bool
    error: str = ""


class CardTerminal(Protocol):
    """A card terminal. All calls are made from the device's owner thread."""

    def status(self) -> TerminalStatus:
        ...

    def authorise(
        self, amount_cents: int, on_progress: Callable[[str], None] | None = None,
        reference: str = "",
    ) -> CardPaymentResult:
        """Take ``amount_cents`` from the citizen's card; ``on_progress`` gets the
        terminal's prompts ("insert card", "enter PIN"…) as they come. ``reference`` is
        the journal's payment id, for protocols that carry one (nexo's SaleTransactionID)."""
        ...

    def reverse(self, trace: str, receipt_no: str = "") -> CardPaymentResult:
        """Undo the authorisation with ``trace`` (used when the kiosk cannot deliver).
        ``receipt_no`` from the journaled result, for terminals that reverse by it."""
        ...

    def refund(self, amount_cents: int) -> CardPaymentResult:
        """Credit ``amount_cents`` back to the card the citizen presents."""
        ...

    def last_transaction(self, reference: str = "") -> CardPaymentResult | None:
        """What the terminal did last (to settle a payment whose answer was lost).
        ``reference``: the journal's payment id, for protocols that can ask about that
        very payment (nexo); the others answer with their last transaction."""
        ...

    def end_of_day(self) -> EndOfDayResult:
        """Close the terminal's batch; returns its totals."""
        ...

    def abort(self) -> None:
        """Stop the running authorisation (citizen pressed cancel); any thread may call."""
        ...

    def close(self) -> None:
        ...
