"""Remote actions on the kiosk: the heartbeat answer carries them, this runs them on its
own thread (a heartbeat never waits on one) and reports each back — waiting and why,
done with its result, or failed.

- ``screenshot``: the UI grabs its own window (it owns the screen): this side leaves a
  request file in ``<state dir>/screenshots`` and picks up the PNG the UI writes. Never
  while a citizen session or a payment is in progress: then it reports "waiting" and
  tries again when the backend repeats the action in the next answer.
- ``logs``: the recent journal of the kiosk's units, digit runs masked like every line
  the heartbeat sends.
- ``restart_ui``, ``reboot``: through systemd, and only when the kiosk is idle. A kiosk
  whose UI publishes no session marker (it takes no updates, so nothing asks it to)
  cannot tell idle from busy: there they fail with the reason instead of risking a
  citizen's session.
- ``selftest``: the technician's self-test (``kiosk provision selftest --json``).
"""

from __future__ import annotations

import base64
import logging
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sync.state_dirs import SCREENSHOTS

log = logging.getLogger(__name__)
MAX_OUTPUT = 60_000
# The largest PNG the platform takes in an action report (its base64 within the report's
# body limit: kiosk/backend/fleet/schemas.py MAX_SCREENSHOT_B64).
MAX_SCREENSHOT_BYTES = 1_500_000


class ActionReporter(Protocol):
    def post_action_report(self, action_id: int, body: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class ActionCommands:
    """What each action runs (systemd on a kiosk; tests pass their own)."""

    restart_ui: Sequence[str] = ("systemctl", "restart", "kiosk-ui.service")
    reboot: Sequence[str] = ("systemctl", "reboot")
    selftest: Sequence[str] = ("kiosk", "provision", "selftest", "--json")
    logs: Sequence[str] = (
        "journalctl", "-u", "kiosk-ui.service", "-u", "kiosk-sync.service",
        "-n", "300", "--no-pager", "-o", "short-iso",
    )
    timeout_s: float = 120.0
    # How long a screenshot request waits for the UI's PNG before saying so.
    screenshot_wait_s: float = 10.0


def screenshot_request(state_dir: Path, action_id: int) -> Path:
    return state_dir / SCREENSHOTS / f"{action_id}.request"


def screenshot_file(state_dir: Path, action_id: int) -> Path:
    return state_dir / SCREENSHOTS / f"{action_id}.png"


class ActionRunner:
    """Runs the actions a heartbeat answer lists, one at a time, on its own thread."""

    def __init__(
        self,
        reporter: ActionReporter,
        state_dir: Path,
        busy: Callable[[], str | None],
        mask: Callable[[str], str],
        commands: ActionCommands | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sessions_seen: bool = True,
    ) -> None:
        """``sessions_seen``: ``busy`` sees citizen sessions (the UI writes its session
        marker); False refuses restart and reboot, which could otherwise cut one."""
        self._reporter = reporter
        self._sessions_seen = sessions_seen
        self._dir = state_dir
        self._busy = busy
        self._mask = mask
        self._commands = commands or ActionCommands()
        self._monotonic = monotonic
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._lock = threading.Lock()
        self._in_flight: set[int] = set()
        self._finished: set[int] = set()
        self._thread: threading.Thread | None = None

    def offer(self, orders: Any) -> None:
        """The ``actions`` of a heartbeat answer: new ones and those still waiting run."""
        if not isinstance(orders, list):
            return
        for order in orders:
            if not isinstance(order, dict) or not isinstance(order.get("id"), int):
                continue
            with self._lock:
                if order["id"] in self._in_flight or order["id"] in self._finished:
                    continue
                self._in_flight.add(order["id"])
            self._start()
            self._queue.put(order)

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="actions", daemon=True)
                self._thread.start()

    def close(self, timeout_s: float = 15.0) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout_s)

    def _run(self) -> None:
        while True:
            order = self._queue.get()
            if order is None:
                return
            action_id = order["id"]
            try:
                report = self.run_one(action_id, str(order.get("kind")))
            except Exception as exc:  # an action must not take the thread down
                log.exception("remote action %s failed", action_id)
                report = {"state": "failed", "message": self._mask(f"{type(exc).__name__}")}
            try:
                self._reporter.post_action_report(action_id, report)
                delivered = True
            except Exception as exc:  # the backend repeats the action: report next time
                log.info("remote action %s: report not delivered: %s", action_id, exc)
                delivered = False
            with self._lock:
                self._in_flight.discard(action_id)
                if delivered and report["state"] != "waiting":
                    self._finished.add(action_id)

    # -- the actions ---------------------------------------------------------------------

    def run_one(self, action_id: int, kind: str) -> dict[str, Any]:
        """Run one action now; the report for the backend."""
        log.info("remote action %s: %s", action_id, kind)
        if kind == "logs":
            return self._command(self._commands.logs, "recent logs", keep_tail=True)
        if kind == "selftest":
            return self._command(self._commands.selftest, "self-test")
        if kind in ("restart_ui", "reboot") and not self._sessions_seen:
            return {"state": "failed",
                    "message": f"{kind}: this kiosk's UI marks no citizen sessions (it takes "
                               "no updates: [updates] public_key is empty), so idle cannot "
                               "be told from busy; restart it on site"}
        if kind in ("restart_ui", "reboot", "screenshot"):
            busy = self._busy()
            if busy is not None:
                return {"state": "waiting",
                        "message": self._mask(f"{busy}: waiting for the kiosk to be idle")}
            if kind == "screenshot":
                return self._screenshot(action_id)
            command = self._commands.restart_ui if kind == "restart_ui" else self._commands.reboot
            return self._command(command, "restart of the UI" if kind == "restart_ui" else "reboot")
        return {"state": "failed", "message": f"this kiosk does not know the action {kind!r}"}

    def _command(self, argv: Sequence[str], what: str, keep_tail: bool = False) -> dict[str, Any]:
        try:
            done = subprocess.run(list(argv), capture_output=True, text=True,
                                  timeout=self._commands.timeout_s, check=False)
        except FileNotFoundError:
            return {"state": "failed", "message": f"{what}: {argv[0]} is not installed"}
        except subprocess.TimeoutExpired:
            return {"state": "failed",
                    "message": f"{what}: no answer within {self._commands.timeout_s:.0f} s"}
        text = "\n".join(self._mask(line) for line in (done.stdout + done.stderr).splitlines())
        output = text[-MAX_OUTPUT:] if keep_tail else text[:MAX_OUTPUT]
        if done.returncode != 0:
            return {"state": "failed", "message": f"{what}: exit status {done.returncode}",
                    "output": output}
        return {"state": "done", "message": f"{what}: done", "output": output}

    def _screenshot(self, action_id: int) -> dict[str, Any]:
        request = screenshot_request(self._dir, action_id)
        picture = screenshot_file(self._dir, action_id)
        request.parent.mkdir(parents=True, exist_ok=True)
        if not picture.exists():
            request.write_text(str(action_id), encoding="utf-8")
        deadline = self._monotonic() + self._commands.screenshot_wait_s
        # Another process writes it: poll the file, bounded (no event crosses processes).
        while not picture.exists() and self._monotonic() < deadline:
            time.sleep(0.1)
        if not picture.exists():
            why = (request.parent / f"{action_id}.waiting")
            reason = why.read_text(encoding="utf-8")[:200] if why.exists() else (
                "the UI has not taken it yet")
            return {"state": "waiting", "message": self._mask(reason)}
        data = picture.read_bytes()
        for leftover in (picture, request, request.parent / f"{action_id}.waiting"):
            leftover.unlink(missing_ok=True)
        if len(data) > MAX_SCREENSHOT_BYTES:  # said once, not retried for ever
            return {"state": "failed",
                    "message": f"screenshot of {len(data) // 1000} kB: more than the "
                               f"platform takes ({MAX_SCREENSHOT_BYTES // 1000} kB)"}
        return {"state": "done", "message": f"screenshot, {len(data) // 1000} kB",
                "screenshot_png_base64": base64.b64encode(data).decode("ascii")}
