"""``kiosk provision diagnostics``: one tar.gz for a technician or central IT, with no
personal data: config without secrets, versions, recent logs, device states, outbox
summary (counts, ages, dead letters without payloads).

Personal data is kept out by construction (no payload, no citizen table is read) and,
for free text that comes from elsewhere (logs, refusal reasons), by scrubbing numbers
and quoted values.
"""

from __future__ import annotations

import io
import json
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import msgspec

from kiosk import __version__
from kiosk.config.schema import Config

PACKAGES = (
    "brussels-kiosk",
    "pyside6-essentials",
    "pyscard",
    "python-escpos",
    "pyserial",
    "pyusb",
    "sqlalchemy",
    "alembic",
    "requests",
    "fastapi",
    "uvicorn",
    "msgspec",
    "cryptography",
    "opencv-python-headless",
    "zxing-cpp",
)
UNITS = ("kiosk-ui.service", "kiosk-sync.service", "kiosk-backend.service")
SECRET_KEY = re.compile(r"(password|secret|token|eid_link_key)", re.IGNORECASE)
# National numbers (85.07.30-033.61 or 85073003361), card numbers, PANs: long digit runs.
_NUMBERS = re.compile(r"\d(?:[\d.\- /]{4,}\d)")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`")
REDACTED = "[redacted]"


def scrub(text: str) -> str:
    """Free text with quoted values and long numbers replaced (times and dates keep
    their shape: six or more digits in a row are needed to match)."""
    text = _QUOTED.sub("'…'", text)
    return _NUMBERS.sub(lambda m: m.group(0) if _is_timestamp(m.group(0)) else "[number]", text)


def _is_timestamp(run: str) -> bool:
    digits = re.sub(r"\D", "", run)
    return len(digits) < 6 or bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}( \d{2})?", run.strip()))


def config_without_secrets(config: Config) -> dict[str, Any]:
    data = msgspec.to_builtins(config)
    for table in data.values():
        if isinstance(table, dict):
            for key in table:
                if SECRET_KEY.search(key):
                    table[key] = REDACTED
    return data


def versions() -> dict[str, Any]:
    found: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return {
        "kiosk": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": found,
    }


def recent_logs(log_dir: Path, lines: int = 2000) -> str:
    """The units' journal when there is one, else the files in ``log_dir``; scrubbed."""
    if shutil.which("journalctl"):
        command = ["journalctl", "--no-pager", "-o", "short-iso", "-n", str(lines)]
        for unit in UNITS:
            command += ["-u", unit]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=60)
            if (
                result.returncode == 0
                and result.stdout.strip()
                and "No entries" not in result.stdout
            ):
                return scrub(result.stdout)
        except (OSError, subprocess.SubprocessError):
            pass
    chunks = []
    for path in sorted(log_dir.glob("*.log*")) if log_dir.is_dir() else []:
        try:
            tail = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        except OSError as exc:
            chunks.append(f"== {path}: unreadable ({exc.strerror})")
            continue
        chunks.append(f"== {path}\n" + "\n".join(tail))
    return scrub("\n".join(chunks)) if chunks else "no journal and no log files\n"


def store_summary(store_path: Path, now: datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    """(device states, outbox summary); empty notes when there is no store yet."""
    if not store_path.exists():
        note = {"note": f"no store at {store_path}"}
        return note, note
    from sqlalchemy import func, select

    from kiosk.devicestate import read_device_state
    from kiosk.store.database import Store
    from kiosk.store.models import OutboxEvent
    from sync.outbox import PENDING, Outbox

    store = Store(store_path)
    try:
        devices = read_device_state(store)
        outbox = Outbox(store)
        pending, dead = outbox.counts()
        with store.read() as session:
            oldest = session.scalar(
                select(func.min(OutboxEvent.created_at)).where(OutboxEvent.state == PENDING)
            )
        letters = [
            {
                "event_id": d.event_id,
                "type": d.type,
                "seq": d.seq,
                "created_at": d.created_at.isoformat(),
                "attempts": d.attempts,
                "reason": scrub(d.reason)[:300],
            }
            for d in outbox.dead_letters()
        ]
    finally:
        store.close()
    summary = {
        "pending": pending,
        "dead_letters": dead,
        "oldest_pending_age_s": round((now - oldest).total_seconds()) if oldest else None,
        "dead_letter_list": letters,
    }
    return devices, summary


def build_bundle(
    config: Config, output: Path, log_dir: Path = Path("/var/log/kiosk"), config_source: str = ""
) -> Path:
    now = datetime.now(UTC)
    devices, outbox = store_summary(Path(config.store.path), now)
    members: dict[str, str] = {
        "config.json": json.dumps(
            {"source": config_source, "config": config_without_secrets(config)}, indent=2
        ),
        "versions.json": json.dumps(versions(), indent=2),
        "logs.txt": recent_logs(log_dir),
        "devices.json": json.dumps(devices, indent=2, default=str),
        "outbox.json": json.dumps(outbox, indent=2, default=str),
        "README.txt": f"kiosk {config.kiosk.id} at {config.kiosk.site}, diagnostics of "
        f"{now.isoformat(timespec='seconds')}; no personal data by design.\n",
    }
    prefix = f"kiosk-diagnostics-{config.kiosk.id}-{now:%Y%m%dT%H%M%SZ}"
    output.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(output, "w:gz") as bundle:
        for name, text in members.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(f"{prefix}/{name}")
            info.size, info.mtime, info.mode = len(data), int(time.time()), 0o640
            bundle.addfile(info, io.BytesIO(data))
    output.chmod(0o600)
    return output
