"""The health gate's markers and the gate itself.

Seams (all stdlib, cheap to import; each takes the ``[updates] state_dir``):

- the UI calls :func:`mark_first_frame` once the attract screen's first frame is shown;
- the sync heartbeat calls :func:`mark_heartbeat_answered` after the backend answered;
- ``kiosk update boot-check`` (kiosk-ui.service's ``ExecStartPre=``) is the one caller
  of :func:`record_start` at a start, and rolls back a release in a crash loop: it runs
  before the UI's code, so a UI that dies before its first line still counts, and no
  start is counted twice.

A release is healthy when, after its switch, it showed its first frame, a heartbeat was
answered and the selftest passed, all within ``health_timeout_s``; its boot counter is
then cleared.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.updates.files import read_json, write_json

FIRST_FRAME = "first-frame.json"
HEARTBEAT = "heartbeat.json"
BOOTS = "boots.json"
HEALTHY = "healthy.json"


def _markers(state_dir: Path) -> Path:
    return state_dir / "markers"


def mark_first_frame(state_dir: Path, version: str) -> None:
    """The UI showed the attract screen's first frame while running ``version``."""
    write_json(_markers(state_dir) / FIRST_FRAME, {"version": version, "at": time.time()})


def mark_heartbeat_answered(state_dir: Path, version: str) -> None:
    """The backend answered a heartbeat sent by ``version``."""
    write_json(_markers(state_dir) / HEARTBEAT, {"version": version, "at": time.time()})


def record_start(state_dir: Path, version: str) -> int:
    """Count one start of ``version``; returns the starts since it was last healthy
    (0 for a release already healthy: a healthy release is never rolled back by this)."""
    if is_healthy(state_dir, version):
        return 0
    path = _markers(state_dir) / BOOTS
    boots = read_json(path, {})
    boots = boots if isinstance(boots, dict) else {}
    boots[version] = int(boots.get(version, 0)) + 1
    write_json(path, boots)
    return boots[version]


def boots(state_dir: Path, version: str) -> int:
    data = read_json(_markers(state_dir) / BOOTS, {})
    return int(data.get(version, 0)) if isinstance(data, dict) else 0


def mark_healthy(state_dir: Path, version: str) -> None:
    path = _markers(state_dir) / BOOTS
    data = read_json(path, {})
    if isinstance(data, dict) and data.pop(version, None) is not None:
        write_json(path, data)
    write_json(_markers(state_dir) / HEALTHY, {"version": version, "at": time.time()})


def is_healthy(state_dir: Path, version: str) -> bool:
    data = read_json(_markers(state_dir) / HEALTHY, {})
    return isinstance(data, dict) and data.get("version") == version


def _seen(state_dir: Path, name: str, version: str, since: float) -> bool:
    data = read_json(_markers(state_dir) / name, {})
    return (
        isinstance(data, dict)
        and data.get("version") == version
        and float(data.get("at", 0)) >= since
    )


@dataclass(frozen=True)
class HealthResult:
    healthy: bool
    reason: str


class HealthGate:
    """Waits for a switched release to prove itself, with a time limit."""

    def __init__(
        self,
        state_dir: Path,
        *,
        timeout_s: float,
        max_boots: int,
        selftest_command: Sequence[str] = (),
        poll_s: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._dir = state_dir
        self._timeout_s = timeout_s
        self._max_boots = max_boots
        self._selftest = tuple(selftest_command)
        self._poll_s = poll_s
        self._clock = clock
        self._sleep = sleep

    def wait(self, version: str, since: float, substitutions: dict[str, str]) -> HealthResult:
        """``since``: wall time of the switch; markers older than it do not count."""
        deadline = self._clock() + self._timeout_s
        selftest: str | None = None
        while True:
            started = boots(self._dir, version)
            if started >= self._max_boots:
                return HealthResult(
                    False, f"crash loop: {started} starts of {version} without becoming healthy"
                )
            frame = _seen(self._dir, FIRST_FRAME, version, since)
            beat = _seen(self._dir, HEARTBEAT, version, since)
            if frame and beat and selftest is None:
                selftest = self._run_selftest(substitutions)
                if selftest != "passed" and not selftest.startswith("skipped"):
                    return HealthResult(False, f"selftest of {version} failed: {selftest}")
            if frame and beat and selftest is not None:
                return HealthResult(
                    True, f"attract screen shown, heartbeat answered, selftest {selftest}"
                )
            if self._clock() >= deadline:
                missing = [
                    what
                    for what, ok in (("no attract screen", frame), ("no heartbeat answered", beat))
                    if not ok
                ]
                return HealthResult(
                    False,
                    f"health gate: {' and '.join(missing)} from "
                    f"{version} within {self._timeout_s:g} s",
                )
            self._sleep(self._poll_s)

    def _run_selftest(self, substitutions: dict[str, str]) -> str:
        if not self._selftest:
            return "skipped (no selftest command)"
        command = [substitute(part, substitutions) for part in self._selftest]
        if os.sep in command[0] and not Path(command[0]).exists():
            return f"skipped ({command[0]} does not exist)"
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=max(self._timeout_s, 30)
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"could not run: {type(exc).__name__}"
        if result.returncode == 0:
            return "passed"
        return f"exit {result.returncode}: {(result.stdout + result.stderr).strip()[-300:]}"


def substitute(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text
