"""The closing banner's words, from the schedule and a clock (Qt-free).

The door service speaks the closing announcements at fixed marks (15 and 5 minutes by
default); the library's screens show a banner from the first mark until closing time,
counting the minutes down. Both read the same ``[library.schedule]`` and
``announce_before_min``, so the screens and the loudspeaker agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime

from kiosk.i18n import Translator
from kiosk.library.access.schedule import Schedule

BANNER_LANGUAGES = ("fr", "nl", "en")


def minutes_to_closing(schedule: Schedule, before_min: Iterable[int], now: datetime) -> int | None:
    """Whole minutes (rounded up) until the library closes, when that is within the
    largest of ``before_min``; ``None`` otherwise (closed already, or not closing soon).

    "Closing" is a switch to closed hours: the end of a staffed stretch followed by
    self-service hours is not a closing.
    """
    marks = tuple(before_min)
    if not marks:
        return None
    slot = schedule.slot_at(now)
    if slot.mode == "closed" or schedule.mode_at(slot.end) != "closed":
        return None
    left_s = (slot.end - now).total_seconds()
    if left_s > max(marks) * 60:
        return None
    return max(1, math.ceil(left_s / 60))


def banner_texts(minutes: int) -> dict[str, str]:
    """The banner in every language: "the library closes in N minutes" (the catalogs'
    ``library.closing`` texts)."""
    key = "library.closing.one" if minutes <= 1 else "library.closing"
    return {language: Translator(language)(key).format(n=minutes)
            for language in BANNER_LANGUAGES}
