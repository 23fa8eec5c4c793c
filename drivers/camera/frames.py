"""Grey frames from a recorded video, a V4L2 camera or an RTSP stream, through OpenCV.

For people counting (kiosk/counting): frames are yielded one at a time and dropped by
the caller; nothing here stores, writes or sends a frame. ``open_frames`` takes a file
path, ``v4l2:///dev/video0`` or ``rtsp://…`` (an RTSP camera on the library's network).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from drivers.errors import DeviceUnavailableError


class FrameSource:
    """Iterate for greyscale frames (uint8, H x W); ``fps`` as the source announces it."""

    def __init__(self, capture: cv2.VideoCapture, name: str) -> None:
        self._capture = capture
        self.name = name
        fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        self.fps = fps if 1.0 <= fps <= 240.0 else 25.0

    def __iter__(self) -> Iterator[np.ndarray]:
        while True:
            ok, frame = self._capture.read()
            if not ok or frame is None:
                return
            yield frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)

    def close(self) -> None:
        self._capture.release()

    def __enter__(self) -> FrameSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_frames(source: str) -> FrameSource:
    """A file, ``v4l2:///dev/videoN`` or ``rtsp://``; DeviceUnavailableError names it."""
    if source.startswith("v4l2://"):
        path = source.removeprefix("v4l2://").split("?", 1)[0]
        capture = cv2.VideoCapture(path, cv2.CAP_V4L2)
    elif source.startswith("rtsp://"):
        capture = cv2.VideoCapture(source, cv2.CAP_FFMPEG)
    else:
        if not Path(source).is_file():
            raise DeviceUnavailableError(f"{source}: no such video file")
        capture = cv2.VideoCapture(source)
    if not capture.isOpened():
        capture.release()
        raise DeviceUnavailableError(f"{source}: OpenCV cannot open it as video")
    return FrameSource(capture, source)
