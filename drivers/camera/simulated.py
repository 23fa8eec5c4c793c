"""In-process simulated barcode camera: tests and the demo show it codes."""

from __future__ import annotations

import queue

from drivers.camera.interface import ScannedCode
from drivers.errors import DeviceUnavailableError
from drivers.simulation import FaultSet

CAMERA_FAULTS = ("unplugged",)


class SimulatedCamera:
    """Faults: unplugged."""

    def __init__(self, faults: list[str] | None = None) -> None:
        self.faults = FaultSet("camera", CAMERA_FAULTS, faults or ())
        self._codes: queue.Queue[ScannedCode] = queue.Queue()

    def show(self, text: str, symbology: str = "QR") -> None:
        """Hold a code in front of the camera."""
        self._codes.put(ScannedCode(text, symbology))

    def read_code(
        self, timeout: float, formats: frozenset[str] = frozenset()
    ) -> ScannedCode | None:
        if "unplugged" in self.faults:
            raise DeviceUnavailableError("camera unplugged")
        try:
            code = self._codes.get(timeout=timeout)
        except queue.Empty:
            return None
        if formats and code.symbology not in formats:
            return None
        return code

    def close(self) -> None:
        pass
