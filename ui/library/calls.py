"""Calls on a device owner's thread whose results land on the GUI thread.

The library system and the camera each have one owner thread (kiosk/devices.py):
their calls are serialised there and the GUI thread never waits. The result (or the
error) comes back through a :class:`ui.bridge.ThreadBridge`, so no pool thread sits
blocked on a future.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from typing import Any

from kiosk.devices import DeviceOwner
from ui.bridge import ThreadBridge

log = logging.getLogger(__name__)


class OwnerCalls:
    """``run(owner, call, on_ok, on_err)``: ``call(device)`` on the owner's thread, the
    callbacks on the GUI thread. After ``close()`` late results are dropped."""

    def __init__(self) -> None:
        self._bridge = ThreadBridge(self._deliver)
        self._closed = False
        self.pending = 0

    def run(
        self,
        owner: DeviceOwner[Any],
        call: Callable[[Any], Any],
        on_ok: Callable[[Any], None],
        on_err: Callable[[BaseException], None],
    ) -> None:
        if self._closed:
            return
        self.pending += 1
        future = owner.submit(call)
        future.add_done_callback(lambda done: self._post(done, on_ok, on_err))

    def _post(
        self,
        future: Future[Any],
        on_ok: Callable[[Any], None],
        on_err: Callable[[BaseException], None],
    ) -> None:
        if not self._closed:
            self._bridge.post((future, on_ok, on_err))

    def _deliver(
        self, item: tuple[Future[Any], Callable[[Any], None], Callable[[BaseException], None]]
    ) -> None:
        future, on_ok, on_err = item
        self.pending -= 1
        if self._closed:
            return
        try:
            error = future.exception()
        except CancelledError:  # the owner was closed: nobody waits for it any more
            return
        if error is not None:
            on_err(error)
        else:
            on_ok(future.result())

    def close(self) -> None:
        self._closed = True
