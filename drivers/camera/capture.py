"""Capture → greyscale → decode → repeat filter: the one path every camera goes through.

The real V4L2 camera and the simulator differ only in their :class:`FrameSource`.
Privacy: a frame lives in local variables of :meth:`ScanningCamera.read_code` for the
time it takes to decode it; it is never stored, logged, copied out or sent anywhere.
Only decoded codes leave this module.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

import cv2
import numpy as np

from drivers.camera.decoder import DEFAULT_OPTIONS, DecoderOptions, decode
from drivers.camera.interface import ScannedCode, check_formats
from drivers.camera.repeat import DEFAULT_REPEAT_WINDOW_S, RepeatFilter
from drivers.errors import DeviceTimeoutError


class FrameSource(Protocol):
    """Where frames come from. Called only from the camera's owner thread."""

    def read(self, timeout: float) -> np.ndarray | None:
        """The next frame (BGR or greyscale uint8), or None if none came within ``timeout``.

        Raises ``DeviceUnavailableError`` when the device is gone.
        """
        ...

    def close(self) -> None: ...


def to_gray(frame: np.ndarray) -> np.ndarray:
    """A 2-D uint8 view or conversion of ``frame``; zxing-cpp reads greyscale fastest."""
    if frame.ndim == 2:
        return frame
    if frame.ndim == 3 and frame.shape[2] == 3:
        return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 1:
        return frame[:, :, 0]
    raise ValueError(f"camera frame of unexpected shape {frame.shape}")


class ScanningCamera:
    """A :class:`~drivers.camera.interface.Camera` over any frame source.

    Must be used from one thread at a time (its owner thread, see kiosk/devices.py);
    a concurrent call is refused rather than interleaving two captures.
    """

    def __init__(
        self,
        source: FrameSource,
        repeat_window_s: float = DEFAULT_REPEAT_WINDOW_S,
        options: DecoderOptions = DEFAULT_OPTIONS,
        clock: Callable[[], float] = time.monotonic,
        name: str = "camera",
    ) -> None:
        self.source = source
        self.options = options
        self.name = name
        self.repeats = RepeatFilter(repeat_window_s, clock)
        self._clock = clock
        self._busy = threading.Lock()
        self.frames_decoded = 0  # a count for diagnostics, never the frames

    def read_code(
        self, timeout: float, formats: frozenset[str] = frozenset()
    ) -> ScannedCode | None:
        """Decode frames until a new code of ``formats`` shows up or ``timeout`` passes.

        Returns None when only known or no codes were seen; raises DeviceTimeoutError
        when the source gave no frame at all in that time.
        """
        wanted = check_formats(formats, f"{self.name} read_code formats")
        if not self._busy.acquire(blocking=False):
            raise RuntimeError(
                f"{self.name}: read_code called from two threads at once; "
                "use the camera from its owner thread only"
            )
        try:
            return self._read(max(timeout, 0.0), wanted)
        finally:
            self._busy.release()

    def _read(self, timeout: float, wanted: frozenset[str]) -> ScannedCode | None:
        deadline = self._clock() + timeout
        frames = 0
        while True:
            remaining = deadline - self._clock()
            frame = self.source.read(max(remaining, 0.0))
            if frame is not None:
                frames += 1
                self.frames_decoded += 1
                codes = decode(to_gray(frame), wanted, self.options)
                del frame  # the frame goes now, whatever comes next
                for code in codes:
                    if self.repeats.admit(code):
                        return code
            if self._clock() >= deadline:
                break
        if frames == 0:
            raise DeviceTimeoutError(f"{self.name}: no frame from the camera in {timeout:g} s")
        return None

    def close(self) -> None:
        self.source.close()
