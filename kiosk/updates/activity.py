"""Is a citizen using the kiosk? The update lock asks :meth:`Activity.busy`.

Seam for the UI (stdlib only, cheap to import): call :func:`mark_session_started` when a
citizen session starts (first touch past the attract screen) and
:func:`mark_session_ended` when it ends (done, cancelled, inactivity wipe). The session
marker holds the UI's pid, so a UI that crashed mid-session does not hold updates back.
Payments in progress come from the payment journal (an intent with neither completion
nor closure): the journal is the truth, whatever the UI wrote.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from kiosk.updates.files import read_json, write_json

SESSION = "session.json"
LAST_ACTIVITY = "last-activity.json"


def mark_session_started(state_dir: Path, pid: int | None = None) -> None:
    write_json(state_dir / SESSION, {"pid": pid or os.getpid(), "started_at": time.time()})


def mark_session_ended(state_dir: Path) -> None:
    write_json(state_dir / LAST_ACTIVITY, {"ended_at": time.time()})
    (state_dir / SESSION).unlink(missing_ok=True)


class UnfinishedPayments(Protocol):
    def unfinished(self) -> list[str]: ...


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: it exists
    return True


class Activity:
    """``journal``: a :class:`kiosk.payments.journal.PaymentJournal` (or None: no store)."""

    def __init__(
        self,
        state_dir: Path,
        journal: UnfinishedPayments | None,
        wall: Callable[[], float] = time.time,
        max_session_s: float = 3600.0,
    ) -> None:
        self._dir = state_dir
        self._journal = journal
        self._wall = wall
        self._max_session_s = max_session_s

    def busy(self) -> str | None:
        """Why the kiosk is busy now (safe to log), or None when it is not."""
        if self._journal is not None:
            unfinished = self._journal.unfinished()
            if unfinished:
                return f"payment {unfinished[0][:8]}… in progress"
        session = read_json(self._dir / SESSION)
        if isinstance(session, dict):
            pid = int(session.get("pid", 0))
            age = self._wall() - float(session.get("started_at", 0))
            # A session far older than any journey (inactivity wipes them) is stale.
            if pid > 0 and _alive(pid) and age < self._max_session_s:
                return "citizen session in progress"
        return None

    def idle_since(self) -> float:
        """Wall time the last session ended (0: none recorded)."""
        data = read_json(self._dir / LAST_ACTIVITY, {})
        return float(data.get("ended_at", 0)) if isinstance(data, dict) else 0.0
