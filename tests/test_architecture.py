"""The dependency rules of DESIGN.md and the code style, checked by the suite itself."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is not installed (pip install -e '.[test]')"
    return found


def test_import_contracts_hold():
    result = subprocess.run([tool("lint-imports")], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 8 kept, 0 broken." in result.stdout


def test_ruff_is_clean():
    result = subprocess.run([tool("ruff"), "check", "."], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_ui_imports_qt():
    offenders = []
    for package in ("kiosk", "drivers", "sync", "provisioning", "common"):
        for path in (ROOT / package).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                stripped = line.strip()
                if stripped.startswith(("import PySide6", "from PySide6", "import shiboken6")):
                    offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert offenders == []


def test_the_first_screen_does_not_wait_for_heavy_imports():
    # What the kiosk loads before its attract screen: the store, the protocol stacks and
    # the backend come after the first frame (bench/startup.py measures the time).
    # The probe also validates simulator URIs as the demo config does: the registry
    # names drivers and simulators by module path and imports one only to open it.
    probe = ("import sys; import ui.app, kiosk.composition, kiosk.config.loader, "
             "drivers.registry; r = drivers.registry.default_registry(); "
             "[r.validate(k, u) for k, u in (('eid_reader', 'sim://eid?fault=slow'), "
             "('printer', 'sim://printer'), ('card_terminal', 'sim://payment'), "
             "('cash', 'sim://cash'), ('camera', 'sim://camera'))]; "
             "print(' '.join(sorted(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    heavy = {"sqlalchemy", "alembic", "escpos", "smartcard", "fastapi", "uvicorn", "requests",
             "cv2", "pydantic", "cryptography", "email"}
    assert heavy & loaded == set()
    simulators = {f"drivers.{kind}.simulated" for kind in ("eid", "printer", "payment", "cash",
                                                             "camera")}
    assert simulators & loaded == set()
    # The later screens' view-models come with their screens (ui/viewmodels/journey.py).
    later = {f"ui.viewmodels.{name}" for name in ("payment", "document", "appointment",
                                                   "letter", "casescan")}
    assert later & loaded == set()
    # The eID's APDU layer (the PIN pad wipes with it) and the remote-action runner
    # (the screenshot folder's name lives in sync/state_dirs.py) come later too.
    assert {"drivers.eid.auth", "drivers.eid.apdu", "sync.actions"} & loaded == set()
    # Technician mode and the non-visual mode are built right after the first frame
    # (ui/app.py: _assist), with the screen reader and the technician gate's hashing.
    assert {"ui.viewmodels.technician", "ui.viewmodels.voice", "ui.screen_reader",
            "kiosk.eid_trust", "kiosk.technician"} & loaded == set()
    # The eID card's model (dataclasses, costly to build) comes with the first card read.
    assert "common.eid.model" not in loaded
    # Nor are the City platform's, the queue's, the cases' and the letters' types.
    assert {"kiosk.domain.city", "kiosk.domain.queue", "kiosk.domain.cases",
            "kiosk.domain.letters", "kiosk.identity"} & loaded == set()
    # The printers' document model comes with the printer (the journey checks the status).
    assert "drivers.printer.document" not in loaded
    # ctypes (True's spare references, ui/qt_runtime.py) comes with the first frame.
    assert "ctypes" not in loaded
    # Nor Brussels' time zone (kiosk/l10n.py builds it when a clock time is first shown).
    assert "zoneinfo" not in loaded
