"""Library calls that belong to one patron session, run on the library's owner thread.

A result that comes back after its session ended (card out, inactivity, finish) is
dropped, so it can never land on the next patron's screen; the calls under way are
counted so the screen can show it is working.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.devices import DeviceOwner
from ui.operations import BackgroundRunner


class SessionCalls:
    """Runs ``call(device)`` on ``owner``'s thread and answers on the GUI thread."""

    def __init__(self, runner: BackgroundRunner, changed: Callable[[], None]) -> None:
        self._runner = runner
        self._changed = changed
        self._generation = 0  # one per session: late results of an ended one are dropped
        self.under_way = 0  # calls counted as busy (the screen shows it's working)

    def next_session(self) -> None:
        """Results of calls made so far belong to a session that is over."""
        self._generation += 1

    def run(
        self,
        owner: DeviceOwner[Any],
        call: Callable[[Any], Any],
        on_ok: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        *,
        session_bound: bool = True,
        busy: bool = True,
    ) -> None:
        """``on_ok(result)`` (then ``changed``) or ``on_failed(error)`` on the GUI thread,
        unless ``session_bound`` and the session has ended meanwhile."""
        generation = self._generation

        def settle(answer: Callable[[Any], None], value: Any, notify: bool) -> None:
            if session_bound and generation != self._generation:
                return
            if busy:
                self.under_way = max(0, self.under_way - 1)
            answer(value)
            if notify:
                self._changed()

        if busy:
            self.under_way += 1
            self._changed()
        self._runner.run_on(owner, call, lambda result: settle(on_ok, result, True),
                            lambda error: settle(on_failed, error, False))
