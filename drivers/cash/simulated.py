"""In-process simulated cash recycler with fault injection."""

from __future__ import annotations

import threading

from drivers.cash.cashbox import CashboxCounter
from drivers.cash.interface import (
    DEFAULT_CASHBOX_CAPACITY,
    CashboxFill,
    CashEvent,
    CashPayoutError,
    CashStatus,
)
from drivers.errors import DeviceUnavailableError
from drivers.simulation import CASH_FAULTS, FaultSet

DEFAULT_LEVELS = {500: 10, 1000: 10, 2000: 5, 200: 20, 100: 20}


class SimulatedCashDevice:
    """Tests and the demo call :meth:`insert` as a citizen would feed a note or coin.

    Faults: offline, jam (next insert jams), stacker_full (inserts are rejected).
    """

    def __init__(
        self,
        faults: list[str] | None = None,
        levels: dict[int, int] | None = None,
        cashbox_capacity: int = DEFAULT_CASHBOX_CAPACITY,
    ) -> None:
        self.faults = FaultSet("cash device", CASH_FAULTS, faults or ())
        self._levels = dict(DEFAULT_LEVELS if levels is None else levels)
        self._accepted: frozenset[int] = frozenset()
        self._events: list[CashEvent] = []
        self._lock = threading.Lock()
        self._cashbox_only: set[int] = set()
        self._cashbox = CashboxCounter(cashbox_capacity)

    def status(self) -> CashStatus:
        if "offline" in self.faults:
            return CashStatus(online=False, error="cash device offline")
        return CashStatus(online=True)

    def enable(self, accepted_cents: frozenset[int]) -> None:
        self._check_online()
        with self._lock:
            self._accepted = frozenset(accepted_cents)

    def disable(self) -> None:
        with self._lock:
            self._accepted = frozenset()

    @property
    def accepting(self) -> frozenset[int]:
        """What the device takes now (empty while disabled): a citizen waits for this."""
        with self._lock:
            return self._accepted

    def insert(self, value_cents: int) -> None:
        """A citizen feeds a note or coin of ``value_cents``."""
        with self._lock:
            if "jam" in self.faults:
                self._events.append(CashEvent("jam", value_cents, "note jammed in the path"))
            elif "stacker_full" in self.faults:
                self._events.append(CashEvent("stacker_full", value_cents))
            elif value_cents not in self._accepted:
                self._events.append(CashEvent("rejected", value_cents, "not accepted now"))
            else:
                if value_cents not in self._cashbox_only:
                    self._levels[value_cents] = self._levels.get(value_cents, 0) + 1
                self._events.append(CashEvent("credit", value_cents))
                self._cashbox.seen("credit", value_cents)

    def poll(self) -> list[CashEvent]:
        self._check_online()
        with self._lock:
            events, self._events = self._events, []
        return events

    def levels(self) -> dict[int, int]:
        self._check_online()
        with self._lock:
            return dict(self._levels)

    def payout(self, amount_cents: int) -> int:
        self._check_online()
        if "jam" in self.faults:
            raise CashPayoutError("payout jammed", paid_cents=0, requested_cents=amount_cents)
        paid = 0
        with self._lock:
            for value in sorted(self._levels, reverse=True):
                while self._levels[value] > 0 and paid + value <= amount_cents:
                    self._levels[value] -= 1
                    paid += value
            self._events.append(CashEvent("dispensed", paid))
        return paid

    def route(self, value_cents: int, to_cashbox: bool) -> None:
        self._check_online()
        with self._lock:
            if to_cashbox:
                self._cashbox_only.add(value_cents)
            else:
                self._cashbox_only.discard(value_cents)
        self._cashbox.routed(value_cents, to_cashbox)

    def empty(self) -> int:
        self._check_online()
        with self._lock:
            moved = sum(value * count for value, count in self._levels.items())
            self._cashbox.moved(sum(self._levels.values()))
            self._levels = dict.fromkeys(self._levels, 0)
        return moved

    def cashbox(self) -> CashboxFill:
        self._check_online()
        return self._cashbox.fill()

    def restore_cashbox(self, notes: int) -> None:
        self._cashbox.restore(notes)

    def close(self) -> None:
        pass

    def _check_online(self) -> None:
        if "offline" in self.faults:
            raise DeviceUnavailableError("cash device offline")
