"""The card payment saga: intent → authorisation → completion, or a reversal.

Each step is committed before the next terminal call. A lost answer (timeout, link
dropped) is journaled as "unknown" and settled from the terminal's last transaction;
an approved payment whose service was not delivered is reversed.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from drivers.errors import DeviceError
from drivers.payment.interface import CardPaymentResult, CardTerminal
from kiosk.devices import DeviceOwner
from kiosk.payments import outcome as status
from kiosk.payments.completion import Completion, Deliver
from kiosk.payments.journal import (
    CARD,
    CLOSED,
    INTENT,
    RESOLVED,
    RESULT,
    REVERSAL,
    REVERSAL_INTENT,
    first,
    steps,
)
from kiosk.payments.outcome import PaymentOutcome
from kiosk.receipts.templates import CardPayment

log = logging.getLogger(__name__)

UNKNOWN = "unknown"
NOT_CHARGED = "not_charged"
# Above the ZVT driver's own T4 (180 s), so the driver's timeout fires first.
AUTHORISE_TIMEOUT_S = 200.0
CALL_TIMEOUT_S = 200.0


def result_detail(result: CardPaymentResult) -> dict[str, Any]:
    """The journal's copy of a terminal answer; the PAN only as the terminal masked it."""
    return {"outcome": result.outcome or ("approved" if result.approved else "declined"),
            "reason": result.reason, "trace": result.trace, "receipt_no": result.receipt_no,
            "auth_code": result.auth_code, "terminal_id": result.terminal_id,
            "card_type": result.card_type, "masked_pan": result.masked_pan}


class CardPayments:
    """Card payments through one terminal owner. ``pay`` blocks: run it off the GUI thread."""

    def __init__(self, completion: Completion, terminal: DeviceOwner[CardTerminal],
                 authorise_timeout_s: float = AUTHORISE_TIMEOUT_S,
                 call_timeout_s: float = CALL_TIMEOUT_S) -> None:
        self._completion = completion
        self._journal = completion.journal
        self._terminal = terminal
        self._authorise_timeout_s = authorise_timeout_s
        self._call_timeout_s = call_timeout_s

    def pay(self, amount_cents: int, *, language: str, deliver: Deliver,
            on_progress: Callable[[str], None] | None = None,
            payment_id: str | None = None) -> PaymentOutcome:
        """Take ``amount_cents`` by card and deliver the service.

        ``on_progress`` gets the terminal's prompts ("insert_card", "enter_pin", …) on
        the terminal's thread; ``deliver`` writes the service's rows inside the
        completion transaction. Returns how it ended; never leaves money unaccounted.
        """
        if amount_cents <= 0:
            raise ValueError(f"amount must be positive, got {amount_cents}")
        payment_id = payment_id or str(uuid.uuid4())
        journal = self._journal
        unsettled = self._settle_earlier()
        if unsettled:
            # The terminal only tells its last transaction: a new one would hide
            # whether the earlier payment was charged. Nothing is asked of this card.
            return PaymentOutcome(payment_id, CARD, status.ABORTED, amount_cents,
                                  reason=f"an earlier card payment ({unsettled[0]}) is not "
                                         "settled yet; nothing was charged")
        journal.record(payment_id, INTENT, method=CARD, amount_cents=amount_cents,
                       detail={"language": language})
        try:
            result: CardPaymentResult | None = self._terminal.call(
                lambda t: t.authorise(amount_cents, on_progress, reference=payment_id),
                self._authorise_timeout_s)
        except (DeviceError, TimeoutError) as exc:
            log.warning("card payment %s: no answer from the terminal (%s)", payment_id, exc)
            journal.record(payment_id, RESULT, method=CARD, amount_cents=amount_cents,
                           detail={"outcome": UNKNOWN, "reason": str(exc)})
            result = self._resolve(payment_id, amount_cents)
            if result is None:
                return PaymentOutcome(payment_id, CARD, status.UNKNOWN, amount_cents,
                                      reason="the terminal's answer was lost")
        else:
            journal.record(payment_id, RESULT, method=CARD, amount_cents=amount_cents,
                           detail=result_detail(result))
        if not result.approved:
            outcome = result.outcome or "declined"
            journal.record(payment_id, CLOSED, method=CARD, amount_cents=0,
                           detail={"reason": outcome})
            return PaymentOutcome(payment_id, CARD,
                                  status.DECLINED if outcome == "declined" else status.ABORTED,
                                  amount_cents, reason=result.reason or outcome)
        return self._complete(payment_id, amount_cents, language, deliver, result)

    def _settle_earlier(self) -> list[str]:
        """Settle the card payments left unfinished since start-up (an answer lost, then
        no status either): the payments still unknown, which block a new one."""
        unsettled = []
        for earlier in self._journal.unfinished_of(CARD):
            if self.reconcile(earlier) == "pending":
                unsettled.append(earlier)
        return unsettled

    def cancel(self) -> None:
        """The citizen pressed cancel: ask the terminal to stop the authorisation.

        Called on the device object directly, not through its owner: the owner thread
        is busy inside ``authorise`` and the interface allows ``abort`` from any thread.
        """
        self._terminal.device.abort()

    def reconcile(self, payment_id: str) -> str:
        """Settle an unfinished card payment found at start-up: "reversed", "closed"
        or "pending" (terminal unreachable; try again later)."""
        entries = self._journal.entries(payment_id)
        intent = first(entries, INTENT)
        assert intent is not None, f"{payment_id} has no intent"
        known = first(entries, RESOLVED) or first(entries, RESULT)
        if known is None or known.detail.get("outcome") == UNKNOWN:
            result = self._resolve(payment_id, intent.amount_cents)
            if result is None:
                return "pending"
            detail = result_detail(result)
        else:
            detail = known.detail
        if detail.get("outcome") == "approved":
            # Approved but never completed: the service was not delivered.
            done = self._reverse(payment_id, intent.amount_cents, str(detail.get("trace", "")),
                                 str(detail.get("receipt_no", "")), "not delivered")
            return "reversed" if done else "pending"
        self._journal.record(payment_id, CLOSED, method=CARD, amount_cents=0,
                             detail={"reason": detail.get("outcome") or NOT_CHARGED,
                                     "reconciled": True})
        return "closed"

    # --- steps --------------------------------------------------------------------------

    def _complete(self, payment_id: str, amount_cents: int, language: str, deliver: Deliver,
                  result: CardPaymentResult) -> PaymentOutcome:
        try:
            done = self._completion.complete(
                payment_id=payment_id, method=CARD, amount_cents=amount_cents,
                language=language, deliver=deliver, trace=result.trace,
                receipt_method=CardPayment(result.masked_pan, result.card_type,
                                           result.terminal_id, result.auth_code, result.trace),
                detail={"trace": result.trace})
        except Exception as exc:  # whatever broke, the citizen gets the money back
            log.exception("card payment %s: delivery failed, reversing", payment_id)
            reversed_ = self._reverse(payment_id, amount_cents, result.trace, result.receipt_no,
                                      f"delivery failed: {exc}")
            return PaymentOutcome(
                payment_id, CARD, status.FAILED, amount_cents,
                reason="delivery failed; payment reversed" if reversed_ else
                "delivery failed; reversal pending (reconciled at next start)")
        printed = self._completion.print((done.payment_receipt_id, *done.delivery.receipt_ids))
        return PaymentOutcome(payment_id, CARD, status.COMPLETED, amount_cents,
                              reference=done.delivery.reference,
                              request_id=done.delivery.request_id, printed=printed.printed,
                              print_errors=printed.errors)

    def _resolve(self, payment_id: str, amount_cents: int) -> CardPaymentResult | None:
        """Ask the terminal what it last did; None when it cannot be known (now).

        Its last transaction is this payment's only if no other journaled payment
        claims its trace and the amount matches. Claimed by a payment started before
        this one: this one never reached the terminal's books, nothing was charged.
        Claimed by one started after it: the terminal (ZVT tells only its last) can no
        longer say what became of this one — never "not charged" on that evidence; it
        stays unsettled (pending) for the city's reconciliation with the acquirer."""
        try:
            last = self._terminal.call(lambda t: t.last_transaction(reference=payment_id),
                                       self._call_timeout_s)
        except (DeviceError, TimeoutError) as exc:
            log.warning("card payment %s: cannot read the last transaction: %s",
                        payment_id, exc)
            return None
        claimed = self._journal.claimed_traces(excluding=payment_id)
        intent = first(self._journal.entries(payment_id), INTENT)
        started = intent.id if intent is not None else 0
        if last is not None and last.trace and claimed.get(last.trace, 0) > started:
            log.warning("card payment %s: the terminal's last transaction is a later "
                        "payment's; this one cannot be settled from the terminal",
                        payment_id)
            return None
        if (last is not None and last.trace and last.trace not in claimed
                and last.amount_cents == amount_cents):
            result = last
        else:
            result = CardPaymentResult(approved=False, amount_cents=amount_cents,
                                       reason="the terminal did not book this payment",
                                       outcome=NOT_CHARGED)
        self._journal.record(payment_id, RESOLVED, method=CARD, amount_cents=amount_cents,
                             detail=result_detail(result))
        log.info("card payment %s resolved: %s", payment_id, result.outcome)
        return result

    def _reverse(self, payment_id: str, amount_cents: int, trace: str, receipt_no: str,
                 reason: str) -> bool:
        """Reverse an approved payment; True once the terminal has given the money back."""
        attempt = 1 + len(steps(self._journal.entries(payment_id), REVERSAL_INTENT))
        self._journal.record(payment_id, REVERSAL_INTENT, method=CARD,
                             amount_cents=amount_cents, seq=attempt,
                             detail={"trace": trace, "receipt_no": receipt_no,
                                     "reason": reason})
        try:
            result = self._terminal.call(lambda t: t.reverse(trace, receipt_no),
                                         self._call_timeout_s)
        except (DeviceError, TimeoutError) as exc:
            log.warning("card payment %s: reversal failed: %s", payment_id, exc)
            return False
        # "Already reversed": an earlier attempt went through but its answer was lost.
        if not (result.approved or "already reversed" in result.reason.lower()):
            log.warning("card payment %s: reversal refused: %s", payment_id, result.reason)
            return False
        with self._journal.store.write() as session:
            self._journal.record(payment_id, REVERSAL, method=CARD, amount_cents=amount_cents,
                                 detail={"trace": trace, "reason": result.reason},
                                 session=session)
            self._journal.record(payment_id, CLOSED, method=CARD, amount_cents=0,
                                 detail={"reason": "reversed", "why": reason},
                                 session=session)
        log.info("card payment %s reversed (%s)", payment_id, reason)
        return True
