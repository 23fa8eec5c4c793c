"""The cash device as the core sees it; an eSSP driver fills it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class CashEvent:
    """Something the device reported when polled.

    ``kind`` is one of: credit (value stacked and counted), rejected, jam, stacker_full,
    fraud, cashbox_removed, cashbox_replaced, dispensed, disabled.
    """

    kind: str
    value_cents: int = 0
    detail: str = ""


@dataclass(frozen=True)
class CashStatus:
    online: bool
    error: str = ""


class CashDevice(Protocol):
    """A note/coin acceptor that can pay change. Calls come from its owner thread."""

    def status(self) -> CashStatus:
        ...

    def enable(self, accepted_cents: frozenset[int]) -> None:
        """Start accepting the given denominations (others are rejected)."""
        ...

    def disable(self) -> None:
        ...

    def poll(self) -> list[CashEvent]:
        """Events since the last poll, oldest first."""
        ...

    def levels(self) -> dict[int, int]:
        """Denomination in cents → how many the device can pay out."""
        ...

    def payout(self, amount_cents: int) -> int:
        """Pay out up to ``amount_cents``; returns what was actually paid."""
        ...

    def close(self) -> None:
        ...
