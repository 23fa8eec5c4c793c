"""The real camera: a V4L2 device read with OpenCV, decoded with zxing-cpp.

``v4l2:///dev/video0?width=1280&height=720`` opens ``/dev/video0`` in 1280x720. Every
call runs on the camera's owner thread (kiosk/devices.py); a frame is grabbed, turned
greyscale, decoded and dropped inside one ``read_code`` call. Privacy: frames are never
stored, written, logged or sent anywhere — only decoded codes leave the driver.
"""

from __future__ import annotations

import logging
import os
import stat
import time

import cv2
import numpy as np

from drivers.camera.capture import ScanningCamera
from drivers.camera.decoder import DecoderOptions
from drivers.camera.settings import V4l2Settings
from drivers.errors import DeviceUnavailableError
from drivers.uri import DeviceUri

log = logging.getLogger(__name__)

# Bound a blocking grab: OpenCV's V4L2 backend otherwise waits up to 10 s per frame.
READ_TIMEOUT_MS = 2000


def check_device_node(path: str) -> None:
    """Raise DeviceUnavailableError unless ``path`` is a character device we can open."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise DeviceUnavailableError(
            f"{path}: no such camera device (unplugged? see `ls /dev/video*`)"
        ) from None
    except OSError as exc:
        raise DeviceUnavailableError(f"{path}: {exc.strerror}") from None
    if not stat.S_ISCHR(mode):
        raise DeviceUnavailableError(f"{path}: not a video device (not a character device)")
    if not os.access(path, os.R_OK | os.W_OK):
        raise DeviceUnavailableError(
            f"{path}: permission denied (the kiosk user must be in the 'video' group)"
        )


class V4l2FrameSource:
    """Frames from one V4L2 device; opened at construction so a missing or busy camera
    is reported when the kiosk starts, not at the first scan."""

    def __init__(self, settings: V4l2Settings) -> None:
        self.settings = settings
        check_device_node(settings.path)
        capture = cv2.VideoCapture(settings.path, cv2.CAP_V4L2)
        if not capture.isOpened():
            capture.release()
            raise DeviceUnavailableError(
                f"{settings.path}: cannot open the camera (busy, or not a capture device)"
            )
        if settings.fourcc:
            capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*settings.fourcc))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, settings.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, settings.height)
        if settings.fps:
            capture.set(cv2.CAP_PROP_FPS, settings.fps)
        # One buffered frame: a scan must see what is in front of the lens now, not a
        # code that was taken away while nobody was reading.
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        capture.set(cv2.CAP_PROP_READ_TIMEOUT_MSEC, READ_TIMEOUT_MS)
        got = (
            int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
            int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
        )
        if got != (settings.width, settings.height):
            log.warning(
                "%s: asked for %dx%d, the camera gives %dx%d",
                settings.path,
                settings.width,
                settings.height,
                *got,
            )
        self._capture: cv2.VideoCapture | None = capture

    def read(self, timeout: float) -> np.ndarray | None:
        if self._capture is None:
            raise DeviceUnavailableError(f"{self.settings.path}: camera is closed")
        ok, frame = self._capture.read()
        if ok and frame is not None:
            return frame
        if not os.path.exists(self.settings.path):
            self.close()
            raise DeviceUnavailableError(f"{self.settings.path}: camera unplugged")
        time.sleep(min(max(timeout, 0.0), 0.05))  # a failed grab: do not spin
        return None

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


def open_v4l2(uri: DeviceUri) -> ScanningCamera:
    """The camera ``uri`` names, ready to scan; DeviceUnavailableError says why not."""
    settings = V4l2Settings.from_uri(uri)
    options = DecoderOptions(binarizer="fixed" if settings.binarizer == "fixed" else "local")
    return ScanningCamera(
        V4l2FrameSource(settings),
        repeat_window_s=settings.repeat_window_s,
        options=options,
        name=f"camera {settings.path}",
    )
