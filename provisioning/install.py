"""``kiosk provision install``: the kiosk user, the units, udev rules, tmpfiles, enabled.

With ``root`` (a directory) nothing outside it is touched: the user is not created but
described in the manifest, and units are enabled the way ``systemctl --root`` does.
Without it this runs on the kiosk itself, as root.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provisioning.configfile import under_root

UNITS_SOURCE = Path(__file__).resolve().parents[1] / "systemd"
USER = "kiosk"
HOME = "/var/lib/kiosk"
# Serial (cash, terminal), camera, printer, touch screen, GPU; only those that exist.
SUPPLEMENTARY_GROUPS = ("dialout", "video", "lp", "input", "render", "plugdev")
UNIT_DIR = "/etc/systemd/system"
UDEV_RULES = "/etc/udev/rules.d/70-kiosk.rules"
TMPFILES = "/etc/tmpfiles.d/kiosk.conf"
# The kiosk user may restart its two units and reboot (remote actions, update switch).
POLKIT_RULES = "/etc/polkit-1/rules.d/50-kiosk.rules"
MANIFEST = "/etc/kiosk/install-manifest.json"
# unit → the target that wants it
UNITS = {"kiosk-ui.service": "graphical.target", "kiosk-sync.service": "multi-user.target"}
BACKEND_UNIT = {"kiosk-backend.service": "multi-user.target"}
# A library entrance: the Open+ door and the visitor counter.
ENTRANCE_UNITS = {"kiosk-door.service": "multi-user.target",
                  "kiosk-counter.service": "multi-user.target"}
SYMLINK_NAMES = {
    "printer": "kiosk-printer",
    "cash": "kiosk-cash",
    "card_terminal": "kiosk-terminal",
}

Runner = Callable[[Sequence[str]], subprocess.CompletedProcess]


class InstallError(Exception):
    pass


@dataclass
class Manifest:
    root: str
    user: dict[str, Any] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    directories: list[str] = field(default_factory=list)
    enabled: list[str] = field(default_factory=list)
    udev_devices: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def run(command: Sequence[str]) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), capture_output=True, text=True, timeout=120)


def udev_rules(static: str, usb_ids: Mapping[str, str]) -> str:
    """The shipped rules plus this kiosk's own devices (kind → vendor:product)."""
    lines = [static.rstrip("\n"), "", "# This kiosk's devices (kiosk provision install)."]
    for kind, usb_id in sorted(usb_ids.items()):
        name = SYMLINK_NAMES.get(kind)
        if name is None:
            continue
        vendor, product = usb_id.lower().split(":")
        if kind == "printer":
            match = (
                'SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", '
                f'ATTR{{idVendor}}=="{vendor}", ATTR{{idProduct}}=="{product}"'
            )
        else:
            match = (
                f'SUBSYSTEM=="tty", ATTRS{{idVendor}}=="{vendor}", ATTRS{{idProduct}}=="{product}"'
            )
        lines.append(f'{match}, SYMLINK+="{name}", GROUP="{USER}", MODE="0660"')
    return "\n".join(lines) + "\n"


def install(
    root: Path | None,
    usb_ids: Mapping[str, str],
    *,
    with_backend: bool = False,
    with_entrance: bool = False,
    source: Path = UNITS_SOURCE,
    runner: Runner = run,
) -> Manifest:
    if root is None and os.geteuid() != 0:
        raise InstallError("install needs root (or --root DIR to install into a directory)")
    if not (source / "kiosk-ui.service").exists():
        raise InstallError(f"unit files not found in {source}")
    manifest = Manifest(root=str(root) if root else "/")
    units = {**UNITS, **(BACKEND_UNIT if with_backend else {}),
             **(ENTRANCE_UNITS if with_entrance else {})}
    manifest.user = _user(root, runner, manifest)
    for unit in units:
        _copy(source / unit, under_root(root, f"{UNIT_DIR}/{unit}"), manifest)
    static = (source / "70-kiosk.rules").read_text(encoding="utf-8")
    _write(under_root(root, UDEV_RULES), udev_rules(static, usb_ids), manifest)
    manifest.udev_devices = dict(usb_ids)
    _copy(source / "kiosk-tmpfiles.conf", under_root(root, TMPFILES), manifest)
    _copy(source / "kiosk-polkit.rules", under_root(root, POLKIT_RULES), manifest)
    _state_dirs(root, runner, manifest)
    _enable(root, units, runner, manifest)
    if root is None:
        for command in (["udevadm", "control", "--reload"], ["udevadm", "trigger", "--action=add"]):
            _try(runner, command, manifest)
    manifest_path = under_root(root, MANIFEST)
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest.files.append(MANIFEST)
    manifest_path.write_text(json.dumps(manifest.__dict__, indent=2) + "\n", encoding="utf-8")
    return manifest


def _existing_groups() -> list[str]:
    present = []
    for name in SUPPLEMENTARY_GROUPS:
        try:
            grp.getgrnam(name)
            present.append(name)
        except KeyError:
            pass
    return present


def _user(root: Path | None, runner: Runner, manifest: Manifest) -> dict[str, Any]:
    groups = _existing_groups()
    wanted = {
        "name": USER,
        "home": HOME,
        "shell": "/usr/sbin/nologin",
        "system": True,
        "primary_group": USER,
        "groups": groups,
    }
    if root is not None:
        manifest.notes.append("user not created under --root: see 'user' for what would be")
        return {**wanted, "created": False}
    try:
        pwd.getpwnam(USER)
        created = False
    except KeyError:
        _must(
            runner,
            [
                "useradd",
                "--system",
                "--user-group",
                "--home-dir",
                HOME,
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                USER,
            ],
        )
        created = True
    if groups:
        _must(runner, ["usermod", "--append", "--groups", ",".join(groups), USER])
    return {**wanted, "created": created}


def _state_dirs(root: Path | None, runner: Runner, manifest: Manifest) -> None:
    if root is None:
        _try(runner, ["systemd-tmpfiles", "--create", TMPFILES], manifest)
        return
    for directory in (HOME, "/var/log/kiosk", "/etc/kiosk"):
        path = under_root(root, directory)
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, 0o755 if directory == "/etc/kiosk" else 0o750)
        manifest.directories.append(directory)


def _enable(
    root: Path | None, units: Mapping[str, str], runner: Runner, manifest: Manifest
) -> None:
    command = ["systemctl", *([f"--root={root}"] if root else []), "enable", *units]
    if shutil.which("systemctl"):
        result = runner(command)
        if result.returncode == 0:
            manifest.enabled = [f"{target}.wants/{unit}" for unit, target in units.items()]
            return
        if root is None:
            raise InstallError(f"systemctl enable failed: {result.stderr.strip()[:300]}")
        manifest.notes.append(
            f"systemctl --root failed ({result.stderr.strip()[:200]}); wants symlinks made directly"
        )
    if root is None:
        raise InstallError("systemctl not found")
    # What `systemctl --root enable` does for a plain [Install] WantedBy=.
    for unit, target in units.items():
        wants = under_root(root, f"{UNIT_DIR}/{target}.wants")
        wants.mkdir(parents=True, exist_ok=True)
        link = wants / unit
        link.unlink(missing_ok=True)
        link.symlink_to(f"{UNIT_DIR}/{unit}")
        manifest.enabled.append(f"{target}.wants/{unit}")


def _copy(source: Path, target: Path, manifest: Manifest) -> None:
    _write(target, source.read_text(encoding="utf-8"), manifest)


def _write(target: Path, text: str, manifest: Manifest) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    os.chmod(target, 0o644)
    manifest.files.append(
        "/" + str(target.relative_to(manifest.root)).lstrip("/")
        if manifest.root != "/"
        else str(target)
    )


def _must(runner: Runner, command: Sequence[str]) -> None:
    result = runner(command)
    if result.returncode != 0:
        raise InstallError(f"{' '.join(command)} failed: {result.stderr.strip()[:300]}")


def _try(runner: Runner, command: Sequence[str], manifest: Manifest) -> None:
    try:
        result = runner(command)
    except (OSError, subprocess.SubprocessError) as exc:
        manifest.notes.append(f"{command[0]} not run: {exc}")
        return
    if result.returncode != 0:
        manifest.notes.append(f"{' '.join(command)}: {result.stderr.strip()[:200]}")
