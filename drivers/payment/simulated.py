"""In-process simulated card terminal with fault injection."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

from drivers.errors import DeviceTimeoutError, DeviceUnavailableError
from drivers.payment.interface import CardPaymentResult, TerminalStatus
from drivers.simulation import FaultSet

TERMINAL_FAULTS = ("offline", "decline", "timeout")
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

    def status(self) -> TerminalStatus:
        if "offline" in self.faults:
            return TerminalStatus(online=False, error="terminal offline")
        return TerminalStatus(online=True)

    def authorise(
        self, amount_cents: int, on_progress: Callable[[str], None] | None = None
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
            return CardPaymentResult(approved=False, amount_cents=amount_cents,
                                     reason="declined by issuer", trace=trace,
                                     terminal_id=self._terminal_id)
        return CardPaymentResult(
            approved=True, amount_cents=amount_cents, trace=trace, auth_code="A1B2C3",
            terminal_id=self._terminal_id, masked_pan="6703 XXXX XXXX XXX1 234",
            card_type="Bancontact",
        )

    def reverse(self, trace: str) -> CardPaymentResult:
        if "offline" in self.faults:
            raise DeviceUnavailableError("terminal offline")
        with self._lock:
            self.reversed.append(trace)
        return CardPaymentResult(approved=True, amount_cents=0, trace=trace,
                                 terminal_id=self._terminal_id, reason="reversed")

    def close(self) -> None:
        pass
