"""The update lock: the switch waits until no session or payment is in progress and the
kiosk has been idle ``idle_s``; after ``max_idle_wait_s`` any idle moment will do; after
``give_up_after_s`` the update stays pending (tried again at the next check)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from kiosk.updates.errors import UpdateError

log = logging.getLogger(__name__)


class Busy(Protocol):
    def busy(self) -> str | None: ...

    def idle_since(self) -> float: ...


def wait_for_idle(
    activity: Busy,
    *,
    idle_s: float,
    max_wait_s: float,
    give_up_after_s: float,
    poll_s: float = 0.5,
    on_busy: Callable[[str], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    wall: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Block until the kiosk may be switched; returns why it may (for the log)."""
    start = clock()
    last_reason: str | None = None
    while True:
        waited = clock() - start
        reason = activity.busy()
        if reason is None:
            idle_for = wall() - activity.idle_since()
            if idle_for >= idle_s:
                return f"idle for {idle_for:.0f} s"
            if waited >= max_wait_s:
                return f"idle moment after waiting {waited:.0f} s"
            reason = f"idle for {idle_for:.0f} of {idle_s:g} s"
        if waited >= give_up_after_s:
            raise UpdateError(
                f"update lock: kiosk not idle within {give_up_after_s:g} s ({reason})"
            )
        if reason != last_reason:
            log.info("update waits: %s", reason)
            if on_busy is not None:
                on_busy(reason)
            last_reason = reason
        sleep(poll_s)
