"""Is a citizen using the kiosk? The update lock asks :meth:`Activity.busy`.

Seam for the UI (stdlib only, cheap to import): call :func:`mark_session_started` when a
citizen session starts (first touch past the attract screen) and
:func:`mark_session_ended` when it ends (done, cancelled, inactivity wipe). The session
marker holds the UI's pid, so a UI that crashed mid-session does not hold updates back.
Payments in progress come from the payment journal (an intent with neither completion
nor closure): the journal is the truth, whatever the UI wrote.

Before the switch the updater writes a "switching" marker (:func:`mark_switching`); the
UI asks :func:`switching` before it leaves the attract screen and starts no session
while one is under way.
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
SWITCHING = "switching.json"


def mark_session_started(state_dir: Path, pid: int | None = None) -> None:
    write_json(state_dir / SESSION, {"pid": pid or os.getpid(), "started_at": time.time()})


def mark_session_ended(state_dir: Path) -> None:
    write_json(state_dir / LAST_ACTIVITY, {"ended_at": time.time()})
    (state_dir / SESSION).unlink(missing_ok=True)


def mark_switching(state_dir: Path, version: str, hold_s: float) -> None:
    """The updater is about to switch to ``version`` (restart and health gate follow):
    the UI starts no new session for at most ``hold_s`` or until :func:`clear_switching`.

    Closes the window between the idle check and the restart: the updater writes this
    marker and then checks :meth:`Activity.busy` once more; the UI writes its session
    marker and then checks :func:`switching`. Whichever comes second sees the other."""
    write_json(
        state_dir / SWITCHING,
        {"version": version, "pid": os.getpid(), "until": time.time() + hold_s},
    )


def clear_switching(state_dir: Path) -> None:
    (state_dir / SWITCHING).unlink(missing_ok=True)


def switching(state_dir: Path, wall: Callable[[], float] = time.time) -> str | None:
    """The version a switch is under way to, or None. A marker whose updater died, or
    past its time, does not count: it must never keep citizens away for good."""
    data = read_json(state_dir / SWITCHING)
    if not isinstance(data, dict):
        return None
    try:
        pid, until, version = int(data.get("pid", 0)), float(data.get("until", 0)), data["version"]
    except (KeyError, TypeError, ValueError):
        return None
    if pid <= 0 or not _alive(pid) or wall() >= until:
        return None
    return str(version)


class SessionMarkers(Protocol):
    """What a citizen UI tells the update lock (kiosk.updates.uimarkers.UiMarkers)."""

    def begin_session(self) -> bool:
        """A session starts, unless a switch is under way (then False)."""
        ...

    def note_session(self) -> None: ...

    def end_session(self) -> None: ...


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
