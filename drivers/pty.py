"""A raw pseudo-terminal for the serial simulators: the driver opens ``path`` with
pyserial, the simulator reads and writes the master end."""

from __future__ import annotations

import os
import select
import tty


class RawPty:
    """``os.openpty()`` with the line discipline off (no echo, no CR/LF mapping), and
    the master end as a byte port with pyserial-like ``read``/``write``/``timeout``."""

    def __init__(self, timeout: float = 0.1) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        self.timeout: float | None = timeout

    def read(self, size: int = 1) -> bytes:
        """Up to ``size`` bytes, or b"" when nothing came within ``timeout``."""
        ready, _, _ = select.select([self._master], [], [], self.timeout)
        return os.read(self._master, size) if ready else b""

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        while view:
            view = view[os.write(self._master, view):]
        return len(data)

    def close(self) -> None:
        os.close(self._master)
        os.close(self._slave)
