"""Tiny throwaway releases for the update tests: a wheel written by hand (no build
backend runs offline here, and pip-wheeling PySide6 would take minutes), packed and
signed by the same code as ``make release`` (kiosk/updates/bundle.py)."""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

from kiosk.updates.bundle import build_bundle

PACKAGE = "kupd-testapp"
MODULE = "kupdtestapp"
ROOT = Path(__file__).parents[2]

APP = '''"""A release of the update tests: counts its start, then crashes or shows itself."""
import sys
from pathlib import Path

from kiosk.updates import health

VERSION = {version!r}
MODE = {mode!r}


def main() -> int:
    state_dir = Path(sys.argv[1])
    health.record_start(state_dir, VERSION)
    if MODE == "crash":
        sys.stderr.write("testapp: crashed at start\\n")
        return 3
    health.mark_first_frame(state_dir, VERSION)  # what the UI does on its first frame
    health.mark_heartbeat_answered(state_dir, VERSION)  # what sync does on an answer
    return 0
'''
MAIN = "import sys\nfrom kupdtestapp import main\nsys.exit(main())\n"


def write_wheel(out_dir: Path, version: str, mode: str) -> Path:
    """A valid pure-Python wheel of ``kupd-testapp`` ``version``."""
    dist = f"kupd_testapp-{version}.dist-info"
    files = {
        f"{MODULE}/__init__.py": APP.format(version=version, mode=mode),
        f"{MODULE}/__main__.py": MAIN,
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: {version}\n",
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n",
        f"{dist}/entry_points.txt": f"[console_scripts]\nkupd-testapp = {MODULE}:main\n",
    }
    record = []
    for name, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
        record.append(f"{name},sha256={digest.decode()},{len(text.encode())}")
    record.append(f"{dist}/RECORD,,")
    files[f"{dist}/RECORD"] = "\n".join(record) + "\n"
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"kupd_testapp-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return wheel


def make_bundle(
    work: Path, version: str, key: Path | None, mode: str = "ok", revisions: tuple[str, ...] = ()
) -> Path:
    wheels = work / f"wheels-{version}-{mode}"
    write_wheel(wheels, version, mode)
    return build_bundle(
        version,
        wheels,
        work / f"dist-{mode}",
        package=PACKAGE,
        entry_point="kupd-testapp",
        revisions=revisions,
        private_path=key,
    )
