"""Fault injection shared by the in-process simulator twins."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from drivers.errors import DeviceUriError


class FaultSet:
    """The faults currently injected into one simulated device.

    Thread-safe: tests and the demo inject from their own thread while the device's
    owner thread reads.
    """

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
            raise DeviceUriError(
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


def faults_from_param(value: str) -> list[str]:
    """``fault=paper_out,cover_open`` → ["paper_out", "cover_open"]."""
    return [f.strip() for f in value.split(",") if f.strip()]
