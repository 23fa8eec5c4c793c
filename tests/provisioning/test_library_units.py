"""The library entrance's services (Open+ door, visitor counter): installed by
`kiosk provision install --with-entrance`, `systemd-analyze verify` passes on them, and
they carry every hardening key the kiosk's sync unit has."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.provisioning.helpers import kiosk

SOURCE = Path(__file__).resolve().parents[2] / "systemd"
LIBRARY_UNITS = ("kiosk-door.service", "kiosk-counter.service")
SYSTEM_UNITS = Path("/usr/lib/systemd/system")
# Devices: the library units need a camera, so PrivateDevices gives way to a closed
# device policy allowing video devices only.
DEVICE_KEYS = {"PrivateDevices"}


def service_section(name: str) -> dict[str, str]:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(SOURCE / name, encoding="utf-8")
    return dict(parser["Service"])


@pytest.mark.parametrize("unit", LIBRARY_UNITS)
def test_hardened_like_the_kiosk_units(unit):
    service, sync = service_section(unit), service_section("kiosk-sync.service")
    hardening = {k: v for k, v in sync.items()
                 if k.startswith(("Protect", "Restrict", "Private", "NoNew", "Capability",
                                  "Ambient", "Lock", "SystemCall", "UMask"))}
    for key, value in hardening.items():
        if key in DEVICE_KEYS:
            continue
        assert service.get(key) == value, f"{unit}: {key}={service.get(key)!r}, want {value!r}"
    assert service["DevicePolicy"] == "closed"
    assert service["DeviceAllow"] == "char-video4linux rw"
    assert (service["Type"], service["User"], service["Restart"]) == ("notify", "kiosk", "always")
    assert int(service["WatchdogSec"]) > 0 and service["StandardInput"] == "null"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_installed_with_entrance_and_verified_by_systemd_analyze(tmp_path):
    """`kiosk provision install --with-entrance` installs and enables them; inside that
    root `systemd-analyze verify` finds nothing to say."""
    root = tmp_path / "root"
    config = tmp_path / "kiosk.toml"
    config.write_text("", encoding="utf-8")
    done = kiosk("provision", "install", "--root", str(root), "--with-entrance",
                 "--config", str(config))
    assert done.returncode == 0, done.stdout + done.stderr
    units = root / "etc/systemd/system"
    for unit in LIBRARY_UNITS:
        assert (units / unit).read_text() == (SOURCE / unit).read_text()
        assert (units / "multi-user.target.wants" / unit).is_symlink()
    # What the units refer to: the system's units (targets, pcscd.socket), the executable.
    shutil.copytree(SYSTEM_UNITS, root / SYSTEM_UNITS.relative_to("/"), symlinks=True)
    executable = root / "opt/kiosk/current/venv/bin/kiosk"
    executable.parent.mkdir(parents=True)
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    verify = subprocess.run(["systemd-analyze", "verify", f"--root={root}", *LIBRARY_UNITS],
                            capture_output=True, text=True, timeout=120)
    assert verify.returncode == 0, verify.stderr
    assert verify.stderr.strip() == "", verify.stderr  # no warning either (unknown keys…)
