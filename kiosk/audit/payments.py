"""What the audit log keeps of a payment journal step.

The journal (kiosk/payments/journal.py) calls :func:`journal_step` for every step it
writes, in the same transaction. The audit entry carries the facts a controller needs
(payment, step, method, amounts, the terminal's trace and outcome) and only the
terminal-masked PAN's last four digits; the journal stays the source for the sagas.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kiosk.audit.chain import AuditEntry
from kiosk.audit.log import END_OF_DAY, PAYMENT_PREFIX, AuditLog

JOURNAL_END_OF_DAY = "end_of_day"  # the journal's step name for the end-of-day marker


def step_kind(step: str) -> str:
    """``payment.<step>`` (intent, result, completed, reversal, payout, debt = voucher…),
    or ``end_of_day`` for the end-of-day marker."""
    return END_OF_DAY if step == JOURNAL_END_OF_DAY else PAYMENT_PREFIX + step


def journal_step(
    audit: AuditLog,
    session: Session,
    *,
    actor: str,
    payment_id: str,
    step: str,
    seq: int,
    method: str,
    amount_cents: int,
    detail: dict[str, Any],
    request_id: str | None,
) -> AuditEntry:
    """Record one journaled step inside the journal's transaction ``session``."""
    details: dict[str, Any] = {
        "payment_id": payment_id,
        "step": step,
        "seq": seq,
        "method": method,
        "amount_cents": amount_cents,
        "request_id": request_id,
        "detail": detail,
    }
    return audit.record(step_kind(step), actor, details, session=session)
