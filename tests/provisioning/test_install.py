"""`kiosk provision install --root`: the tree it writes, and every unit verified by
`systemd-analyze verify` inside that root."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

from provisioning.install import udev_rules
from tests.provisioning.helpers import kiosk

UNITS = ("kiosk-ui.service", "kiosk-sync.service", "kiosk-backend.service")
SYSTEM_UNITS = Path("/usr/lib/systemd/system")


def install(tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path / "root"
    config = tmp_path / "kiosk.toml"
    config.write_text('[devices]\nprinter = "escpos+usb://04B8:0E15"\n')
    return root, kiosk(
        "provision", "install", "--root", str(root), "--with-backend", "--config", str(config)
    )


def test_install_into_a_root(tmp_path):
    root, result = install(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    units = root / "etc/systemd/system"
    for unit in UNITS:
        assert stat.S_IMODE((units / unit).stat().st_mode) == 0o644
    wants = {
        "graphical.target.wants/kiosk-ui.service",
        "multi-user.target.wants/kiosk-sync.service",
        "multi-user.target.wants/kiosk-backend.service",
    }
    for link in wants:
        path = units / link
        assert path.is_symlink(), link
        assert os.readlink(path) == f"/etc/systemd/system/{Path(link).name}"

    rules = (root / "etc/udev/rules.d/70-kiosk.rules").read_text()
    assert 'ATTR{idVendor}=="04b8", ATTR{idProduct}=="0e15", SYMLINK+="kiosk-printer"' in rules
    assert 'SYMLINK+="kiosk-cash"' in rules and 'SYMLINK+="kiosk-terminal"' in rules
    assert (
        "d     /var/lib/kiosk     0750 kiosk kiosk"
        in (root / "etc/tmpfiles.d/kiosk.conf").read_text()
    )
    assert stat.S_IMODE((root / "var/lib/kiosk").stat().st_mode) == 0o750

    polkit = root / "etc/polkit-1/rules.d/50-kiosk.rules"
    assert polkit.read_text() == (Path(__file__).parents[2] / "systemd/kiosk-polkit.rules"
                                  ).read_text()
    assert stat.S_IMODE(polkit.stat().st_mode) == 0o644

    manifest = json.loads((root / "etc/kiosk/install-manifest.json").read_text())
    assert "/etc/polkit-1/rules.d/50-kiosk.rules" in manifest["files"]
    assert manifest["user"]["name"] == "kiosk" and manifest["user"]["created"] is False
    assert manifest["user"]["home"] == "/var/lib/kiosk"
    assert "/etc/systemd/system/kiosk-ui.service" in manifest["files"]
    assert set(manifest["enabled"]) == wants
    assert manifest["udev_devices"]["printer"] == "04b8:0e15"


def test_every_unit_passes_systemd_analyze_verify(tmp_path):
    root, result = install(tmp_path)
    assert result.returncode == 0, result.stderr
    # The root needs what the units refer to: the system's units (targets, pcscd.socket)
    # and the executables they start.
    shutil.copytree(SYSTEM_UNITS, root / SYSTEM_UNITS.relative_to("/"), symlinks=True)
    for executable in ("usr/bin/cage", "opt/kiosk/current/venv/bin/kiosk"):
        path = root / executable
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    verify = subprocess.run(
        ["systemd-analyze", "verify", f"--root={root}", *UNITS],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verify.returncode == 0, verify.stderr
    assert verify.stderr.strip() == "", verify.stderr  # no warning either (unknown keys…)


def test_udev_rules_for_serial_devices():
    rules = udev_rules("# shipped", {"cash": "191C:4104", "camera": "0000:0000"})
    assert rules.splitlines()[-1] == (
        'SUBSYSTEM=="tty", ATTRS{idVendor}=="191c", ATTRS{idProduct}=="4104", '
        'SYMLINK+="kiosk-cash", GROUP="kiosk", MODE="0660"'
    )
    assert "0000" not in rules


def test_the_ui_keeps_its_compiled_qml_where_it_may_write():
    # ProtectHome= hides ~/.cache, the QML engine's default cache: without a cache it
    # may write, every start compiles all the QML again before the first frame.
    unit = (Path(__file__).resolve().parents[2] / "systemd" / "kiosk-ui.service").read_text()
    settings = [line.split("=", 1) for line in unit.splitlines() if "=" in line
                and not line.startswith("#")]
    assert ["ProtectHome", "yes"] in settings and ["ProtectSystem", "strict"] in settings
    cache = dict(settings)["CacheDirectory"]
    environment = dict(value.split("=", 1) for key, value in settings if key == "Environment")
    assert environment["QML_DISK_CACHE_PATH"].startswith(f"/var/cache/{cache}/")
