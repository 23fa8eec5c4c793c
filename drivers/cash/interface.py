"""The cash device as the core sees it; an eSSP driver fills it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from drivers.errors import DeviceError


@dataclass(frozen=True)
class CashEvent:
    """Something the device reported when polled.

    ``kind`` is one of: credit (value stacked and counted), rejected, jam, stacker_full,
    fraud, cashbox_removed, cashbox_replaced, dispensed, disabled. Real devices add
    progress kinds the core may ignore: read, rejecting, stacking, stacked, reset,
    dispensing, payout_jam, halted, payout_timeout, incomplete_payout, emptying, emptied.
    ``detail`` says more (e.g. "safe"/"unsafe" for a jam).
    """

    kind: str
    value_cents: int = 0
    detail: str = ""


@dataclass(frozen=True)
class CashStatus:
    online: bool
    error: str = ""


# Notes a cashbox holds unless the device URI says otherwise (``cashbox_capacity=``):
# ITL's NV-series cashboxes take 500 to 1,000 notes.
DEFAULT_CASHBOX_CAPACITY = 600


@dataclass(frozen=True)
class CashboxFill:
    """Notes counted into the cashbox since it was last emptied, against its capacity."""

    notes: int
    capacity: int

    @property
    def percent(self) -> float:
        """How full, 0–100 (a count past the capacity reads 100)."""
        return min(100.0, 100.0 * self.notes / self.capacity) if self.capacity > 0 else 0.0


class CashPayoutError(DeviceError):
    """A payout stopped part-way (jam, timeout, halt): ``paid_cents`` did leave the device."""

    def __init__(self, message: str, paid_cents: int, requested_cents: int) -> None:
        super().__init__(message)
        self.paid_cents = paid_cents
        self.requested_cents = requested_cents


class CashDevice(Protocol):
    """A note/coin acceptor that can pay change. Calls come from its owner thread."""

    def status(self) -> CashStatus: ...

    def enable(self, accepted_cents: frozenset[int]) -> None:
        """Start accepting the given denominations (others are rejected)."""
        ...

    def disable(self) -> None: ...

    def poll(self) -> list[CashEvent]:
        """Events since the last poll, oldest first."""
        ...

    def levels(self) -> dict[int, int]:
        """Denomination in cents → how many the device can pay out."""
        ...

    def payout(self, amount_cents: int) -> int:
        """Pay out up to ``amount_cents``; returns what was actually paid. Raises
        :class:`CashPayoutError` (with what was paid) when the payout stops half-way."""
        ...

    def route(self, value_cents: int, to_cashbox: bool) -> None:
        """Send future ``value_cents`` notes/coins to the cashbox (True) or keep them
        for payouts (False)."""
        ...

    def empty(self) -> int:
        """Move everything stored for payout into the cashbox; returns the value moved."""
        ...

    def cashbox(self) -> CashboxFill:
        """How full the cashbox is: notes counted in since it was last emptied."""
        ...

    def restore_cashbox(self, notes: int) -> None:
        """Start counting from ``notes`` already in the cashbox (the count the kiosk kept
        from before a restart; the device itself cannot tell)."""
        ...

    def close(self) -> None: ...
