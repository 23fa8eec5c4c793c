"""Fault injection shared by the simulated peers: the drivers' simulator twins and the
backend's embedded library system."""

from __future__ import annotations

import threading
from collections.abc import Iterable


class FaultSet:
    """The faults currently injected into one simulated device.

    Thread-safe: tests and the demo inject from their own thread while the device's
    owner thread reads. An unknown fault raises :attr:`unknown_error` (a subclass may
    name its own, e.g. the drivers' ``DeviceUriError`` for ``sim://…?fault=``).
    """

    unknown_error: type[ValueError] = ValueError

    def __init__(self, device: str, known: Iterable[str], initial: Iterable[str] = ()) -> None:
        self._device = device
        self._known = frozenset(known)
        self._active: set[str] = set()
        self._lock = threading.Lock()
        for fault in initial:
            self.inject(fault)

    @property
    def known(self) -> frozenset[str]:
        return self._known

    def inject(self, fault: str) -> None:
        if fault not in self._known:
            raise self.unknown_error(
                f"unknown fault {fault!r} for simulated {self._device}; "
                f"known: {', '.join(sorted(self._known))}"
            )
        with self._lock:
            self._active.add(fault)

    def clear(self, fault: str | None = None) -> None:
        with self._lock:
            if fault is None:
                self._active.clear()
            else:
                self._active.discard(fault)

    def __contains__(self, fault: str) -> bool:
        with self._lock:
            return fault in self._active
