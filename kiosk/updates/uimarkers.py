"""The UI's side of the update seams in one object, so each screen only calls it.

Every marker is written on the object's own owner thread, never on the caller's: the
UI calls these methods from its GUI thread at every state change, and a write is a
JSON file plus an fsync (tens of milliseconds on a busy SD card). Whether a software
switch is under way is kept in memory, refreshed by the owner thread every
``refresh_s`` and after every write, so :meth:`UiMarkers.begin_session` answers at once.

The hand-over with the updater stays safe because the updater, after writing its
"switching" marker, waits :data:`SWITCH_SETTLE_S` before its last busy check: longer
than this object's refresh interval plus a write, so a session the UI accepted just
before it saw the marker is on disk by then and is waited for.

The UI must never stop serving because a marker could not be written (a full disk, a
state directory a technician removed): every write logs the problem and carries on.
Stdlib only, cheap to import: the UI builds this before its first frame.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path

from kiosk.updates import activity

log = logging.getLogger(__name__)

REFRESH_S = 0.25
# The updater's wait between writing "switching" and its last busy check: the UI's
# refresh interval plus a generous allowance for one marker write (an fsync).
SWITCH_SETTLE_S = REFRESH_S + 1.75

_Job = Callable[[], None]
_REFRESH: _Job = lambda: None  # noqa: E731  the queue's "nothing to write, re-read" item


class UiMarkers:
    """Session, start and first-frame markers for the release ``version``.

    Call :meth:`close` when the UI ends (it writes what is still queued)."""

    def __init__(self, state_dir: Path, version: str, refresh_s: float = REFRESH_S) -> None:
        self.state_dir = state_dir
        self.version = version
        self._refresh_s = refresh_s
        self._in_session = False  # touched by the caller's thread only
        self._switching: str | None = None  # written by the owner thread only
        self._jobs: queue.Queue[_Job | threading.Event | None] = queue.Queue()
        self._refresh_switching()  # known before the first touch
        self._owner = threading.Thread(target=self._run, name="ui-markers", daemon=True)
        self._owner.start()

    @classmethod
    def from_config(cls, config: object, version: str) -> UiMarkers | None:
        """None when the kiosk takes no updates (no ``[updates] public_key``): nothing
        reads the markers then, and demo machines have no /var/lib/kiosk/updates."""
        updates = getattr(config, "updates", None)
        if updates is None or not updates.public_key:
            return None
        return cls(Path(updates.state_dir), version)

    @property
    def switching(self) -> str | None:
        """The version a switch is under way to, as last seen by the owner thread."""
        return self._switching

    @property
    def in_session(self) -> bool:
        """A citizen session is on screen (remote screenshots wait for its end)."""
        return self._in_session

    def first_frame(self) -> None:
        """The attract screen's first frame is on screen (the health gate waits for it)."""
        self._submit("first frame", self._mark_first_frame)

    def _mark_first_frame(self) -> None:
        # On the markers' thread: the health gate's module (subprocess…) stays out of the
        # imports before the first frame.
        from kiosk.updates import health

        health.mark_first_frame(self.state_dir, self.version)

    def begin_session(self) -> bool:
        """A citizen leaves the attract screen. False: a software switch is under way,
        so no session may start (the restart would cut it); the screen stays."""
        version = self._switching
        if version is not None:
            log.info("no new session: the switch to %s is under way", version)
            return False
        self._in_session = True
        self._submit("session start", lambda: activity.mark_session_started(self.state_dir))
        return True

    def note_session(self) -> None:
        """The screen left attract by a path that did not ask :meth:`begin_session`
        first: the session is marked all the same (the update lock waits for it)."""
        if not self._in_session:
            self._in_session = True
            self._submit("session start", lambda: activity.mark_session_started(self.state_dir))

    def end_session(self) -> None:
        """The session ended (done, cancelled, inactivity wipe)."""
        if not self._in_session:
            return
        self._in_session = False
        self._submit("session end", lambda: activity.mark_session_ended(self.state_dir))

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Wait until every marker asked for so far is written and the switching state
        re-read; False if that took longer than ``timeout_s``."""
        done = threading.Event()
        self._jobs.put(done)
        return done.wait(timeout_s)

    def close(self, timeout_s: float = 10.0) -> None:
        """Write what is queued and stop the owner thread."""
        if self._owner.is_alive():
            self._jobs.put(None)
            self._owner.join(timeout_s)

    # --- the owner thread ----------------------------------------------------------

    def _submit(self, what: str, write: Callable[[], object]) -> None:
        def job() -> None:
            try:
                write()
            except OSError as exc:
                log.warning("update marker (%s) not written in %s: %s", what, self.state_dir, exc)

        self._jobs.put(job)

    def _run(self) -> None:
        while True:
            try:
                item = self._jobs.get(timeout=self._refresh_s)
            except queue.Empty:
                item = _REFRESH
            if item is None:
                return
            if isinstance(item, threading.Event):  # flush(): everything before it is done
                self._refresh_switching()
                item.set()
                continue
            if item is not _REFRESH:
                item()
            self._refresh_switching()

    def _refresh_switching(self) -> None:
        try:
            self._switching = activity.switching(self.state_dir)
        except OSError as exc:
            log.warning("update switching marker unreadable: %s", exc)
            self._switching = None
