"""The eID reader at the Open+ door: an inserted card becomes an entry attempt.

The reader (``[devices] eid_reader``, ``pcsc://…`` through pcscd) is watched by the
kiosk's own :class:`~kiosk.identity.CardWatcher` on its owner thread. A genuine card
(photo hash and signatures checked as at the kiosk) is turned into the patron token the
library system knows (:func:`kiosk.library.eid.eid_patron_token`: a keyed hash, never
the national number) and the card's birth date for the age rule; both stay in memory
and go to the door's queue. No PIN at the door: it only opens a door, it proves nothing
to anyone else.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.devices import DeviceOwner
from kiosk.identity import CardNews, CardWatcher
from kiosk.library.eid import eid_patron_token

log = logging.getLogger(__name__)

CARD_ZONE = ZoneInfo("Europe/Brussels")  # the identity file's dates are Belgian days


@dataclass(frozen=True)
class EidNotAccepted:
    """An eID that could not be read, or failed its genuineness checks."""

    reason: str  # CardNews.reason ("unreadable", "not_genuine", …), "expired", "not_yet_valid"


@dataclass(frozen=True)
class EidAtDoor:
    """An eID presented at the door: the library's patron token and the birth date."""

    token: str = field(repr=False)
    birth_date: date | None = field(default=None, repr=False)


class EidDoorReader:
    """Watches the door's eID reader; each genuine card read puts an :class:`EidAtDoor`
    on ``presented``, a card that is not an :class:`EidNotAccepted`. :meth:`close` stops
    the watcher and closes the reader."""

    def __init__(self, reader: Any, link_key: str, presented: queue.Queue[Any],
                 poll_s: float = 0.5,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._owner: DeviceOwner[Any] = DeviceOwner("door-eid", reader)
        self._link_key = link_key
        self._presented = presented
        self._now = now
        self._watcher = CardWatcher(self._owner, self._news, poll_s=poll_s)

    def start(self) -> None:
        self._watcher.start()

    def _news(self, news: CardNews) -> None:
        if news.kind == "identified" and news.card is not None:
            identity = news.card.identity
            # The card's own dates (Brussels calendar days): an expired eID — one a
            # holder replaced, or lost and had cancelled — opens no door, nor one not
            # valid yet.
            today = self._now().astimezone(CARD_ZONE).date()
            if identity.validity_end < today or identity.validity_begin > today:
                why = "expired" if identity.validity_end < today else "not_yet_valid"
                log.warning("eID at the door not accepted: %s", why)
                self._presented.put(EidNotAccepted(why))
                return
            try:
                token = eid_patron_token(identity.national_number, self._link_key)
            except ValueError as exc:  # a foreigner card without a national number…
                log.warning("eID at the door not usable: %s", exc)
                return
            self._presented.put(EidAtDoor(token, identity.birth_date))
        elif news.kind == "failed":
            log.warning("eID at the door not accepted: %s", news.reason)
            self._presented.put(EidNotAccepted(news.reason))
        elif news.kind == "reader_problem":
            log.warning("door eID reader: %s", news.reason)
        elif news.kind == "reader_ok":
            log.info("door eID reader back")

    def close(self) -> None:
        self._watcher.stop()
        self._owner.close()  # closes the reader on its owner thread
