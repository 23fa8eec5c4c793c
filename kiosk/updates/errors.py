"""The one error an update raises when it refuses or fails: the reason is for people."""

from __future__ import annotations


class UpdateError(Exception):
    """An update refused or failed; ``reason`` names what failed (no personal data)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
