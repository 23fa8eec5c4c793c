"""Watching the eID reader: insertions become identifications, removals end sessions.

Runs on its own thread and talks to the reader only through the reader's owner
thread. What it learns goes to ``on_news``, on the watcher's thread: a GUI must hop
to its own thread. Card data is handed over, never logged.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from drivers.eid.errors import CardRemovedError
from drivers.eid.interface import EidReader
from drivers.errors import DeviceError
from kiosk.card_presence import PresenceCheck, PresenceRefused
from kiosk.devices import DeviceOwner

if TYPE_CHECKING:  # annotations only: the card model comes with the first card read
    from common.eid.model import EidCardData

log = logging.getLogger(__name__)

NewsKind = Literal["reading", "identified", "failed", "removed", "reader_problem",
                   "reader_ok"]


@dataclass(frozen=True)
class CardNews:
    kind: NewsKind
    card: EidCardData | None = field(default=None, repr=False)
    reason: str = ""  # for "failed": "unreadable", "not_genuine", "pin_blocked", …
    # For "identified" after the PIN step, online: the platform's card-session token.
    card_session: str | None = field(default=None, repr=False)


class CardWatcher:
    def __init__(self, reader: DeviceOwner[EidReader], on_news: Callable[[CardNews], None],
                 poll_s: float = 0.5, read_timeout_s: float = 20.0,
                 presence: PresenceCheck | None = None, pin_timeout_s: float = 180.0) -> None:
        """``presence``: ask the PIN and prove presence before "identified" (readers that
        can; the in-process simulator cannot and identifies as before)."""
        self._presence = presence
        self._pin_timeout_s = pin_timeout_s
        self._reader = reader
        self._on_news = on_news
        self._poll_s = poll_s
        self._read_timeout_s = read_timeout_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._reader_broken = False

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="card-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout_s)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                event = self._reader.call(lambda r: r.wait_for_event(self._poll_s),
                                          self._poll_s + 10)
            except (DeviceError, TimeoutError) as exc:
                if not self._reader_broken:
                    log.warning("eID reader problem: %s", exc)
                    self._reader_broken = True
                    self._on_news(CardNews("reader_problem", reason=str(exc)))
                self._stop.wait(2.0)
                continue
            if self._reader_broken:
                self._reader_broken = False
                self._on_news(CardNews("reader_ok"))
            if event is None:
                continue
            if event.kind == "removed":
                self._on_news(CardNews("removed"))
            elif event.kind == "inserted":
                self.read_now()

    def read_now(self) -> None:
        """Read the card in the reader (and run the PIN step); the outcome goes to
        ``on_news``. Called by the watcher on insertion; tests call it directly."""
        self._on_news(CardNews("reading"))
        try:
            card = self._reader.call(lambda r: r.read_card(), self._read_timeout_s)
        except (DeviceError, TimeoutError) as exc:
            log.warning("eID card could not be read: %s", type(exc).__name__)
            self._on_news(CardNews("failed", reason="unreadable"))
            return
        check = card.verification
        if not check.all_passed:
            # Shown to staff in the log, with which check failed; never accepted.
            log.warning("eID card refused, not genuine: photo_hash=%s identity_signature=%s "
                        "address_signature=%s", check.photo_hash, check.identity_signature,
                        check.address_signature)
            self._on_news(CardNews("failed", reason="not_genuine"))
            return
        token = None
        presence = self._presence
        if presence is not None and self._reader.call(presence.supported, 5.0):
            try:
                national_number = card.identity.national_number
                token = self._reader.call(lambda r: presence.prove(r, national_number),
                                          self._pin_timeout_s)
            except PresenceRefused as exc:
                self._on_news(CardNews("failed", reason=exc.reason))
                return
            except CardRemovedError:
                self._on_news(CardNews("removed"))  # pulled out mid-PIN: the session ends
                return
            except (DeviceError, TimeoutError) as exc:
                log.warning("eID PIN step failed: %s", type(exc).__name__)
                self._on_news(CardNews("failed", reason="unreadable"))
                return
        self._on_news(CardNews("identified", card=card, card_session=token))
