"""In-process simulated card terminal with fault injection."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

from drivers.errors import DeviceTimeoutError, DeviceUnavailableError
from drivers.payment.interface import CardPaymentResult, EndOfDayResult, TerminalStatus
from drivers.simulation import TERMINAL_FAULTS, FaultSet

PROMPTS = ("insert_card", "enter_pin", "processing")


class SimulatedCardTerminal:
    """Approves every payment unless a fault says otherwise.

    Faults: offline, decline (card refused), timeout (no answer from the terminal).
    """

    def __init__(self, faults: list[str] | None = None, terminal_id: str = "SIM00001") -> None:
        self.faults = FaultSet("card terminal", TERMINAL_FAULTS, faults or ())
        self._terminal_id = terminal_id
        self._trace = itertools.count(1)
        self._lock = threading.Lock()
        self.reversed: list[str] = []
        self._last: CardPaymentResult | None = None
        self._batch_cents = 0

    def status(self) -> TerminalStatus:
        if "offline" in self.faults:
            return TerminalStatus(online=False, error="terminal offline")
        return TerminalStatus(online=True)

    def authorise(
        self, amount_cents: int, on_progress: Callable[[str], None] | None = None,
        reference: str = "",
    ) -> CardPaymentResult:
        if amount_cents <= 0:
            raise ValueError(f"amount must be positive, got {amount_cents}")
        if "offline" in self.faults:
            raise DeviceUnavailableError("terminal offline")
        for prompt in PROMPTS:
            if on_progress is not None:
                on_progress(prompt)
        if "timeout" in self.faults:
            raise DeviceTimeoutError("terminal did not answer the authorisation")
        with self._lock:
            trace = f"{next(self._trace):06d}"
        if "decline" in self.faults:
            result = CardPaymentResult(approved=False, amount_cents=amount_cents,
                                       reason="declined by issuer", trace=trace,
                                       terminal_id=self._terminal_id, outcome="declined")
        else:
            result = CardPaymentResult(
                approved=True, amount_cents=amount_cents, trace=trace, auth_code="A1B2C3",
                terminal_id=self._terminal_id, masked_pan="6703 XXXX XXXX XXX1 234",
                card_type="Bancontact", outcome="approved", receipt_no=trace[-4:],
            )
            with self._lock:
                self._batch_cents += amount_cents
        with self._lock:
            self._last = result
        return result

    def reverse(self, trace: str, receipt_no: str = "") -> CardPaymentResult:
        if "offline" in self.faults:
            raise DeviceUnavailableError("terminal offline")
        with self._lock:
            self.reversed.append(trace)
            if self._last is not None and self._last.trace == trace and self._last.approved:
                self._batch_cents -= self._last.amount_cents
        return CardPaymentResult(approved=True, amount_cents=0, trace=trace,
                                 terminal_id=self._terminal_id, reason="reversed",
                                 outcome="reversed", receipt_no=receipt_no)

    def refund(self, amount_cents: int) -> CardPaymentResult:
        if "offline" in self.faults:
            raise DeviceUnavailableError("terminal offline")
        with self._lock:
            trace = f"{next(self._trace):06d}"
            self._batch_cents -= amount_cents
        return CardPaymentResult(approved=True, amount_cents=amount_cents, trace=trace,
                                 terminal_id=self._terminal_id, outcome="approved")

    def last_transaction(self, reference: str = "") -> CardPaymentResult | None:
        if "offline" in self.faults:
            raise DeviceUnavailableError("terminal offline")
        with self._lock:
            return self._last

    def end_of_day(self) -> EndOfDayResult:
        if "offline" in self.faults:
            raise DeviceUnavailableError("terminal offline")
        with self._lock:
            total, self._batch_cents = self._batch_cents, 0
        return EndOfDayResult(ok=True, total_cents=total)

    def abort(self) -> None:
        pass

    def close(self) -> None:
        pass
