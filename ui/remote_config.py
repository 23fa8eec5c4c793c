"""Remote configuration applied by the UI at the next idle moment.

The sync process validates what central IT sends and keeps it pending in the store
(sync/heartbeat_config.py). Here, every ``interval_ms`` while the journey rests on the
attract screen, a worker reads the pending override and builds the new config; back on
the GUI thread, if the kiosk is still idle, the running kiosk takes it (``apply``) and
a worker marks it applied, so the next heartbeat reports the new config version.
The GUI thread never touches the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk.domain.journey import Journey, State
from ui.operations import BackgroundRunner

if TYPE_CHECKING:  # SQLAlchemy and the registry come with the services, not before
    from drivers.registry import DeviceRegistry
    from kiosk.config.schema import Config
    from kiosk.store.database import Store

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 5_000


class RemoteConfigApplier(QObject):
    """Start with :meth:`start`, always :meth:`stop`; :meth:`check` runs one round."""

    def __init__(
        self,
        journey: Journey,
        runner: BackgroundRunner,
        store: Store,
        base: Config,
        registry: DeviceRegistry,
        apply: Callable[[Config], None],
        interval_ms: int = CHECK_EVERY_MS,
    ) -> None:
        super().__init__()
        self._journey = journey
        self._runner = runner
        self._store = store
        self._base = base
        self._registry = registry
        self._apply = apply
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def idle(self) -> bool:
        """No citizen session: the journey rests on the attract screen."""
        return self._journey.state is State.ATTRACT

    def check(self) -> None:
        if self._busy or not self.idle():
            return
        self._busy = True
        self._runner.run(self._fetch, self._fetched, self._failed)

    def _fetch(self) -> tuple[str, Config] | None:
        from sync.heartbeat_config import (  # SQLAlchemy: on the worker
            RemoteConfigError,
            apply_values,
            pending_remote_config,
        )

        override = pending_remote_config(self._store)
        if override is None:
            return None
        try:
            return override.version, apply_values(self._base, override.values, self._registry)
        except RemoteConfigError as exc:  # the sync side checked it: the file changed since
            log.warning("remote config %s cannot be applied: %s", override.version, exc)
            return None

    def _fetched(self, found: tuple[str, Config] | None) -> None:
        if found is None or not self.idle():  # a citizen came meanwhile: next round
            self._busy = False
            return
        version, config = found
        self._apply(config)
        log.info("remote config %s in effect", version)

        def mark() -> bool:
            from sync.heartbeat_config import mark_applied

            return mark_applied(self._store, version)

        self._runner.run(mark, self._marked, self._failed)

    def _marked(self, _: bool) -> None:
        self._busy = False

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        log.error("remote config check failed: %s", error, exc_info=error)
