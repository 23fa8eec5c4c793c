"""Checks that overlap card I/O on a worker, taken back by the caller when the worker has
not begun them.

The eID reader's verifier runs at idle priority (drivers/eid/pcsc.py): on an idle kiosk
it checks signatures while the photo or the PIN exchange comes off the card, but on a busy
machine it may hardly get the CPU, and a caller waiting on it would wait for the
machine rather than the card. So a check the worker has not started when its result is
needed is cancelled there and run on the caller's thread: a starved worker delays the
caller by at most the one check it is running, not by its whole queue.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from typing import Generic, TypeVar

T = TypeVar("T")


class Overlapped(Generic[T]):
    """``check(*args)``, started on ``executor`` (``None``: run when asked)."""

    def __init__(self, executor: Executor | None, check: Callable[..., T], *args: object) -> None:
        self._check = check
        self._args = args
        self._future = executor.submit(check, *args) if executor is not None else None

    def cancel(self) -> None:
        """Not needed after all: drop it if the worker has not begun it."""
        if self._future is not None:
            self._future.cancel()

    def result(self) -> T:
        """The check's outcome (its exception raised here), from whichever thread ran it."""
        if self._future is None or self._future.cancel():
            return self._check(*self._args)
        return self._future.result()
