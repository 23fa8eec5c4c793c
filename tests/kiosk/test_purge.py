"""The retention purge on a real SQLite store: synced personal data goes after
``retention_days``, nothing unsynced is ever lost, money's record stays (card masked)."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from kiosk.store.database import Store
from kiosk.store.models import (
    LibraryTransaction,
    OutboxEvent,
    PaymentJournalEntry,
    PrintedReceipt,
    RequestRow,
)
from kiosk.store.purge import DailyPurge, purge

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
NN = "85073012459"


def _request(
    store: Store,
    name: str,
    *,
    event_state: str | None = "pending",
    receipt: str | None = None,
    card: bool = False,
) -> str:
    request_id = str(uuid.uuid4())
    payload = {
        "service_id": "cert-residence",
        "reference": f"REF-{name}",
        "site": "bxl-centre",
        "national_number": NN,
        "delivery": "post",
    }
    with store.write() as session:
        session.add(
            RequestRow(
                id=request_id,
                kind="certificate_request",
                service_id="cert-residence",
                reference=f"REF-{name}",
                site="bxl-centre",
                kiosk_id="k1",
                language="fr",
                status="committed",
                payload=payload,
                created_at=T0,
            )
        )
        session.flush()
        if event_state is not None:
            session.add(
                OutboxEvent(
                    event_id=str(uuid.uuid4()),
                    type="certificate_request.submitted",
                    request_id=request_id,
                    payload={"request_id": request_id, **payload},
                    created_at=T0,
                    attempts=0,
                    state=event_state,
                    dead_letter_reason="unknown service" if event_state == "rejected" else None,
                    dead_lettered_at=T0 if event_state == "rejected" else None,
                )
            )
        if receipt is not None:
            session.add(
                PrintedReceipt(
                    id=str(uuid.uuid4()),
                    request_id=request_id,
                    kind="request_confirmation",
                    language="fr",
                    document={"lines": ["Dubois Sophie"]},
                    status=receipt,
                    attempts=1,
                    created_at=T0,
                )
            )
        if card:
            session.add(
                PaymentJournalEntry(
                    payment_id=str(uuid.uuid4()),
                    request_id=request_id,
                    step="completed",
                    method="card",
                    amount_cents=500,
                    created_at=T0,
                    detail={"card_type": "Bancontact", "masked_pan": "6703 XXXX XXXX XXX1 234"},
                )
            )
    return request_id


def _deliver(store: Store, request_id: str) -> None:
    """What the relay does with a delivered event: it leaves the outbox."""
    with store.write() as session:
        for event in session.execute(
            select(OutboxEvent).where(OutboxEvent.request_id == request_id)
        ).scalars():
            session.delete(event)


def _library(store: Store, state: str, replayed_at: datetime | None) -> None:
    with store.write() as session:
        session.add(
            LibraryTransaction(
                txn_id=str(uuid.uuid4()),
                kind="checkout",
                patron_identifier="LIB123456",
                patron_key="abc",
                item_id="item-1",
                occurred_at=T0,
                state=state,
                attempts=1,
                replayed_at=replayed_at,
            )
        )


def test_synced_data_goes_after_retention_and_unsynced_is_never_lost(store: Store) -> None:
    old = _request(store, "old", receipt="printed")
    recent = _request(store, "recent", receipt="printed")
    waiting = _request(store, "waiting")  # never delivered: the backend is down for weeks
    letter = _request(store, "letter", event_state="rejected")
    paid = _request(store, "paid", card=True)
    owed = _request(store, "owed", receipt="failed")
    _library(store, "replayed", T0)
    _library(store, "pending", None)
    for request_id in (old, paid, owed):
        _deliver(store, request_id)
    assert purge(store, retention_days=7, now=T0).marked_synced == 3
    _deliver(store, recent)  # synced two days later
    assert purge(store, retention_days=7, now=T0 + timedelta(days=2)).marked_synced == 1

    report = purge(store, retention_days=7, now=T0 + timedelta(days=8))

    with store.read() as session:
        rows = {r.id: r for r in session.execute(select(RequestRow)).scalars()}
        assert old not in rows  # synced 8 days ago: gone
        assert rows[recent].payload["national_number"] == NN  # synced 6 days ago: kept
        # Never delivered: whole, with its event still pending.
        assert rows[waiting].payload["national_number"] == NN
        pending = session.execute(
            select(OutboxEvent).where(OutboxEvent.request_id == waiting)
        ).scalar_one()
        assert pending.state == "pending" and pending.payload["national_number"] == NN
        # A dead letter keeps ids, type and reason; no personal field.
        dead = session.execute(
            select(OutboxEvent).where(OutboxEvent.request_id == letter)
        ).scalar_one()
        assert dead.state == "rejected" and dead.dead_letter_reason == "unknown service"
        assert dead.payload["request_id"] == letter and dead.payload["reference"] == "REF-letter"
        assert "national_number" not in dead.payload and "surname" not in dead.payload
        assert "national_number" not in rows[letter].payload
        # Paid: the request stays for the journal, without personal data; the journal is
        # kept, its card data masked.
        assert set(rows[paid].payload) <= {
            "service_id",
            "reference",
            "site",
            "delivery",
            "purged_at",
        }
        journal = session.execute(select(PaymentJournalEntry)).scalar_one()
        assert journal.amount_cents == 500 and journal.detail == {
            "card_type": "Bancontact",
            "masked_pan": "****",
        }
        # Printed receipts went; the one owed to a citizen stays (reprint), its request cut.
        receipts = session.execute(select(PrintedReceipt)).scalars().all()
        assert [(r.request_id, r.status) for r in receipts if r.request_id != recent] == [
            (owed, "failed")
        ]
        assert "national_number" not in rows[owed].payload
        library = session.execute(select(LibraryTransaction)).scalars().all()
        assert [t.state for t in library] == ["pending"]
    assert report.requests_deleted == 1 and report.library_cleared == 1
    assert report.dead_letters_stripped == 1 and report.journal_masked == 1

    # Purging again changes nothing; the unsynced request survives any number of days.
    again = purge(store, retention_days=7, now=T0 + timedelta(days=400))
    assert again.dead_letters_stripped == 0 and again.journal_masked == 0
    with store.read() as session:
        assert session.get(RequestRow, waiting).payload["national_number"] == NN
        assert (
            session.execute(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.state == "pending")
            ).scalar_one()
            == 1
        )


def test_daily_purge_runs_once_a_day(store: Store) -> None:
    now = [T0]
    daily = DailyPurge(store, 7, clock=lambda: now[0])
    assert daily.maybe_run() is not None
    now[0] += timedelta(hours=23)
    assert daily.maybe_run() is None
    # A restart (a new DailyPurge) remembers the last run through the store.
    assert DailyPurge(store, 7, clock=lambda: now[0]).maybe_run() is None
    now[0] += timedelta(hours=1)
    assert daily.maybe_run() is not None


def test_cli_store_purge(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[store]\npath = "{db}"\n\n[privacy]\nretention_days = 3\n')
    store = Store(db)
    try:
        request_id = _request(store, "cli", event_state=None)
        with store.write() as session:
            session.get(RequestRow, request_id).synced_at = datetime.now(UTC) - timedelta(days=4)
    finally:
        store.close()
    out = subprocess.run(
        [sys.executable, "-m", "kiosk", "store", "purge", "--config", str(config), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["requests_deleted"] == 1
