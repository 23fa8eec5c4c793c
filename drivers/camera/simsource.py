"""The simulated camera's sensor: frames rendered on demand from what is held up to it.

Frames are rendered in :meth:`SimulatedFrameSource.read`, on the camera's owner thread,
and handed straight to the capture path; the source keeps only the *descriptions* of
what is still to be shown, never a rendered frame.
"""

from __future__ import annotations

import logging
import queue
import time
from dataclasses import dataclass

import cv2
import numpy as np

from drivers.camera.settings import PlayItem
from drivers.camera.synth import CodeRenderError, Distortion, compose, render_code, scene, to_bgr
from drivers.errors import DeviceUnavailableError
from drivers.simulation import FaultSet

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shot:
    """One frame to show: a code, an image (path or array), or nothing."""

    item: PlayItem
    distortion: Distortion
    image: np.ndarray | None = None  # an image given by a test, greyscale or BGR


class SimulatedFrameSource:
    """Frames of what was shown, in order; an empty scene ``idle_fps`` times a second
    when nothing is shown (as a real camera never stops delivering). Faults:
    ``unplugged`` (reads fail), ``no_frames`` (the sensor delivers nothing)."""

    def __init__(self, faults: FaultSet, idle_fps: float = 5.0, seed: int = 0) -> None:
        if idle_fps <= 0:
            raise ValueError(f"idle_fps must be > 0, got {idle_fps}")
        self.faults = faults
        self._period = 1.0 / idle_fps
        self._shots: queue.Queue[Shot] = queue.Queue()
        self._rng = np.random.default_rng(seed)
        self._closed = False

    def put(self, shot: Shot) -> None:
        self._shots.put(shot)

    @property
    def pending(self) -> int:
        """How many shown things have not been captured yet."""
        return self._shots.qsize()

    def read(self, timeout: float) -> np.ndarray | None:
        if self._closed:
            raise DeviceUnavailableError("simulated camera is closed")
        if "unplugged" in self.faults:
            raise DeviceUnavailableError("simulated camera unplugged")
        if "no_frames" in self.faults:
            time.sleep(max(timeout, 0.0))
            return None
        try:
            if timeout > 0:
                shot = self._shots.get(timeout=min(timeout, self._period))
            else:
                shot = self._shots.get_nowait()
        except queue.Empty:
            return to_bgr(scene(self._rng))
        return self._render(shot)

    def _render(self, shot: Shot) -> np.ndarray:
        seed = int(self._rng.integers(0, 2**31))
        if shot.item.kind == "empty":
            return to_bgr(compose(None, shot.distortion, seed))
        if shot.item.kind == "image":
            image = shot.image if shot.image is not None else _load(shot.item.text)
            return image if image.ndim == 3 else to_bgr(image)
        try:
            code = render_code(shot.item.text, shot.item.symbology)
        except CodeRenderError as exc:
            # A label the printer could not have made: the camera sees no code. The
            # text itself stays out of the log (it may be a patron's card number).
            log.warning("simulated camera: shows an unreadable label (%s)", exc)
            return to_bgr(compose(None, shot.distortion, seed))
        return to_bgr(compose(code, shot.distortion, seed))

    def close(self) -> None:
        self._closed = True
        while not self._shots.empty():
            self._shots.get_nowait()


def _load(path: str) -> np.ndarray:
    image = cv2.imread(path, cv2.IMREAD_COLOR)
    if image is None:
        raise DeviceUnavailableError(f"simulated camera: cannot read image {path!r}")
    return image
