"""The systemd notification protocol (sd_notify), in a few lines of stdlib.

A service started with ``Type=notify`` gets ``NOTIFY_SOCKET`` (an AF_UNIX datagram
socket; ``@name`` is the abstract namespace) and, with ``WatchdogSec=``,
``WATCHDOG_USEC``. Outside systemd neither is set and every call here does nothing, so
``kiosk run`` on a developer's desk behaves the same. Stdlib only: the UI imports this
before its first frame.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the first notification (READY=1 comes after the first frame)
    import socket

log = logging.getLogger(__name__)


class SystemdNotifier:
    """Sends ``READY=1``, ``WATCHDOG=1``, ``STOPPING=1``, ``STATUS=…`` to systemd.

    Never raises: a lost notification must not take the kiosk down (systemd's own
    timeouts deal with a service that stays silent).
    """

    def __init__(self, address: str | None, watchdog_usec: int | None = None) -> None:
        self.address = address or None
        self.watchdog_usec = watchdog_usec
        self._socket: socket.socket | None = None
        self._warned = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SystemdNotifier:
        """From ``NOTIFY_SOCKET`` / ``WATCHDOG_USEC`` / ``WATCHDOG_PID`` (this process only)."""
        env = os.environ if env is None else env
        usec: int | None = None
        pid = env.get("WATCHDOG_PID")
        if env.get("WATCHDOG_USEC", "").isdigit() and (not pid or pid == str(os.getpid())):
            usec = int(env["WATCHDOG_USEC"]) or None
        return cls(env.get("NOTIFY_SOCKET"), usec)

    @property
    def enabled(self) -> bool:
        return self.address is not None

    @property
    def watchdog_interval_s(self) -> float | None:
        """How often to ping: half the watchdog timeout, as systemd recommends."""
        return self.watchdog_usec / 2_000_000 if self.watchdog_usec else None

    def notify(self, *assignments: str) -> bool:
        """Send ``KEY=VALUE`` lines in one datagram; False when not sent."""
        if self.address is None:
            return False
        target = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            if self._socket is None:
                import socket

                self._socket = socket.socket(
                    socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC
                )
                self._socket.setblocking(False)
            self._socket.sendto("\n".join(assignments).encode(), target)
        except OSError as exc:
            if not self._warned:  # once: a missing socket would otherwise flood the log
                log.warning("systemd notification to %s failed: %s", self.address, exc)
                self._warned = True
            return False
        return True

    def ready(self, status: str = "") -> bool:
        return self.notify("READY=1", *([f"STATUS={status}"] if status else []))

    def ping(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
