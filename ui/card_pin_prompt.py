"""The kiosk's :class:`kiosk.card_presence.PinPrompt`: the PIN step asks on the reader's
thread; the PIN pad (CardPinModel) lives on the GUI thread. This hops between them and
waits, bounded by a timeout, for the citizen's digits or cancel."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from ui.bridge import ThreadBridge
from ui.viewmodels.card_pin import CardPinModel

PIN_WAIT_S = 120.0  # a citizen who walks away: the step ends, the session with it


class UiPinPrompt:
    def __init__(self, language: Callable[[], str], speak: Callable[[str], None] | None = None,
                 wait_s: float = PIN_WAIT_S) -> None:
        """Build on the GUI thread. ``language``: the session's, read when asking."""
        self._answers: queue.Queue[bytearray | None] = queue.Queue()
        self._asking = threading.Event()  # a PIN step waits in ask()
        self._language = language
        self._wait_s = wait_s
        self.model = CardPinModel(self._answers.put, lambda: self._answers.put(None),
                                  language(), speak)
        self._gui = ThreadBridge(lambda call: call())

    def ask(self, tries_left: int | None, wrong: bool) -> bytearray | None:
        while not self._answers.empty():  # a stale tap from an earlier ask
            self._answers.get_nowait()

        def show() -> None:
            self.model.set_language(self._language())
            self.model.ask(tries_left, wrong=wrong)

        self._gui.post(show)
        self._asking.set()
        try:
            return self._answers.get(timeout=self._wait_s)
        except queue.Empty:
            return None
        finally:
            self._asking.clear()

    def blocked(self) -> None:
        self._gui.post(self.model.blocked)

    def close(self) -> None:
        self._gui.post(self.model.close)

    def end(self) -> None:
        """The citizen session ended (timeout, cancel): a PIN step still waiting ends now
        as cancelled — its pad must not stay over the next screens, taking guesses into a
        card left in the reader. Nothing is left behind when none waits."""
        if self._asking.is_set():
            self._answers.put(None)
        self.close()
