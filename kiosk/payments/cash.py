"""The cash payment saga: intent → credits (each committed) → change → completion.

Only denominations the kiosk can still give change for are accepted. Change and
give-backs are journaled before (payout_intent, with the levels) and after (payout,
with what really left the device), so a crash mid-payout is settled from the levels.
What cannot be paid back is owed: a ``debt`` step and a voucher, in one transaction.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from drivers.cash.interface import CashDevice, CashEvent, CashPayoutError
from drivers.errors import DeviceError
from kiosk.devices import DeviceOwner
from kiosk.payments import outcome as status
from kiosk.payments.change import (
    DENOMINATIONS,
    acceptable,
    levels_from_json,
    levels_to_json,
    value_of,
)
from kiosk.payments.completion import Completion, Deliver, PrintReport
from kiosk.payments.journal import (
    CASH,
    CLOSED,
    COMPLETED,
    CREDIT,
    DEBT,
    INTENT,
    PAYOUT,
    PAYOUT_INTENT,
    UNEXPLAINED,
    JournalEntry,
    first,
    steps,
)
from kiosk.payments.outcome import PaymentOutcome
from kiosk.receipts.templates import CashPayment

log = logging.getLogger(__name__)
T = TypeVar("T")

DEVICE_FAILED = "cash device failed"

PROBLEMS = frozenset({"jam", "fraud", "stacker_full", "cashbox_removed", "payout_jam",
                      "halted", "incomplete_payout"})
# What a disabled, idle device may keep reporting on every poll.
IDLE = frozenset({"disabled", "channels_disabled"})
DRAIN_POLLS = 25


class CashPayments:
    """Cash payments through one cash device owner. ``pay`` blocks: run it off the GUI
    thread; ``cancel`` may be called from any thread."""

    def __init__(self, completion: Completion, cash: DeviceOwner[CashDevice], *,
                 poll_interval_s: float = 0.2, idle_timeout_s: float = 120.0,
                 call_timeout_s: float = 10.0, payout_timeout_s: float = 90.0,
                 denominations: tuple[int, ...] = DENOMINATIONS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._completion = completion
        self._journal = completion.journal
        self._cash = cash
        self._poll_interval_s = poll_interval_s
        self._idle_timeout_s = idle_timeout_s
        self._call_timeout_s = call_timeout_s
        self._payout_timeout_s = payout_timeout_s
        self._denominations = denominations
        self._clock = clock
        self._cancel = threading.Event()

    def pay(self, amount_cents: int, *, language: str, deliver: Deliver,
            on_inserted: Callable[[int, int], None] | None = None,
            payment_id: str | None = None) -> PaymentOutcome:
        """Collect ``amount_cents`` in cash, give change, deliver the service.

        ``on_inserted(inserted_cents, amount_cents)`` is called (on this thread) after
        each credit is committed. Cancel, inactivity or a device failure give back
        what was inserted (or print a voucher for what could not be)."""
        if amount_cents <= 0:
            raise ValueError(f"amount must be positive, got {amount_cents}")
        payment_id = payment_id or str(uuid.uuid4())
        self._cancel.clear()
        try:
            levels = self._call(lambda d: d.levels())
        except (DeviceError, TimeoutError) as exc:
            return PaymentOutcome(payment_id, CASH, status.UNAVAILABLE, amount_cents,
                                  reason=f"cash device: {exc}")
        if not acceptable(levels, amount_cents, self._denominations):
            return PaymentOutcome(payment_id, CASH, status.UNAVAILABLE, amount_cents,
                                  reason="no denomination can be accepted with this change")
        self._journal.record(payment_id, INTENT, method=CASH, amount_cents=amount_cents,
                             detail={"language": language, "levels": levels_to_json(levels)})
        inserted, stop_reason = self._collect(payment_id, amount_cents, on_inserted)
        if stop_reason.startswith(DEVICE_FAILED):
            # A credit whose poll reply was garbled beyond the link's retries is gone
            # from the device's queue, yet the note is in the recycler: the levels tell.
            inserted += self._recover_from_levels(payment_id)
        if stop_reason:
            refunded, owed, printed = self._give_back(payment_id, language, inserted,
                                                      inserted, 0, stop_reason)
            return PaymentOutcome(payment_id, CASH, status.CANCELLED, amount_cents,
                                  reason=stop_reason, inserted_cents=inserted,
                                  refunded_cents=refunded, owed_cents=owed,
                                  printed=printed.printed, print_errors=printed.errors)
        return self._complete(payment_id, amount_cents, language, deliver, inserted)

    def cancel(self) -> None:
        """The citizen pressed cancel (or walked away): stop accepting, give back."""
        self._cancel.set()

    def reconcile(self, payment_id: str) -> str:
        """Settle an unfinished cash payment found at start-up: "refunded", "debt",
        "closed" (nothing was inserted) or "pending" (device unreachable)."""
        entries = self._journal.entries(payment_id)
        intent = first(entries, INTENT)
        assert intent is not None, f"{payment_id} has no intent"
        if first(entries, COMPLETED) is not None:
            return "completed"
        try:
            # The device may still be accepting: stop it, then journal what it counted.
            self._call(lambda d: d.disable())
            self._drain(payment_id, len(steps(entries, CREDIT)), recovered=True)
            now = self._call(lambda d: d.levels())
        except (DeviceError, TimeoutError) as exc:
            log.warning("cash payment %s: device unreachable, left for later: %s",
                        payment_id, exc)
            return "pending"
        entries = self._journal.entries(payment_id)
        self._settle_lost_payouts(payment_id, entries, now)
        entries = self._journal.entries(payment_id)
        inserted = sum(e.amount_cents for e in steps(entries, CREDIT))
        paid_out = sum(e.amount_cents for e in steps(entries, PAYOUT))
        inserted += self._recover_surplus(payment_id, entries, now)
        language = str(intent.detail.get("language", "fr"))
        refunded, owed, _ = self._give_back(payment_id, language, inserted - paid_out,
                                            inserted, paid_out, "reconciled at start-up")
        if owed:
            return "debt"
        return "refunded" if refunded else "closed"

    def _recover_from_levels(self, payment_id: str) -> int:
        """After a device failure mid-collection: credit what the levels show beyond the
        journal (0 when the levels cannot be read: end of day shows the difference)."""
        try:
            now = self._call(lambda d: d.levels())
        except (DeviceError, TimeoutError) as exc:
            log.warning("cash payment %s: levels unreadable after the failure, a lost "
                        "credit cannot be recovered now: %s", payment_id, exc)
            return 0
        return self._recover_surplus(payment_id, self._journal.entries(payment_id), now)

    def _recover_surplus(self, payment_id: str, entries: list[JournalEntry],
                         now: dict[int, int]) -> int:
        """Journal as a recovered credit what the recycler holds beyond the levels at the
        intent + the credits − the payouts: a note the device counted whose credit never
        reached the journal. Only a surplus of exactly one note or coin the kiosk takes
        is credited — a lost credit is one note whose poll reply was lost; any other
        surplus (float a technician loaded before reconciliation, say) is not known to be
        this citizen's and is not paid out: it is journaled for the end-of-day count and
        logged. Returns what was credited."""
        intent = first(entries, INTENT)
        if intent is None or "levels" not in intent.detail:
            return 0
        inserted = sum(e.amount_cents for e in steps(entries, CREDIT))
        paid_out = sum(e.amount_cents for e in steps(entries, PAYOUT))
        expected = value_of(levels_from_json(intent.detail["levels"])) + inserted - paid_out
        surplus = value_of(now) - expected
        if surplus <= 0:
            return 0
        if surplus not in self._denominations:
            log.warning("cash payment %s: the recycler holds %d cents more than the "
                        "journal, not one note of this payment: left for the end-of-day "
                        "count", payment_id, surplus)
            self._journal.record(payment_id, UNEXPLAINED, method=CASH, amount_cents=surplus,
                                 detail={"levels": levels_to_json(now)})
            return 0
        self._journal.record(payment_id, CREDIT, method=CASH, amount_cents=surplus,
                             seq=len(steps(entries, CREDIT)) + 1,
                             detail={"recovered": "levels"})
        return surplus

    # --- collecting ----------------------------------------------------------------------

    def _collect(self, payment_id: str, amount_cents: int,
                 on_inserted: Callable[[int, int], None] | None) -> tuple[int, str]:
        """Accept cash until ``amount_cents`` is in; returns (inserted, why it stopped
        short — "" when paid in full)."""
        inserted, credits, reason = 0, 0, ""
        try:
            self._enable_for(amount_cents)
            idle_until = self._clock() + self._idle_timeout_s
            while inserted < amount_cents:
                if self._cancel.is_set():
                    reason = "cancelled by the citizen"
                    break
                if self._clock() > idle_until:
                    reason = "no cash inserted in time"
                    break
                events = self._call(lambda d: d.poll())
                got = self._journal_credits(payment_id, events, credits)
                if got:
                    credits += len(got)
                    inserted += sum(got)
                    idle_until = self._clock() + self._idle_timeout_s
                    if on_inserted is not None:
                        on_inserted(inserted, amount_cents)
                    if inserted < amount_cents:
                        self._enable_for(amount_cents - inserted)
                    continue
                self._cancel.wait(self._poll_interval_s)
        except (DeviceError, TimeoutError) as exc:
            log.warning("cash payment %s: device failed while collecting: %s", payment_id, exc)
            reason = f"{DEVICE_FAILED}: {exc}"
        try:
            self._call(lambda d: d.disable())
            late = self._drain(payment_id, credits)
        except (DeviceError, TimeoutError) as exc:
            log.warning("cash payment %s: could not stop the device: %s", payment_id, exc)
            return inserted, reason or f"{DEVICE_FAILED}: {exc}"
        if late and on_inserted is not None:
            on_inserted(inserted + late, amount_cents)
        return inserted + late, reason

    def _enable_for(self, remaining_cents: int) -> None:
        """Accept only what the current levels can give change for."""
        levels = self._call(lambda d: d.levels())
        accepted = acceptable(levels, remaining_cents, self._denominations)
        self._call(lambda d: d.enable(accepted))

    def _drain(self, payment_id: str, credits: int, recovered: bool = False) -> int:
        """Poll a disabled device until it is quiet, journaling late credits."""
        total = 0
        for _ in range(DRAIN_POLLS):
            events = self._call(lambda d: d.poll())
            got = self._journal_credits(payment_id, events, credits, recovered)
            credits += len(got)
            total += sum(got)
            if all(e.kind in IDLE for e in events):
                break  # quiet: nothing on its way in any more
            time.sleep(self._poll_interval_s)
        return total

    def _journal_credits(self, payment_id: str, events: list[CashEvent], credits: int,
                         recovered: bool = False) -> list[int]:
        got: list[int] = []
        for event in events:
            if event.kind == "credit" and event.value_cents > 0:
                detail = {"recovered": "poll"} if recovered else {}
                self._journal.record(payment_id, CREDIT, method=CASH,
                                     amount_cents=event.value_cents,
                                     seq=credits + len(got) + 1, detail=detail)
                got.append(event.value_cents)
            elif event.kind in PROBLEMS:
                log.warning("cash payment %s: device reports %s %s", payment_id, event.kind,
                            event.detail)
        return got

    # --- paying out ------------------------------------------------------------------------

    def _complete(self, payment_id: str, amount_cents: int, language: str, deliver: Deliver,
                  inserted: int) -> PaymentOutcome:
        change_due = inserted - amount_cents
        change = self._payout(payment_id, change_due, "change") if change_due else 0
        owed = change_due - change
        try:
            done = self._completion.complete(
                payment_id=payment_id, method=CASH, amount_cents=amount_cents,
                language=language, deliver=deliver, owed_cents=owed,
                receipt_method=CashPayment(inserted, change, owed),
                detail={"inserted_cents": inserted, "change_cents": change,
                        "owed_cents": owed})
        except Exception as exc:  # whatever broke, the citizen gets the money back
            log.exception("cash payment %s: delivery failed, giving the cash back", payment_id)
            refunded, still_owed, printed = self._give_back(
                payment_id, language, inserted - change, inserted, change,
                f"delivery failed: {exc}")
            return PaymentOutcome(payment_id, CASH, status.FAILED, amount_cents,
                                  reason="delivery failed; cash given back",
                                  inserted_cents=inserted, change_cents=change,
                                  refunded_cents=refunded, owed_cents=still_owed,
                                  printed=printed.printed, print_errors=printed.errors)
        printed = self._completion.print((done.payment_receipt_id, *done.delivery.receipt_ids))
        return PaymentOutcome(payment_id, CASH, status.COMPLETED, amount_cents,
                              reference=done.delivery.reference,
                              request_id=done.delivery.request_id, inserted_cents=inserted,
                              change_cents=change, owed_cents=owed, printed=printed.printed,
                              print_errors=printed.errors)

    def _give_back(self, payment_id: str, language: str, owe: int, inserted: int,
                   paid_before: int, reason: str) -> tuple[int, int, PrintReport]:
        """Pay ``owe`` back, then close the payment; a shortfall becomes a debt with a
        voucher, in the closing transaction. Returns (refunded, owed, print report)."""
        refunded = self._payout(payment_id, owe, "refund") if owe > 0 else 0
        owed = owe - refunded
        voucher = None
        with self._journal.store.write() as session:
            if owed:
                self._journal.record(payment_id, DEBT, method=CASH, amount_cents=owed,
                                     detail={"reason": reason}, session=session)
                voucher = self._completion.stage_voucher(
                    session, payment_id=payment_id, language=language,
                    inserted_cents=inserted, paid_back_cents=paid_before + refunded,
                    owed_cents=owed)
            self._journal.record(payment_id, CLOSED, method=CASH, amount_cents=0,
                                 detail={"reason": reason, "inserted_cents": inserted,
                                         "paid_back_cents": paid_before + refunded,
                                         "owed_cents": owed}, session=session)
        log.info("cash payment %s closed (%s): %d back, %d owed", payment_id, reason,
                 refunded, owed)
        return refunded, owed, self._completion.print([voucher] if voucher else [])

    def _payout(self, payment_id: str, amount_cents: int, kind: str) -> int:
        """Pay out, journaled before and after; returns what actually left the device."""
        number = 1 + len(steps(self._journal.entries(payment_id), PAYOUT_INTENT))
        try:
            before: dict[int, int] | None = self._call(lambda d: d.levels())
        except (DeviceError, TimeoutError):
            before = None
        self._journal.record(payment_id, PAYOUT_INTENT, method=CASH, amount_cents=amount_cents,
                             seq=number, detail={"kind": kind, "levels": (
                                 levels_to_json(before) if before is not None else None)})
        error = ""
        try:
            paid = self._cash.call(lambda d: d.payout(amount_cents), self._payout_timeout_s)
        except CashPayoutError as exc:
            paid, error = exc.paid_cents, str(exc)
        except (DeviceError, TimeoutError) as exc:
            paid, error = self._paid_since(before, amount_cents), str(exc) or "timeout"
        if error:
            log.warning("cash payment %s: %s payout short: %s", payment_id, kind, error)
        self._journal.record(payment_id, PAYOUT, method=CASH, amount_cents=paid, seq=number,
                             detail={"kind": kind, "requested_cents": amount_cents,
                                     "error": error})
        return paid

    def _paid_since(self, before: dict[int, int] | None, requested: int) -> int:
        """What a payout with a lost answer paid, from the levels (0 if unknowable:
        then the citizen gets a voucher for all of it — never less than owed)."""
        if before is None:
            return 0
        try:
            now = self._call(lambda d: d.levels())
        except (DeviceError, TimeoutError):
            return 0
        return max(0, min(requested, value_of(before) - value_of(now)))

    def _settle_lost_payouts(self, payment_id: str, entries: list[JournalEntry],
                             now: dict[int, int]) -> None:
        done = {e.seq for e in steps(entries, PAYOUT)}
        for started in steps(entries, PAYOUT_INTENT):
            if started.seq in done:
                continue
            raw = started.detail.get("levels")
            before = levels_from_json(raw) if raw is not None else None
            paid = (max(0, min(started.amount_cents, value_of(before) - value_of(now)))
                    if before is not None else 0)
            self._journal.record(payment_id, PAYOUT, method=CASH, amount_cents=paid,
                                 seq=started.seq,
                                 detail={"kind": started.detail.get("kind"),
                                         "requested_cents": started.amount_cents,
                                         "error": "answer lost; paid amount from the levels"})

    def _call(self, fn: Callable[[CashDevice], T]) -> T:
        return self._cash.call(fn, self._call_timeout_s)
