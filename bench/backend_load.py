"""Many simulated kiosks posting events and reading the catalog at once, against
``kiosk backend serve`` on SQLite and on a throwaway PostgreSQL cluster.

Prints one JSON object: per database, requests/s, events/s and p50/p99 latency of
each kind of request, and whether every event landed exactly once.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ holds the peers

import requests

from tests.backend.harness import BackendProcess, PostgresCluster, free_port, issue
from tests.sync.helpers import backend_events


def kiosk_worker(url: str, kiosk_id: str, token: str, batch: int, until: float,
                 out: dict[str, list[float]], sent: list[str]) -> None:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    etag = None
    seq = 0
    try:
        while time.monotonic() < until:
            events = []
            for _ in range(batch):
                seq += 1
                now = datetime.now(UTC).isoformat()
                events.append({"event_id": str(uuid.uuid4()), "type": "queue_ticket.issued",
                               "kiosk_time": now, "seq": seq, "payload": {
                                   "request_id": str(uuid.uuid4()), "site": "bxl-centre",
                                   "kiosk_id": kiosk_id, "desk": "population",
                                   "number": f"P-{seq % 1000:03d}", "day": now[:10],
                                   "language": "fr", "issued_at": now}})
            start = time.perf_counter()
            r = session.post(f"{url}/api/v1/events:batch", json={"events": events}, timeout=30)
            out["post"].append(time.perf_counter() - start)
            if r.status_code == 200:
                sent.extend(e["event_id"] for e in events)
            else:
                out["errors"].append(r.status_code)
            start = time.perf_counter()
            headers = {"If-None-Match": etag} if etag else {}
            r = session.get(f"{url}/api/v1/catalog", headers=headers, timeout=30)
            out["catalog"].append(time.perf_counter() - start)
            etag = r.headers.get("ETag", etag)
    finally:
        session.close()


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run_load(db_url: str, directory: Path, kiosks: int, batch: int, seconds: float) -> dict:
    backend = BackendProcess(db_url, free_port(), directory / f"backend-{uuid.uuid4().hex}.log")
    backend.start()
    try:
        creds = [(f"load-{i:02d}", issue(db_url, "device", f"load-{i:02d}", "bxl-centre"))
                 for i in range(kiosks)]
        results = [{"post": [], "catalog": [], "errors": []} for _ in creds]
        sent: list[list[str]] = [[] for _ in creds]
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=kiosk_worker,
                                    args=(backend.url, k, t, batch, until, results[i], sent[i]))
                   for i, (k, t) in enumerate(creds)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(seconds + 60)
        elapsed = time.perf_counter() - start
    finally:
        backend.stop()
    posts = [x for r in results for x in r["post"]]
    catalogs = [x for r in results for x in r["catalog"]]
    landed = sum(len(backend_events(db_url, k)[0]) for k, _ in creds)
    total_sent = sum(len(s) for s in sent)
    return {
        "requests_per_s": round((len(posts) + len(catalogs)) / elapsed, 1),
        "events_per_s": round(total_sent / elapsed, 1),
        "post_p50_ms": round(percentile(posts, 50) * 1000, 1),
        "post_p99_ms": round(percentile(posts, 99) * 1000, 1),
        "catalog_p50_ms": round(percentile(catalogs, 50) * 1000, 1),
        "catalog_p99_ms": round(percentile(catalogs, 99) * 1000, 1),
        "errors": sum(len(r["errors"]) for r in results),
        "events_sent": total_sent,
        "events_in_backend": landed,
        "exactly_once": landed == total_sent,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosks", type=int, default=16)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    report = {"benchmark": "backend_load", "kiosks": args.kiosks, "batch": args.batch,
              "seconds": args.seconds}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        directory = Path(tmp)
        report["sqlite"] = run_load(f"sqlite:///{directory / 'backend.db'}", directory,
                                    args.kiosks, args.batch, args.seconds)
        cluster = PostgresCluster()
        try:
            cluster.start()
            report["postgresql"] = run_load(cluster.create_database(), directory, args.kiosks,
                                            args.batch, args.seconds)
        finally:
            cluster.stop()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
