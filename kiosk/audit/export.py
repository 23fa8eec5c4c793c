"""The audit log as JSON Lines: one canonical entry a line, written atomically.

A copy outside the database matters because the table's triggers only stop honest
mistakes: anyone holding the SQLite file can drop them. Copies taken over time (and the
anchor in the heartbeat) let ``kiosk audit verify --file`` prove what the log said.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from kiosk.audit.chain import AuditDataError, AuditEntry, canonical_json, entry_from_dict


def write_jsonl(entries: Iterable[AuditEntry], out: TextIO) -> int:
    """Write one line per entry; returns how many."""
    count = 0
    for entry in entries:
        out.write(canonical_json(entry.as_dict()) + "\n")
        count += 1
    return count


def export_file(entries: Iterable[AuditEntry], path: Path) -> int:
    """Write the export to ``path`` through a temporary file and a rename, so a reader
    (or a crash) never sees half an export."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            count = write_jsonl(entries, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def read_jsonl(path: Path) -> list[AuditEntry]:
    """Every entry of an export; raises :class:`AuditDataError` naming the bad line."""
    entries = []
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except ValueError as exc:
                    raise AuditDataError(f"{path}:{number}: not JSON ({exc})") from None
                entries.append(entry_from_dict(data, f"{path}:{number}"))
    except UnicodeDecodeError as exc:
        raise AuditDataError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return entries
