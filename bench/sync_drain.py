"""Drain 10,000 queued outbox events into the backend (SQLite) over HTTP.

Prints one JSON object: events/s for the real relay (kiosk store → requests → uvicorn →
intake → SQLite), and in the same run the floor: the same event and queue-ticket rows
inserted raw into a fresh backend database in the same batch sizes, with the ratio
(targets: ≥ 1,000 events/s and within 2× of the floor).

The backend runs as ``kiosk backend serve`` in its own process, as in production where
it is another machine: the kiosk reads and records its outbox while the backend takes
the batch in. ``--backend thread`` serves it on a thread of this process instead, where
the two take turns on one interpreter lock (no deployment does that; kept to compare).
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ holds the peers

from sqlalchemy import insert

from kiosk.backend.database import Database
from kiosk.backend.intake import body_hash
from kiosk.backend.schemas import Event
from kiosk.backend.tables import Base, EventRow, QueueTicketRow
from kiosk.store.database import Store
from sync.outbox import Outbox
from tests.backend.harness import BackendProcess, free_port, issue, threaded_backend
from tests.sync.helpers import backend_events, make_relay, queue_events, utc_now


def floor(events: list[dict], directory: Path, batch: int, kiosk_id: str) -> float:
    """Seconds to insert the same rows raw, one transaction per batch."""
    database = Database(f"sqlite:///{directory / 'floor.db'}")
    try:
        with database.write() as session:
            Base.metadata.create_all(session.connection())
        start = time.perf_counter()
        for i in range(0, len(events), batch):
            chunk = events[i:i + batch]
            now = utc_now()
            with database.write() as session:
                session.execute(insert(EventRow), [{
                    "event_id": e["event_id"], "device_id": kiosk_id, "site": "bxl-centre",
                    "type": e["type"], "kiosk_time": now, "seq": e["seq"],
                    "payload": e["payload"], "body_hash": body_hash(Event.model_validate(e)),
                    "received_at": now} for e in chunk])
                session.execute(insert(QueueTicketRow), [{
                    "event_id": e["event_id"], "site": "bxl-centre", "kiosk_id": kiosk_id,
                    "desk": e["payload"]["desk"], "number": e["payload"]["number"],
                    "day": now.date(), "issued_at": now} for e in chunk])
        return time.perf_counter() - start
    finally:
        database.close()


@contextmanager
def backend_for(kind: str, db_url: str, directory: Path) -> Iterator[tuple[str, str, str]]:
    """(url, kiosk id, token) of a backend on ``db_url``: its own process or a thread."""
    if kind == "thread":
        with threaded_backend(db_url) as backend:
            kiosk_id, token = backend.device(kiosk_id="bench-kiosk")
            yield backend.url, kiosk_id, token
        return
    process = BackendProcess(db_url, free_port(), directory / "backend.log")
    process.start()  # creates the schema, so the credential is issued after it
    try:
        yield process.url, "bench-kiosk", issue(db_url, "device", "bench-kiosk", "bxl-centre")
    finally:
        process.stop()


@dataclass(frozen=True)
class Run:
    seconds: float  # the drain
    floor_seconds: float
    delivered: int  # as the relay counted
    in_backend: int  # as the backend holds them


def one_run(events_n: int, batch: int, backend: str) -> Run:
    """A fresh kiosk store and backend: ``events_n`` events drained, then the floor."""
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        directory = Path(tmp)
        db_url = f"sqlite:///{directory / 'backend.db'}"
        store = Store(directory / "kiosk.db")
        try:
            with backend_for(backend, db_url, directory) as (url, kiosk_id, token):
                queue_events(store, events_n, kiosk_id)
                events = Outbox(store).pending(events_n)
                relay, client = make_relay(store, url, token, batch_size=batch)
                try:
                    start = time.perf_counter()
                    result = relay.drain()
                    elapsed = time.perf_counter() - start
                finally:
                    client.close()
                in_backend = len(backend_events(db_url, kiosk_id)[0])
            floor_s = floor(events, directory, batch, kiosk_id)
        finally:
            store.close()
    return Run(elapsed, floor_s, result.delivered, in_backend)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--backend", choices=("process", "thread"), default="process",
                        help="the backend in its own process (as deployed) or on a thread")
    parser.add_argument("--runs", type=int, default=3,
                        help="drain and floor measured this many times; medians reported "
                             "(the floor alone swings by half on a shared machine)")
    args = parser.parse_args()
    logging.disable(logging.INFO)
    runs = [one_run(args.events, args.batch, args.backend) for _ in range(args.runs)]
    elapsed = statistics.median(r.seconds for r in runs)
    floor_s = statistics.median(r.floor_seconds for r in runs)
    rate = args.events / elapsed
    floor_rate = args.events / floor_s
    all_delivered = all(r.delivered == r.in_backend == args.events for r in runs)
    report = {
        "benchmark": "sync_drain",
        "database": "sqlite",
        "backend": args.backend,
        "events": args.events,
        "batch": args.batch,
        "runs": args.runs,
        "delivered": min(r.delivered for r in runs),
        "in_backend": min(r.in_backend for r in runs),
        "seconds": round(elapsed, 3),
        "seconds_each": [round(r.seconds, 3) for r in runs],
        "events_per_s": round(rate, 1),
        "floor_seconds": round(floor_s, 3),
        "floor_seconds_each": [round(r.floor_seconds, 3) for r in runs],
        "floor_events_per_s": round(floor_rate, 1),
        "ratio_to_floor": round(floor_rate / rate, 2),
        "target_events_per_s": 1000,
        "target_ratio": 2.0,
        "meets_target": rate >= 1000 and floor_rate / rate <= 2.0 and all_delivered,
    }
    print(json.dumps(report))
    return 0 if report["meets_target"] else 1  # make bench lists a missed target


if __name__ == "__main__":
    raise SystemExit(main())
