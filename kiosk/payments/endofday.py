"""End of day: the journal's totals against the terminal's batch and the cash levels.

Totals run from the previous end-of-day marker (a journal row) to now, so a missed
day is not lost and nothing is counted twice. Differences are flagged in words for a
technician; the report itself is journaled as the next marker.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from drivers.cash.interface import CashDevice
from drivers.errors import DeviceError
from drivers.payment.interface import CardTerminal
from kiosk.devices import DeviceOwner
from kiosk.payments.change import levels_to_json, value_of
from kiosk.payments.journal import (
    CARD,
    CASH,
    COMPLETED,
    CREDIT,
    DEBT,
    END_OF_DAY,
    PAYOUT,
    UNEXPLAINED,
    JournalEntry,
    PaymentJournal,
    steps,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EndOfDayReport:
    """One kiosk's money since the previous end of day, and what did not add up."""

    kiosk_id: str
    since: str | None  # ISO time of the previous end of day, None for the first
    until: str
    card_count: int
    card_cents: int  # completed card payments (the terminal's batch should agree)
    cash_count: int
    cash_cents: int  # completed cash payments (fees)
    cash_in_cents: int  # every note and coin counted
    cash_out_cents: int  # every change and give-back paid
    debts_cents: int  # owed to citizens, vouchers printed
    terminal_total_cents: int | None
    levels: dict[str, int] | None
    levels_cents: int | None
    expected_levels_cents: int | None
    unfinished: int
    differences: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.differences

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "differences": list(self.differences), "ok": self.ok}


def _completed(entries: list[JournalEntry], method: str) -> list[JournalEntry]:
    return [e for e in steps(entries, COMPLETED) if e.method == method]


def end_of_day(journal: PaymentJournal, kiosk_id: str,
               card: DeviceOwner[CardTerminal] | None, cash: DeviceOwner[CashDevice] | None,
               call_timeout_s: float = 200.0,
               now: Callable[[], datetime] = lambda: datetime.now(UTC),
               actor: str | None = None) -> EndOfDayReport:
    """Close the terminal's batch, read the cash levels, compare with the journal,
    journal the report as the new end-of-day marker and return it. The marker goes to
    the audit log with the journal's (``actor``: who asked for it)."""
    marker = journal.last_end_of_day()
    entries = journal.since(marker.id if marker else 0)
    differences: list[str] = []
    card_done, cash_done = _completed(entries, CARD), _completed(entries, CASH)
    card_cents = sum(e.amount_cents for e in card_done)
    cash_cents = sum(e.amount_cents for e in cash_done)
    cash_in = sum(e.amount_cents for e in steps(entries, CREDIT))
    cash_out = sum(e.amount_cents for e in steps(entries, PAYOUT))
    debts = sum(e.amount_cents for e in steps(entries, DEBT))
    unfinished = len(journal.unfinished())
    if unfinished:
        differences.append(f"{unfinished} unfinished payment(s): run reconciliation")
    if cash_in - cash_out != cash_cents + debts:
        differences.append(f"cash: kept {cash_in - cash_out} cents but fees and debts make "
                           f"{cash_cents + debts}")
    for found in steps(entries, UNEXPLAINED):
        differences.append(f"cash: payment {found.payment_id} found {found.amount_cents} "
                           "cents more in the recycler than the journal, not paid out: count "
                           "the cash")

    terminal_total: int | None = None
    if card is not None:
        try:
            batch = card.call(lambda t: t.end_of_day(), call_timeout_s)
        except (DeviceError, TimeoutError) as exc:
            differences.append(f"card terminal: no end of day ({exc})")
        else:
            if not batch.ok:
                differences.append(f"card terminal: end of day refused ({batch.reason})")
            else:
                terminal_total = batch.total_cents
                if terminal_total != card_cents:
                    differences.append(f"card: the terminal's batch is {terminal_total} cents, "
                                       f"the journal's {card_cents}")
                # Terminals that count (nexo) are checked on the number of payments too:
                # two errors that cancel out in cents still differ in count.
                if batch.count is not None and batch.count != len(card_done):
                    differences.append(f"card: the terminal counts {batch.count} payments, "
                                       f"the journal {len(card_done)}")

    levels: dict[int, int] | None = None
    expected: int | None = None
    if cash is not None:
        try:
            levels = cash.call(lambda d: d.levels(), call_timeout_s)
        except (DeviceError, TimeoutError) as exc:
            differences.append(f"cash device: levels unreadable ({exc})")
    previous = marker.detail.get("levels_cents") if marker else None
    if levels is not None and previous is not None:
        # Assumes counted cash stays in the recycler (no routing to the cashbox):
        # a refill or an emptying by a technician shows up here, as it should.
        expected = int(previous) + cash_in - cash_out
        if value_of(levels) != expected:
            differences.append(f"cash levels hold {value_of(levels)} cents, the journal "
                               f"expects {expected}")

    report = EndOfDayReport(
        kiosk_id=kiosk_id, since=marker.created_at.isoformat() if marker and marker.created_at
        else None, until=now().astimezone(UTC).isoformat(), card_count=len(card_done),
        card_cents=card_cents, cash_count=len(cash_done), cash_cents=cash_cents,
        cash_in_cents=cash_in, cash_out_cents=cash_out, debts_cents=debts,
        terminal_total_cents=terminal_total,
        levels=levels_to_json(levels) if levels is not None else None,
        levels_cents=value_of(levels) if levels is not None else None,
        expected_levels_cents=expected, unfinished=unfinished,
        differences=tuple(differences))
    journal.record(f"eod-{uuid.uuid4().hex}", END_OF_DAY, method="all",
                   amount_cents=card_cents + cash_cents, detail=report.as_dict(), actor=actor)
    if differences:
        log.warning("end of day for %s: %s", kiosk_id, "; ".join(differences))
    return report
