"""Finding the line of a key in TOML text, so errors can point at it.

tomllib gives no positions; a line-based scan of table headers and ``key =`` lines is
enough for the flat, two-level file the kiosk uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*\"?([A-Za-z0-9_\-]+)\"?\s*=")


def locate_key(text: str, loc: Sequence[str]) -> int | None:
    """1-based line of ``loc`` (section, key) in ``text``; the section's header line
    when only the section is known; ``None`` when it is not in the text at all."""
    if not text or not loc:
        return None
    if len(loc) > 2:  # a sub-table key: [library.access] door_coil
        line = locate_key(text, [".".join(loc[:-1]), loc[-1]])
        if line is not None:
            return line
    section = loc[0]
    key = loc[1] if len(loc) > 1 else None
    current: str | None = None
    header_line: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = header.group(1).strip().strip('"')
            if current == section and header_line is None:
                header_line = number
            continue
        if current == section and key is not None:
            found = _KEY.match(line)
            if found and found.group(1) == key:
                return number
    return header_line
