"""The citizen's photo, from their card to the screen and nowhere else."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider


class CitizenPhotoProvider(QQuickImageProvider):
    """Serves ``image://citizen/<session id>``: the photo on that session's card, asked
    of the journey at each request (``photo_of(session_id)``, b"" once the session
    ended), so the provider holds no copy to wipe.

    QML's image cache is off for this source, so a photo is gone from the screen's
    memory too once the view drops it.
    """

    def __init__(self, photo_of: Callable[[str], bytes]) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._photo_of = photo_of  # may be called on QML's image thread: it only reads

    def requestImage(self, image_id: str, size: QSize, requested_size: QSize) -> QImage:
        photo = self._photo_of(image_id)
        image = QImage.fromData(photo) if photo else QImage()
        if image.isNull():
            image = QImage(1, 1, QImage.Format.Format_ARGB32)
            image.fill(0)
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image
