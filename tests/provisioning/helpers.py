"""What the provisioning tests share: the kiosk CLI as a subprocess, config files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
CLI_TIMEOUT = 90


def kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
    )


def write_config(
    path: Path, tmp: Path, backend_url: str, devices: dict[str, str], credential: str | None
) -> Path:
    credential_path = tmp / "device-credential"
    if credential is not None:
        credential_path.write_text(credential + "\n")
    lines = [
        "[kiosk]",
        'id = "test-kiosk"',
        'site = "bxl-centre"',
        "[store]",
        f'path = "{tmp / "state" / "kiosk.db"}"',
        "[backend]",
        f'url = "{backend_url}"',
        f'credential_path = "{credential_path}"',
        "timeout_s = 5",
        "[devices]",
    ]
    lines += [f'{kind} = "{uri}"' for kind, uri in devices.items()]
    path.write_text("\n".join(lines) + "\n")
    return path
