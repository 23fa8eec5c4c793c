"""Child process for the crash test: issues a ticket and freezes inside the transaction.

Usage: python crash_midway.py DB_PATH (request|outbox|none)
With "request" or "outbox" it stops right after that row was written (inside the
still-open transaction), says PAUSED and waits to be killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy import event

from kiosk.domain.catalog import demo_catalog
from kiosk.domain.queue import Site
from kiosk.domain.tickets import TicketService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent, RequestRow


def main() -> None:
    db_path, stage = Path(sys.argv[1]), sys.argv[2]
    store = Store(db_path)
    target = {"request": RequestRow, "outbox": OutboxEvent}.get(stage)
    if target is not None:
        @event.listens_for(target, "after_insert")
        def freeze(mapper, connection, row):
            sys.stdout.write("PAUSED\n")
            sys.stdout.flush()
            time.sleep(120)

    spool = ReceiptSpool(store, None)
    TicketService(store, demo_catalog(), Site("laeken", "Laeken", "k1"), spool).issue(
        "population", "fr")
    sys.stdout.write("DONE\n")


if __name__ == "__main__":
    main()
