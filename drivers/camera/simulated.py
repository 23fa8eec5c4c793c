"""The simulated barcode camera: tests and the demo hold codes up to it.

What is shown is printed with zxing-cpp's writer, placed in a 1280x720 scene
(optionally blurred, rotated, with glare and noise) and goes through the very same
capture → greyscale → decode → repeat-window path as the real V4L2 camera; nothing is
short-cut. Like the real one it never stores a frame: only decoded codes come out.

This module is imported with the device registry before the first screen, so OpenCV,
numpy and zxing-cpp are imported only when the simulated camera is first used.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drivers.camera.interface import ScannedCode, check_formats
from drivers.camera.settings import PlayItem, SimSettings, parse_play_item
from drivers.errors import DeviceUnavailableError
from drivers.simulation import CAMERA_FAULTS, FaultSet

if TYPE_CHECKING:
    from drivers.camera.capture import ScanningCamera
    from drivers.camera.simsource import SimulatedFrameSource
    from drivers.camera.synth import Distortion

@dataclass(frozen=True)
class _Parts:
    source: SimulatedFrameSource
    camera: ScanningCamera
    distortion: Distortion


# unplugged: reads fail as with a pulled USB cable; no_frames: the sensor is silent.


class SimulatedCamera:
    """A :class:`~drivers.camera.interface.Camera` whose scene tests control.

    Faults: ``unplugged``, ``no_frames``. ``settings`` (from ``sim://camera?…``) gives the
    codes played at start, the default distortion, the repeat window and the idle rate.
    """

    def __init__(
        self, faults: list[str] | None = None, settings: SimSettings | None = None
    ) -> None:
        self.settings = settings or SimSettings()
        self.faults = FaultSet("camera", CAMERA_FAULTS, faults or ())
        self._lock = threading.Lock()
        self._parts: _Parts | None = None
        for item in self.settings.play:
            if item.kind == "image" and not os.path.isfile(item.text):
                raise DeviceUnavailableError(f"simulated camera: no image at {item.text!r}")
        for item in self.settings.play:
            self._put(item, None)

    def _built(self) -> _Parts:
        """The scene and the capture path, built on first use: OpenCV, numpy and zxing-cpp
        (some 45 MB) load when a code is first shown or read, not with the kiosk's
        services (bench/startup.py's memory target)."""
        with self._lock:
            if self._parts is None:
                from drivers.camera.capture import ScanningCamera
                from drivers.camera.decoder import DecoderOptions
                from drivers.camera.simsource import SimulatedFrameSource
                from drivers.camera.synth import Distortion

                s = self.settings
                source = SimulatedFrameSource(self.faults, idle_fps=s.idle_fps, seed=s.seed)
                camera = ScanningCamera(
                    source,
                    repeat_window_s=s.repeat_window_s,
                    name="simulated camera",
                    options=DecoderOptions(
                        binarizer="fixed" if s.binarizer == "fixed" else "local"),
                )
                look = Distortion(blur=s.blur, rotate=s.rotate, glare=s.glare, noise=s.noise)
                self._parts = _Parts(source, camera, look)
            return self._parts

    @property
    def _source(self) -> SimulatedFrameSource:
        return self._built().source

    @property
    def _camera(self) -> ScanningCamera:
        return self._built().camera

    @property
    def _distortion(self) -> Distortion:
        return self._built().distortion

    # --- the scene (test and demo hooks; thread-safe) ----------------------------------

    def show(self, text: str, symbology: str = "QR", **distortion: float) -> None:
        """Hold a code in front of the camera for one frame.

        ``distortion`` overrides the URI's (blur=, rotate=, glare=, noise=). Text the
        symbology cannot encode (a wrong EAN check digit…) shows as an unreadable label.
        """
        (name,) = check_formats((symbology,), "show symbology")
        self._put(PlayItem("code", text, name), distortion)

    def show_image(self, image: Any) -> None:
        """Hold up an image: a path, or a greyscale/BGR uint8 array (used as is)."""
        if isinstance(image, str | os.PathLike):
            if not os.path.isfile(image):
                raise ValueError(f"show_image: no image at {os.fspath(image)!r}")
            self._put(parse_play_item(f"image:{os.fspath(image)}", "show_image"), None)
        else:
            from drivers.camera.simsource import Shot

            self._source.put(Shot(PlayItem("image", "<array>"), self._distortion, image))

    def show_empty(self, frames: int = 1) -> None:
        """Show ``frames`` frames of the empty scene (with the current distortion)."""
        for _ in range(frames):
            self._put(PlayItem("empty"), None)

    @property
    def pending(self) -> int:
        """Things shown that the camera has not captured yet."""
        with self._lock:
            parts = self._parts
        return 0 if parts is None else parts.source.pending

    def _put(self, item: PlayItem, distortion: dict[str, float] | None) -> None:
        from dataclasses import replace

        from drivers.camera.simsource import Shot

        look = replace(self._distortion, **distortion) if distortion else self._distortion
        self._source.put(Shot(item, look))

    # --- the Camera protocol ------------------------------------------------------------

    def read_code(
        self, timeout: float, formats: frozenset[str] = frozenset()
    ) -> ScannedCode | None:
        """See :meth:`drivers.camera.interface.Camera.read_code`."""
        return self._camera.read_code(timeout, formats)

    def reset_repeats(self) -> None:
        """Forget the codes seen (as a new session would)."""
        self._camera.repeats.reset()

    def close(self) -> None:
        with self._lock:
            parts = self._parts
        if parts is not None:  # never used: nothing was opened
            parts.camera.close()
