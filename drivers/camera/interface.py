"""The barcode camera as the core sees it. Frames never leave the driver: only codes do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ScannedCode:
    text: str
    symbology: str  # "QR", "EAN13", "CODE128", …


class Camera(Protocol):
    """A camera that yields decoded codes. Calls come from its owner thread."""

    def read_code(
        self, timeout: float, formats: frozenset[str] = frozenset()
    ) -> ScannedCode | None:
        """Wait up to ``timeout`` seconds for a code of one of ``formats`` (all when empty)."""
        ...

    def close(self) -> None:
        ...
