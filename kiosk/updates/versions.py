"""Release version numbers: dotted integers (``1.4.2``), compared numerically.

Deliberately stricter than PEP 440: a kiosk must never have to guess whether ``1.4rc1``
is newer than ``1.4.post2``.
"""

from __future__ import annotations

import re

from kiosk.updates.errors import UpdateError

_VERSION = re.compile(r"^\d{1,6}(\.\d{1,6}){1,3}$")


def parse_version(text: str) -> tuple[int, ...]:
    """``"1.4.2"`` → ``(1, 4, 2)``; raises :class:`UpdateError` on anything else."""
    if not isinstance(text, str) or not _VERSION.match(text):
        raise UpdateError(f"version {text!r} is not dotted numbers like 1.4.2")
    return tuple(int(part) for part in text.split("."))


def is_newer(candidate: str, than: str | None) -> bool:
    if than is None:
        return True
    a, b = parse_version(candidate), parse_version(than)
    width = max(len(a), len(b))
    return a + (0,) * (width - len(a)) > b + (0,) * (width - len(b))
