"""The UI's side of the update seams in one object, so each screen only calls it.

The UI must never stop serving because a marker could not be written (a full disk, a
state directory a technician removed): every call logs the problem and carries on.
Stdlib only, cheap to import: the UI builds this before its first frame.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from kiosk.updates import activity, health

log = logging.getLogger(__name__)


class UiMarkers:
    """Session, start and first-frame markers for the release ``version``."""

    def __init__(self, state_dir: Path, version: str) -> None:
        self.state_dir = state_dir
        self.version = version
        self._in_session = False

    @classmethod
    def from_config(cls, config: object, version: str) -> UiMarkers | None:
        """None when the kiosk takes no updates (no ``[updates] public_key``): nothing
        reads the markers then, and demo machines have no /var/lib/kiosk/updates."""
        updates = getattr(config, "updates", None)
        if updates is None or not updates.public_key:
            return None
        return cls(Path(updates.state_dir), version)

    @property
    def in_session(self) -> bool:
        """A citizen session is on screen (remote screenshots wait for its end)."""
        return self._in_session

    def first_frame(self) -> None:
        """The attract screen's first frame is on screen (the health gate waits for it)."""
        self._try("first frame", lambda: health.mark_first_frame(self.state_dir, self.version))

    def begin_session(self) -> bool:
        """A citizen leaves the attract screen. False: a software switch is under way,
        so no session may start (the restart would cut it); the screen stays."""
        self._try("session start", lambda: activity.mark_session_started(self.state_dir))
        self._in_session = True
        try:
            version = activity.switching(self.state_dir)
        except OSError as exc:
            log.warning("update switching marker unreadable: %s", exc)
            version = None
        if version is None:
            return True
        log.info("no new session: the switch to %s is under way", version)
        self.end_session()
        return False

    def note_session(self) -> None:
        """The screen left attract by a path that did not ask :meth:`begin_session`
        first: the session is marked all the same (the update lock waits for it)."""
        if not self._in_session:
            self._in_session = True
            self._try("session start", lambda: activity.mark_session_started(self.state_dir))

    def end_session(self) -> None:
        """The session ended (done, cancelled, inactivity wipe)."""
        if not self._in_session:
            return
        self._in_session = False
        self._try("session end", lambda: activity.mark_session_ended(self.state_dir))

    def _try(self, what: str, write: Callable[[], object]) -> None:
        try:
            write()
        except OSError as exc:
            log.warning("update marker (%s) not written in %s: %s", what, self.state_dir, exc)
