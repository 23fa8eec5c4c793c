"""N simulated kiosks sending heartbeats to ``kiosk backend serve`` (a real uvicorn in
its own process; ``--workers`` processes on PostgreSQL) on SQLite and on a throwaway
PostgreSQL cluster.

The load is open-loop: heartbeat i is due at t0 + i/rate, whatever the answers do, and
its latency counts from when it was due (a late sender is not hidden). The rate steps
through multiples of the target (10,000 kiosks × one heartbeat per 10 s = 1,000 hb/s):
below it to find where it holds, the target itself always, above it until the p99
passes 100 ms or the backend cannot keep up. The load generator shares the machine
(and its 2 cores) with the backend. SQLite takes one writer at a time and stays at its
level; the report says so. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import logging
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

from kiosk.backend import auth
from kiosk.backend.app import prepare_database
from kiosk.backend.database import Database
from kiosk.backend.settings import BackendSettings
from tests.backend.fleet.helpers import BREAKS, healthy
from tests.backend.harness import BackendProcess, PostgresCluster, free_port

P99_TARGET_MS = 100.0
WORKERS = 48


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def enrol(db_url: str, kiosks: int) -> list[tuple[str, str]]:
    """Credentials for ``kiosks`` kiosks over 16 sites, issued in one transaction."""
    database = Database(db_url)
    try:
        prepare_database(database, BackendSettings(db_url=db_url))
        now = datetime.now(UTC)
        with database.write() as session:
            return [
                (
                    f"fleet-{i:04d}",
                    auth.issue(
                        session,
                        role="device",
                        credential_id=f"fleet-{i:04d}",
                        site=f"site-{i % 16:02d}",
                        now=now,
                    ),
                )
                for i in range(kiosks)
            ]
    finally:
        database.close()


def bodies(creds: list[tuple[str, str]]) -> list[dict]:
    """One heartbeat per kiosk, some of them in trouble (alerts open and stay open)."""
    troubles = list(BREAKS.values())
    return [
        # interval_s says when a kiosk counts as silent (3 intervals): 60 s, so that the
        # steps below the target rate do not turn kiosks offline (and every heartbeat
        # into an alert change) in the middle of the run; the load is the send rate.
        healthy(k, interval_s=60, **(troubles[i % len(troubles)] if i % 10 == 0 else {}))
        for i, (k, _) in enumerate(creds)
    ]


def run_step(
    url: str,
    creds: list[tuple[str, str]],
    payloads: list[dict],
    rate: float,
    seconds: float,
    offset: int,
) -> dict:
    total = int(rate * seconds)
    latencies: list[list[float]] = [[] for _ in range(WORKERS)]
    errors = [0] * WORKERS
    start = time.perf_counter() + 0.2

    def worker(w: int) -> None:
        session = requests.Session()
        try:
            for i in range(w, total, WORKERS):
                due = start + i / rate
                pause = due - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                kiosk = (offset + i) % len(creds)
                try:
                    r = session.post(
                        f"{url}/api/v1/heartbeat",
                        json=payloads[kiosk],
                        timeout=30,
                        headers={"Authorization": f"Bearer {creds[kiosk][1]}"},
                    )
                    if r.status_code != 200:
                        errors[w] += 1
                except requests.RequestException:
                    errors[w] += 1
                latencies[w].append(time.perf_counter() - due)
        finally:
            session.close()

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    elapsed = time.perf_counter() - start
    flat = [x for part in latencies for x in part]
    p99 = percentile(flat, 99) * 1000
    achieved = len(flat) / elapsed
    return {
        "rate_target": rate,
        "heartbeats": len(flat),
        "heartbeats_per_s": round(achieved, 1),
        "p50_ms": round(percentile(flat, 50) * 1000, 1),
        "p99_ms": round(p99, 1),
        "errors": sum(errors),
        "holds": p99 < P99_TARGET_MS and achieved >= 0.95 * rate and not sum(errors),
    }


def run_database(
    db_url: str,
    directory: Path,
    kiosks: int,
    rates: list[float],
    seconds: float,
    target_rate: float,
    workers: int = 1,
) -> dict:
    creds = enrol(db_url, kiosks)
    payloads = bodies(creds)
    backend = BackendProcess(db_url, free_port(),
                             directory / f"backend-{uuid.uuid4().hex}.log", workers)
    backend.start()
    steps = []
    try:
        # Warm-up: every kiosk reports once (first heartbeats insert the fleet rows).
        warm = min(max(rates[0], 200.0), 500.0)
        run_step(backend.url, creds, payloads, warm, kiosks / warm, 0)
        offset = 0
        for rate in rates:
            step = run_step(backend.url, creds, payloads, rate, seconds, offset)
            offset += step["heartbeats"]
            steps.append(step)
            if not step["holds"] and rate >= target_rate:  # the target always runs
                break
    finally:
        backend.stop()
    target = next(s for s in steps if s["rate_target"] >= target_rate)
    held = [s["rate_target"] for s in steps if s["holds"]]
    broke = [s["rate_target"] for s in steps if not s["holds"]]
    return {
        "target_hb_per_s": target["rate_target"],
        "target_holds": target["holds"],
        "target_p99_ms": target["p99_ms"],
        "sustained_hb_per_s": max(
            (s["heartbeats_per_s"] for s in steps if s["holds"]), default=0.0
        ),
        "highest_rate_holding": max(held, default=None),
        "stops_holding_at": min(broke, default=None),
        "workers": workers,
        "steps": steps,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosks", type=int, default=10_000)
    parser.add_argument(
        "--every-s",
        type=float,
        default=10.0,
        help="each kiosk's heartbeat interval (the target rate's base)",
    )
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each step")
    parser.add_argument(
        "--steps",
        type=str,
        default="0.25,0.5,1,1.5",
        help="multiples of the target rate to try, in order (1 always runs)",
    )
    parser.add_argument("--workers", type=int, default=2,
                        help="uvicorn worker processes on PostgreSQL (SQLite: 1)")
    parser.add_argument("--no-postgresql", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true",
                        help="PostgreSQL only (SQLite's warm-up of 10,000 kiosks is slow)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    target = args.kiosks / args.every_s
    rates = sorted({target * float(m) for m in [*args.steps.split(","), "1"]})
    report: dict = {
        "benchmark": "fleet",
        "kiosks": args.kiosks,
        "every_s": args.every_s,
        "target_hb_per_s": target,
        "p99_target_ms": P99_TARGET_MS,
        "step_seconds": args.seconds,
    }
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp:
        directory = Path(tmp)
        if args.no_sqlite:
            report["sqlite"] = {"skipped": "--no-sqlite"}
        else:
            report["sqlite"] = run_database(
                f"sqlite:///{directory / 'backend.db'}", directory, args.kiosks, rates,
                args.seconds,
                target,
            )
            report["sqlite"]["note"] = (
                "one writer at a time: SQLite stays at the single-kiosk-site level; "
                "a regional fleet runs on PostgreSQL")
        if not args.no_postgresql:
            cluster = PostgresCluster()
            try:
                cluster.start()
                report["postgresql"] = run_database(
                    cluster.create_database(), directory, args.kiosks, rates, args.seconds,
                    target, args.workers,
                )
            except AssertionError as exc:  # no PostgreSQL on this machine
                report["postgresql"] = {"skipped": str(exc)[:200]}
            finally:
                cluster.stop()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
