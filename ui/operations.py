"""Background work for the GUI: run a callable on a worker, land the result on the
GUI thread (after Anki's ``QueryOp``). The GUI thread never waits on a device, the
database or the network."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives on the GUI thread; its signals are delivered there (queued)."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: Any) -> None:
        self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, error: BaseException) -> None:
        self._on_failure(error)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # every failure must reach the GUI, never vanish
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class BackgroundRunner:
    """Starts work on a thread pool; callbacks run on the GUI thread."""

    def __init__(self, pool: QThreadPool) -> None:
        self._pool = pool
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        relay: _Relay

        def done_ok(result: Any) -> None:
            self._relays.discard(relay)
            on_success(result)

        def done_err(error: BaseException) -> None:
            self._relays.discard(relay)
            on_failure(error)

        relay = _Relay(done_ok, done_err)
        self._relays.add(relay)  # keep it alive until the result is delivered
        self._pool.start(_Task(work, relay))

    def wait_idle(self, timeout_ms: int) -> bool:
        """Wait for running work (shutdown and tests)."""
        return self._pool.waitForDone(timeout_ms)
