"""The barcode camera as the core sees it. Frames never leave the driver: only codes do.

Symbologies are named by our own short names (:data:`SYMBOLOGIES`), never by the
decoder library's enums, so the core and the UI do not depend on zxing-cpp.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

# The symbologies the kiosk reads: letters (QR), books (EAN-13), library items
# (Code 128), older library cards (Codabar) and small labels (Data Matrix).
SYMBOLOGIES: frozenset[str] = frozenset({"QR", "EAN13", "CODE128", "CODABAR", "DATAMATRIX"})


@dataclass(frozen=True)
class ScannedCode:
    text: str
    symbology: str  # one of SYMBOLOGIES ("UNKNOWN" from a keyboard-wedge scanner without AIM ids)


def check_formats(formats: Iterable[str], where: str = "formats") -> frozenset[str]:
    """``formats`` as a frozenset of known symbology names; a ValueError names any other."""
    if isinstance(formats, str):  # "QR" would otherwise become {"Q", "R"}
        formats = (formats,)
    wanted = frozenset(formats)
    unknown = sorted(wanted - SYMBOLOGIES)
    if unknown:
        raise ValueError(
            f"{where}: unknown symbology {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(sorted(SYMBOLOGIES))}"
        )
    return wanted


class Camera(Protocol):
    """A camera that yields decoded codes. Calls come from its owner thread.

    Privacy: no implementation stores, logs or hands out a frame; only the decoded
    :class:`ScannedCode` leaves the driver.
    """

    def read_code(
        self, timeout: float, formats: frozenset[str] = frozenset()
    ) -> ScannedCode | None:
        """Wait up to ``timeout`` seconds for a code of one of ``formats`` (all when empty).

        The same code seen again within the driver's repeat window is not reported a
        second time. Raises ``DeviceUnavailableError`` when the camera is gone and
        ``DeviceTimeoutError`` when it delivers no frame at all.
        """
        ...

    def close(self) -> None: ...
