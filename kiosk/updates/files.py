"""Small JSON files written atomically (temp file + fsync + os.replace): a reader never
sees half a file, and a power cut leaves the old or the new one."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("w", encoding="utf-8") as out:
        json.dump(data, out, sort_keys=True, indent=1)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)


def read_json(path: Path, default: Any = None) -> Any:
    """The file's JSON, or ``default`` when it is missing or unreadable (half-written by
    an older version, disk trouble): update state must never stop a kiosk starting."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default
