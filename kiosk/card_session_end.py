"""The City's platform card session lasts as long as the card it was proven with: when
that card leaves the reader (or another card's PIN step replaces it), the kiosk asks the
platform to end it (``DELETE /card-sessions``) rather than leave it open until it expires
(5 minutes), during which this kiosk's credential could still read that citizen.

Best effort, off the GUI thread: a platform that cannot be reached lets the session
expire by itself. The token is never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


class CardSessionEnd:
    """Watches the card news on its way to the UI; ``close(token)`` ends a session at the
    platform and ``run(work)`` runs ``work`` on a worker."""

    def __init__(self, close: Callable[[str], None],
                 run: Callable[[Callable[[], None]], None]) -> None:
        self._close = close
        self._run = run
        self._open: str | None = None

    def watching(self, forward: Callable[[Any], None]) -> Callable[[Any], None]:
        """``forward`` (the UI's news handler), ending sessions as their card leaves."""

        def on_news(news: Any) -> None:
            kind = getattr(news, "kind", None)
            if kind == "identified":
                self._end()  # another card proven without a removal seen: end the old one
                self._open = getattr(news, "card_session", None)
            elif kind == "removed":
                self._end()
            forward(news)

        return on_news

    def _end(self) -> None:
        token, self._open = self._open, None
        if token is not None:
            close = self._close
            self._run(lambda: close(token))
