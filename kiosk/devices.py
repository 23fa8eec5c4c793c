"""Device ownership: every call to one device runs on that device's own thread.

Drivers are not thread-safe and some block for seconds; one owner thread per device
serialises their calls and keeps the GUI thread free (DESIGN.md, rule 4).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

D = TypeVar("D")
R = TypeVar("R")


class DeviceOwner(Generic[D]):
    """Runs callables against ``device`` on a single dedicated thread."""

    def __init__(self, name: str, device: D) -> None:
        self.name = name
        self._device = device
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"device-{name}")
        self._thread_ident: int | None = None
        self._executor.submit(self._remember_thread).result()

    def _remember_thread(self) -> None:
        self._thread_ident = threading.get_ident()

    def submit(self, call: Callable[[D], R]) -> Future[R]:
        return self._executor.submit(self._run, call)

    def call(self, call: Callable[[D], R], timeout: float) -> R:
        """Run ``call(device)`` on the owner thread and wait at most ``timeout`` seconds."""
        return self.submit(call).result(timeout=timeout)

    def _run(self, call: Callable[[D], R]) -> R:
        assert threading.get_ident() == self._thread_ident, "device call off its owner thread"
        return call(self._device)

    @property
    def device(self) -> D:
        """The device itself, for simulators' test hooks (never for driver calls)."""
        return self._device

    def close(self, timeout: float = 5.0) -> None:
        close = getattr(self._device, "close", None)
        if close is not None:
            try:
                self.submit(lambda d: close()).result(timeout=timeout)
            finally:
                self._executor.shutdown(wait=False, cancel_futures=True)
        else:
            self._executor.shutdown(wait=False, cancel_futures=True)
