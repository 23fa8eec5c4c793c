"""One card payment round trip through the real drivers to their twins on loopback.

ZVT (TCP, registration on first use, intermediate status, completion) next to nexo
(one JSON POST and its answer over HTTP, a fresh connection per message). The twins
answer at once (no card wait), so this is the kiosk's own protocol cost. Prints one
JSON object: median and p90 per protocol in milliseconds and the nexo/ZVT ratio of the
medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable

from drivers.payment.nexo.simulator import NexoTerminalSimulator
from drivers.payment.zvt.simulator import ZvtTerminalSimulator
from drivers.registry import default_registry


def timed(pay: Callable[[], bool], runs: int) -> list[float]:
    pay()  # warm-up: connection, registration, imports
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        assert pay(), "the twin declined"
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"median_ms": round(statistics.median(ordered), 3),
            "p90_ms": round(ordered[int(len(ordered) * 0.9) - 1], 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    registry = default_registry()
    with ZvtTerminalSimulator(card_wait=0) as zvt_sim:
        zvt = registry.open("card_terminal", zvt_sim.start_tcp())
        try:
            zvt_times = timed(lambda: zvt.authorise(500).approved, args.runs)
        finally:
            zvt.close()
    with NexoTerminalSimulator() as nexo_sim:
        nexo = registry.open("card_terminal", nexo_sim.start())
        try:
            nexo_times = timed(lambda: nexo.authorise(500).approved, args.runs)
        finally:
            nexo.close()
        booked = len(nexo_sim.payments)
    zvt_summary, nexo_summary = summary(zvt_times), summary(nexo_times)
    json.dump({"benchmark": "card_payment_round_trip", "runs": args.runs,
               "zvt": zvt_summary, "nexo": nexo_summary, "nexo_payments_booked": booked,
               "nexo_over_zvt": round(nexo_summary["median_ms"] / zvt_summary["median_ms"], 2)},
              sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
