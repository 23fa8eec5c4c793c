"""In-process simulated eID reader: tests and the demo insert and remove cards."""

from __future__ import annotations

import queue
import threading
import time

from common.eid.model import CardEvent, EidCardData
from drivers.errors import DeviceError, DeviceUnavailableError
from drivers.simulation import EID_FAULTS, FaultSet

READER_NAME = "Simulated eID reader"


class SimulatedEidReader:
    """Faults: unplugged (every call fails), unreadable (reading fails), slow (2 s read)."""

    def __init__(self, faults: list[str] | None = None, slow_seconds: float = 2.0) -> None:
        self.faults = FaultSet("eid reader", EID_FAULTS, faults or ())
        self._slow_seconds = slow_seconds
        self._events: queue.Queue[CardEvent] = queue.Queue()
        self._card: EidCardData | None = None
        self._lock = threading.Lock()

    def insert(self, card: EidCardData) -> None:
        with self._lock:
            self._card = card
        self._events.put(CardEvent("inserted", READER_NAME))

    def remove(self) -> None:
        with self._lock:
            self._card = None
        self._events.put(CardEvent("removed", READER_NAME))

    def wait_for_event(self, timeout: float) -> CardEvent | None:
        self._check_plugged()
        try:
            return self._events.get(timeout=timeout)
        except queue.Empty:
            return None

    def card_present(self) -> bool:
        self._check_plugged()
        with self._lock:
            return self._card is not None

    def read_card(self) -> EidCardData:
        self._check_plugged()
        if "slow" in self.faults:
            time.sleep(self._slow_seconds)
        with self._lock:
            card = self._card
        if card is None:
            raise DeviceError("no card in the reader")
        if "unreadable" in self.faults:
            raise DeviceError("card did not answer (unreadable)")
        return card

    def close(self) -> None:
        pass

    def _check_plugged(self) -> None:
        if "unplugged" in self.faults:
            raise DeviceUnavailableError("eID reader unplugged")
