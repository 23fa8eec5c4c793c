"""The citizen's photo, from their card to the screen and nowhere else."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider


class CitizenPhotoProvider(QQuickImageProvider):
    """Serves ``image://citizen/<session id>``; holds one photo, for one session.

    QML's image cache is off for this source, so a cleared photo is gone from the
    screen's memory too once the view drops it.
    """

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._lock = threading.Lock()  # QML may load images on its own thread
        self._photo = b""

    def set_photo(self, jpeg: bytes) -> None:
        with self._lock:
            self._photo = jpeg

    def clear(self) -> None:
        with self._lock:
            self._photo = b""

    def requestImage(self, image_id: str, size: QSize, requested_size: QSize) -> QImage:
        with self._lock:
            photo = self._photo
        image = QImage.fromData(photo) if photo else QImage()
        if image.isNull():
            image = QImage(1, 1, QImage.Format.Format_ARGB32)
            image.fill(0)
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image
