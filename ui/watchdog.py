"""The systemd watchdog for ``kiosk run``: READY=1 once the first frame is on screen,
then WATCHDOG=1 from a QTimer on the GUI thread.

The timer runs in the GUI thread's event loop on purpose: if that thread freezes (a
blocking call, a deadlock, a QML loop), the pings stop and systemd restarts the
kiosk after ``WatchdogSec=`` (kiosk-ui.service). Outside systemd it does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

from kiosk.systemd_notify import SystemdNotifier

log = logging.getLogger(__name__)
# Without WatchdogSec= there is nothing to ping; READY=1 is still sent.
MIN_INTERVAL_MS = 50


class UiWatchdog(QObject):
    """Pings ``notifier`` every ``watchdog_interval_s`` while the GUI thread is alive."""

    def __init__(self, notifier: SystemdNotifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notifier = notifier
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._notifier.ping)
        self.started = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> UiWatchdog:
        return cls(SystemdNotifier.from_env(env))

    @property
    def pinging(self) -> bool:
        return self._timer.isActive()

    def start(self, status: str = "attract screen shown") -> None:
        """Tell systemd the kiosk is up and start pinging (idempotent)."""
        if self.started or not self._notifier.enabled:
            return
        self.started = True
        self._notifier.ready(status)
        interval = self._notifier.watchdog_interval_s
        if interval is not None:
            self._timer.start(max(MIN_INTERVAL_MS, int(interval * 1000)))
            self._notifier.ping()
            log.info("systemd watchdog: pinging every %.1f s", interval)

    def stop(self) -> None:
        """Stop pinging and tell systemd the stop is deliberate."""
        self._timer.stop()
        if self.started:
            self._notifier.stopping()
        self._notifier.close()
