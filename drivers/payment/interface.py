"""The bank-card terminal as the core sees it; ZVT, CTEP or OPI drivers fill it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class CardPaymentResult:
    """The outcome of an authorisation. ``masked_pan`` is already masked by the terminal."""

    approved: bool
    amount_cents: int
    reason: str = ""
    trace: str = ""
    auth_code: str = ""
    terminal_id: str = ""
    masked_pan: str = field(default="", repr=False)
    card_type: str = ""
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
        self, amount_cents: int, on_progress: Callable[[str], None] | None = None
    ) -> CardPaymentResult:
        """Take ``amount_cents`` from the citizen's card; ``on_progress`` gets the
        terminal's prompts ("insert card", "enter PIN"…) as they come."""
        ...

    def reverse(self, trace: str) -> CardPaymentResult:
        """Undo the authorisation with ``trace`` (used when the kiosk cannot deliver)."""
        ...

    def close(self) -> None:
        ...
