"""Background work for the GUI, one mechanism for all of it (after Anki's ``QueryOp``):
:class:`BackgroundRunner` runs work off the GUI thread and lands the result (or the
error) back on it. The GUI thread never waits on a device, the database or the network.

- ``run(work, ok, err)``: ``work()`` on a pool thread (the store, the network);
- ``run_on(owner, call, ok, err)``: ``call(device)`` on the device's own owner thread
  (kiosk/devices.py), where its calls are serialised; no pool thread sits parked on a
  future while a camera waits for a code or the library system answers.

Outcomes travel through one :class:`ui.bridge.ThreadBridge` that lives on the GUI
thread; the callbacks never leave it. After :meth:`BackgroundRunner.close` late results
are dropped (the screens are gone).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from typing import Any

from PySide6.QtCore import QRunnable, QThreadPool

from kiosk.devices import DeviceOwner
from ui.bridge import ThreadBridge

_Post = Callable[[tuple[int, bool, Any]], None]  # (token, succeeded, result or error)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], token: int, post: _Post) -> None:
        super().__init__()
        self._work = work
        self._token = token
        self._post = post

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # every failure must reach the GUI, never vanish
            self._post((self._token, False, exc))
        else:
            self._post((self._token, True, result))


class BackgroundRunner:
    """Starts work off the GUI thread; callbacks run on the GUI thread. Build it and
    call it on the GUI thread."""

    def __init__(self, pool: QThreadPool) -> None:
        self._pool = pool
        self._bridge = ThreadBridge(self._deliver)
        self._tokens = itertools.count()
        # token -> (on_success, on_failure); only ever touched on the GUI thread
        self._waiting: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]]
        self._waiting = {}
        self._closed = False

    @property
    def pending(self) -> int:
        """Work started whose outcome has not reached the GUI thread yet."""
        return len(self._waiting)

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """``work()`` on a pool thread."""
        if self._closed:
            return
        token = self._expect(on_success, on_failure)
        self._pool.start(_Task(work, token, self._bridge.post))

    def run_on(
        self,
        owner: DeviceOwner[Any],
        call: Callable[[Any], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """``call(device)`` on ``owner``'s thread. A call the owner cancelled (it was
        closed) reports nothing: nobody waits for it any more."""
        if self._closed:
            return
        token = self._expect(on_success, on_failure)
        post = self._bridge.post
        owner.submit(call).add_done_callback(lambda done: _post_outcome(done, token, post))

    def close(self) -> None:
        """Drop every outcome that arrives from now on."""
        self._closed = True
        self._waiting.clear()

    def wait_idle(self, timeout_ms: int) -> bool:
        """Wait for running pool work (shutdown and tests)."""
        return self._pool.waitForDone(timeout_ms)

    def _expect(
        self, on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None]
    ) -> int:
        token = next(self._tokens)
        self._waiting[token] = (on_success, on_failure)
        return token

    def _deliver(self, outcome: tuple[int, bool, Any]) -> None:
        token, succeeded, value = outcome
        callbacks = self._waiting.pop(token, None)
        if callbacks is None or self._closed:
            return
        if succeeded:
            callbacks[0](value)
        elif not isinstance(value, CancelledError):
            callbacks[1](value)


def _post_outcome(future: Future[Any], token: int, post: _Post) -> None:
    """On the owner's thread: the outcome goes to the GUI thread through the bridge."""
    try:
        error = future.exception()
    except CancelledError as cancelled:
        post((token, False, cancelled))  # only to forget the token there
        return
    post((token, False, error) if error is not None else (token, True, future.result()))
