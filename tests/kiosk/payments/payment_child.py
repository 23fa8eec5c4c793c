"""Child process for the SIGKILL tests: one payment over the real drivers, frozen at a
chosen point so the parent can kill it there.

Usage: python payment_child.py DB card|cash DEVICE_URI AMOUNT_CENTS KILL_AT
KILL_AT: ``commit:N`` (after the Nth committed journal write), ``flush:STEP`` (inside
the transaction writing STEP, before its commit), ``prompt:NAME`` (card: during the
authorisation, at that terminal prompt), ``authorised`` (card: the terminal answered,
not yet journaled), ``paid_out`` (cash: a payout done, not yet journaled) or ``none``.
It prints PAUSED (then waits to be killed) or DONE.
"""

from __future__ import annotations

import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from drivers.registry import default_registry
from kiosk.devices import DeviceOwner
from kiosk.domain.queue import Site
from kiosk.payments.completion import Delivery, PaymentFacts
from kiosk.payments.service import PaymentService, PaymentSettings
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent, PaymentJournalEntry, RequestRow


def pause() -> None:
    sys.stdout.write("PAUSED\n")
    sys.stdout.flush()
    time.sleep(120)


def deliver(session: Session, facts: PaymentFacts) -> Delivery:
    """The paid request and its outbox event, as the journey would write them."""
    request_id, now = str(uuid.uuid4()), datetime.now(UTC)
    reference = f"TEST-{request_id[:8]}"
    session.add(RequestRow(id=request_id, kind="certificate_request",
                           service_id="cert-residence", reference=reference, site="laeken",
                           kiosk_id="k1", language="fr", status="paid",
                           payload={"payment": facts.as_payload()}, created_at=now))
    session.flush()
    session.add(OutboxEvent(event_id=str(uuid.uuid4()), type="certificate_request.paid",
                            request_id=request_id, payload={"request_id": request_id},
                            created_at=now, attempts=0, state="pending"))
    return Delivery(request_id, reference, "Certificate of residence")


def install_kill_point(kill_at: str, device: object) -> None:
    kind, _, arg = kill_at.partition(":")
    if kind == "commit":
        state = {"commits": 0, "journaled": False}

        @event.listens_for(PaymentJournalEntry, "after_insert")
        def seen(mapper, connection, row):
            state["journaled"] = True

        @event.listens_for(Session, "after_commit")
        def committed(session):
            if state["journaled"]:
                state["journaled"] = False
                state["commits"] += 1
                if state["commits"] == int(arg):
                    pause()
    elif kind == "flush":
        @event.listens_for(PaymentJournalEntry, "after_insert")
        def inside(mapper, connection, row):
            if row.step == arg:
                pause()
    elif kind == "authorised":
        authorise = device.authorise

        def then_pause(amount, on_progress=None, **kwargs):
            authorise(amount, on_progress, **kwargs)
            pause()

        device.authorise = then_pause
    elif kind == "paid_out":
        payout = device.payout

        def then_pause(amount):
            payout(amount)
            pause()

        device.payout = then_pause


def main() -> None:
    db, method, uri, amount, kill_at = sys.argv[1:6]
    store = Store(Path(db))
    kind = "card_terminal" if method == "card" else "cash"
    device = default_registry().open(kind, uri)
    install_kill_point(kill_at, device)
    owner = DeviceOwner(kind, device)
    settings = PaymentSettings(authorise_timeout_s=20, card_call_timeout_s=20,
                               cash_poll_interval_s=0.02, cash_idle_timeout_s=20)
    service = PaymentService(store, ReceiptSpool(store, None), Site("laeken", "Laeken", "k1"),
                             owner if method == "card" else None,
                             owner if method == "cash" else None, settings)
    if method == "card":
        prompt = kill_at.removeprefix("prompt:") if kill_at.startswith("prompt:") else None

        def on_progress(name: str) -> None:
            if name == prompt:
                pause()

        outcome = service.card.pay(int(amount), language="fr", deliver=deliver,
                                   on_progress=on_progress)
    else:
        outcome = service.cash.pay(int(amount), language="fr", deliver=deliver)
    sys.stdout.write(f"DONE {outcome.status}\n")
    sys.stdout.flush()
    owner.close()
    store.close()


if __name__ == "__main__":
    main()
