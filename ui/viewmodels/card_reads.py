"""Which citizen session a card read belongs to: the one it began in.

A read takes a while (the photo, the PIN step). When its session ends meanwhile
(cancelled, timed out) and another begins, its outcome is not the new citizen's — it
used to identify them with the first citizen's name, photo and national number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class CardReads:
    """Notes the session each read begins in (``current()`` gives the live one)."""

    def __init__(self, current: Callable[[], object]) -> None:
        self._current = current
        self._began_in: object | None = None

    def belongs(self, news: Any) -> bool:
        """False for the outcome ("identified", "failed") of a read begun in a session
        that has ended since; every other news belongs to the live session."""
        kind = getattr(news, "kind", None)
        if kind == "reading":
            self._began_in = self._current()
            return True
        if kind not in ("identified", "failed", "removed"):
            return True
        began, self._began_in = self._began_in, None
        return kind == "removed" or began is None or began is self._current()
