"""Every benchmark in bench/ starts and prints its one JSON object on a tiny workload.

`make bench` is not part of `make test` (the numbers need a quiet machine), so without
this a bench that stops finishing (as bench/startup.py did once the kiosk window began
refusing to close) goes unnoticed until someone runs it. Each bench runs here as a real
subprocess with the smallest workload that still walks its whole code path; the numbers
are not judged, only that it finishes, prints one JSON object on stdout, and exits 0 —
or 1 when that object says a target was missed, as it must then.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH_DIR = Path(__file__).resolve().parents[1] / "bench"

# Arguments and environment that shrink each bench to a smoke run. A new bench must be
# added here: test_every_bench_has_a_tiny_workload fails until it is.
TINY: dict[str, tuple[list[str], dict[str, str]]] = {
    "backend_load.py": (["--kiosks", "2", "--batch", "2", "--seconds", "0.5"], {}),
    "card_payment.py": (["--runs", "3"], {}),
    "counting.py": (["--repeats", "1"], {}),
    "document_out.py": (["--runs", "1"], {}),
    "eid_read.py": (["--runs", "2", "--crl-entries", "100"], {}),
    "fleet.py": (["--kiosks", "20", "--every-s", "1", "--seconds", "0.5", "--steps", "1"], {}),
    "journey.py": ([], {"BENCH_RUNS": "1"}),
    "scan.py": (["--runs", "1", "--frames", "1"], {}),
    "startup.py": ([], {"BENCH_RUNS": "1"}),
    "sync_drain.py": (["--events", "50", "--batch", "25", "--runs", "1"], {}),
    "update_verify.py": ([], {"BENCH_BUNDLE_MB": "2"}),
}
SMOKE_TIMEOUT_S = 240
# Benches that report numbers without a target to judge them by; every other one states
# a top-level verdict, and exits 1 when it is false, so that `make bench` lists the miss.
NO_TARGET = {"backend_load.py", "card_payment.py"}


def bench_scripts() -> list[str]:
    return sorted(p.name for p in BENCH_DIR.glob("*.py") if not p.name.startswith("_"))


def test_every_bench_has_a_tiny_workload() -> None:
    missing = sorted(set(bench_scripts()) - set(TINY))
    assert not missing, f"bench scripts without a smoke workload in TINY: {missing}"
    stale = sorted(set(TINY) - set(bench_scripts()))
    assert not stale, f"smoke workloads for benches that no longer exist: {stale}"


@pytest.mark.e2e
@pytest.mark.timeout(SMOKE_TIMEOUT_S + 30)
@pytest.mark.parametrize("script", sorted(TINY))
def test_bench_prints_one_json_object(script: str) -> None:
    args, extra_env = TINY[script]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software", **extra_env)
    proc = subprocess.run(
        [sys.executable, str(BENCH_DIR / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=SMOKE_TIMEOUT_S,
        stdin=subprocess.DEVNULL,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, (
        f"{script} exited {proc.returncode} and must print exactly one line; printed "
        f"{proc.stdout[-2000:]!r}, stderr {proc.stderr[-2000:]!r}"
    )
    report = json.loads(lines[0])
    assert isinstance(report, dict) and report, f"{script} printed {lines[0]!r}, not an object"
    # Exit 1 is a bench's way to say "measured, target missed" (its report says so); on a
    # smoke workload the numbers mean nothing. Anything else is a broken bench.
    missed_target = proc.returncode == 1 and _reports_a_missed_target(report)
    assert proc.returncode == 0 or missed_target, (
        f"{script} exited {proc.returncode}: {proc.stderr[-2000:]}"
    )
    if script == "eid_read.py":
        _check_presence_host_costs(report)
    verdicts = [report[key] for key in ("ok", "meets_target") if key in report]
    if script not in NO_TARGET:
        assert verdicts, f"{script} states no top-level verdict (ok or meets_target)"
    if False in verdicts:
        assert proc.returncode == 1, (
            f"{script} reports a missed target but exited 0: make bench would not list it"
        )


def _check_presence_host_costs(report: dict) -> None:
    """What a presence ratio means depends on the machine: each card's report says what a
    challenge check and an APDU cost in that run, and the bound they imply."""
    for card in report["cards"]:
        presence = card["presence"]
        host = presence["host"]
        assert host["check"] == ("ECDSA P-384" if card["applet_version"] == "0x18"
                                 else "RSA-2048"), card["applet_version"]
        assert host["check_ms"] > 0 and host["floor_us_per_apdu"] > 0, host
        expected = 1 + host["check_ms"] / presence["floor_median_ms"]
        assert abs(presence["bound_ratio"] - expected) < 0.002, presence


def _reports_a_missed_target(report: object) -> bool:
    """True if the report (or a part of it) carries a false ok/meets_target verdict."""
    if isinstance(report, dict):
        if any(report.get(key) is False for key in ("ok", "meets_target")):
            return True
        return any(_reports_a_missed_target(value) for value in report.values())
    if isinstance(report, list):
        return any(_reports_a_missed_target(value) for value in report)
    return False
