"""The payments facade the kiosk wires once (kiosk/services.py) and the UI calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from drivers.cash.interface import CashDevice
from drivers.payment.interface import CardTerminal
from kiosk.audit.log import AuditLog
from kiosk.devices import DeviceOwner
from kiosk.domain.queue import Site
from kiosk.payments.card import AUTHORISE_TIMEOUT_S, CALL_TIMEOUT_S, CardPayments
from kiosk.payments.cash import CashPayments
from kiosk.payments.completion import Completion
from kiosk.payments.endofday import EndOfDayReport, end_of_day
from kiosk.payments.journal import PaymentJournal
from kiosk.payments.reconcile import Reconciled, reconcile_unfinished
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store


@dataclass(frozen=True)
class PaymentSettings:
    """Timing of the sagas; the defaults suit real devices."""

    authorise_timeout_s: float = AUTHORISE_TIMEOUT_S
    card_call_timeout_s: float = CALL_TIMEOUT_S
    cash_poll_interval_s: float = 0.2
    cash_idle_timeout_s: float = 120.0
    cash_call_timeout_s: float = 10.0
    cash_payout_timeout_s: float = 90.0


class PaymentService:
    """Card and cash sagas over one journal. ``card``/``cash`` are None when the kiosk
    has no such device (or it failed to open): the UI then does not offer it.

    Every journal step also goes to the audit log (``audit``; by default one over the
    same store), as done by ``kiosk:<kiosk id>``."""

    def __init__(self, store: Store, spool: ReceiptSpool, site: Site,
                 card_terminal: DeviceOwner[CardTerminal] | None,
                 cash_device: DeviceOwner[CashDevice] | None,
                 settings: PaymentSettings | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 audit: AuditLog | None = None) -> None:
        s = settings or PaymentSettings()
        self.site = site
        self.audit = audit if audit is not None else AuditLog(store, now)
        self.journal = PaymentJournal(store, now, self.audit, actor=f"kiosk:{site.kiosk_id}")
        self.completion = Completion(self.journal, spool, site, now)
        self._card_owner = card_terminal
        self._cash_owner = cash_device
        self._call_timeout_s = s.card_call_timeout_s
        self._now = now
        self.card = (CardPayments(self.completion, card_terminal, s.authorise_timeout_s,
                                  s.card_call_timeout_s) if card_terminal else None)
        self.cash = (CashPayments(self.completion, cash_device,
                                  poll_interval_s=s.cash_poll_interval_s,
                                  idle_timeout_s=s.cash_idle_timeout_s,
                                  call_timeout_s=s.cash_call_timeout_s,
                                  payout_timeout_s=s.cash_payout_timeout_s)
                     if cash_device else None)

    def reconcile(self) -> list[Reconciled]:
        """Settle every unfinished payment (start-up, before the first citizen pays)."""
        return reconcile_unfinished(self.journal, self.card, self.cash)

    def end_of_day(self, actor: str | None = None) -> EndOfDayReport:
        """Close the day: totals, the terminal's batch and the cash levels reconciled.
        ``actor`` (e.g. "technician:<id>") is who asked, for the audit log."""
        return end_of_day(self.journal, self.site.kiosk_id, self._card_owner,
                          self._cash_owner, self._call_timeout_s, self._now, actor=actor)
