"""The systemd watchdog for ``kiosk sync run``: READY=1 when the relay starts, then
WATCHDOG=1 once per relay cycle (``Relay.run(on_cycle=…)``).

Pinging from the relay's own loop, not from a helper thread, is the point: a relay
stuck in a call that never returns stops pinging, and systemd restarts it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from kiosk.systemd_notify import SystemdNotifier

log = logging.getLogger(__name__)


class SyncWatchdog:
    """``longest_cycle_s``: the longest a healthy cycle may take (backoff wait plus
    requests); a watchdog timeout below it would restart a healthy relay, so it is
    reported at start."""

    def __init__(self, notifier: SystemdNotifier, longest_cycle_s: float = 0.0) -> None:
        self._notifier = notifier
        timeout_s = (notifier.watchdog_usec or 0) / 1_000_000
        if timeout_s and timeout_s < longest_cycle_s:
            log.warning(
                "WatchdogSec=%.0f is shorter than the longest relay cycle (%.0f s): "
                "raise it in kiosk-sync.service or lower [sync] backoff_max_s",
                timeout_s,
                longest_cycle_s,
            )

    @classmethod
    def from_env(
        cls, longest_cycle_s: float = 0.0, env: Mapping[str, str] | None = None
    ) -> SyncWatchdog:
        return cls(SystemdNotifier.from_env(env), longest_cycle_s)

    def ready(self) -> None:
        self._notifier.ready("relaying the outbox")

    def ping(self) -> None:
        """The relay's ``on_cycle``."""
        self._notifier.ping()

    def close(self) -> None:
        self._notifier.stopping()
        self._notifier.close()
