"""Counting the notes that land in the cashbox, for the "cashbox ≥ 90 % full" alert.

eSSP (as PROTOCOLS.md lists it) has no command that reads the cashbox's count, so the
driver counts what it sees: a credit for a value routed to the cashbox, the notes an
"empty all" moved there, and a stacker-full event (the box is full, whatever we
counted). A cashbox replaced (E4: staff emptied it) starts the count again at zero.
"""

from __future__ import annotations

import threading

from drivers.cash.interface import CashboxFill


class CashboxCounter:
    """Thread-safe; one per device. ``capacity``: notes the cashbox holds."""

    def __init__(self, capacity: int, notes: int = 0) -> None:
        if capacity <= 0:
            raise ValueError(f"cashbox capacity must be a positive number of notes, got {capacity}")
        if notes < 0:
            raise ValueError(f"cashbox count must not be negative, got {notes}")
        self._capacity = capacity
        self._notes = notes
        self._to_cashbox: set[int] = set()
        self._lock = threading.Lock()

    def routed(self, value_cents: int, to_cashbox: bool) -> None:
        """The host routed ``value_cents`` to the cashbox (True) or the recycler."""
        with self._lock:
            (self._to_cashbox.add if to_cashbox else self._to_cashbox.discard)(value_cents)

    def seen(self, kind: str, value_cents: int) -> None:
        """One polled event (see :class:`~drivers.cash.interface.CashEvent` kinds)."""
        with self._lock:
            if kind == "credit" and value_cents in self._to_cashbox:
                self._notes += 1
            elif kind == "stacker_full":
                self._notes = max(self._notes, self._capacity)
            elif kind == "cashbox_replaced":
                self._notes = 0

    def moved(self, notes: int) -> None:
        """``notes`` went from the recycler into the cashbox (empty all)."""
        with self._lock:
            self._notes += max(0, notes)

    def restore(self, notes: int) -> None:
        """Add the count a previous process of this kiosk left (its notes are still in
        the box: the count must survive a restart). Call before polling starts."""
        if notes < 0:
            raise ValueError(f"cashbox count must not be negative, got {notes}")
        with self._lock:
            self._notes += notes

    def fill(self) -> CashboxFill:
        with self._lock:
            return CashboxFill(self._notes, self._capacity)
