"""Side-by-side releases: ``releases/VERSION/venv`` each, and a ``current`` symlink
switched atomically (a new link under a temporary name, then ``os.replace``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kiosk.updates.bundle import MANIFEST, Manifest
from kiosk.updates.errors import UpdateError
from kiosk.updates.versions import parse_version


def rooted(path: str, root: Path | None) -> Path:
    """``path`` under ``root`` (``--root DIR`` installs for tests and image builds)."""
    return Path(path) if root is None else root / path.lstrip("/")


@dataclass(frozen=True)
class Layout:
    releases_dir: Path
    current_link: Path
    state_dir: Path

    @classmethod
    def from_config(cls, section: Any, root: Path | None = None) -> Layout:
        """From an ``[updates]`` section (:class:`kiosk.config.schema.UpdatesSection`)."""
        return cls(
            rooted(section.releases_dir, root),
            rooted(section.current_link, root),
            rooted(section.state_dir, root),
        )

    def release_dir(self, version: str) -> Path:
        parse_version(version)  # never a path built from an unchecked string
        return self.releases_dir / version

    def staging_dir(self) -> Path:
        return self.state_dir / "staging"


class Installer(Protocol):
    def install(self, wheels: Path, manifest: Manifest, venv: Path) -> None: ...


class VenvInstaller:
    """``python -m venv`` + ``pip install --no-index --find-links wheels`` (offline).

    ``with_pip=False`` makes the venv without pip and installs with this interpreter's
    pip (``pip --python``): much faster, for tests only — a kiosk needs pip inside each
    release, since the next update runs from it.
    """

    def __init__(
        self, python: str = sys.executable, with_pip: bool = True, timeout_s: float = 1800
    ) -> None:
        self._python = python
        self._with_pip = with_pip
        self._timeout_s = timeout_s

    def install(self, wheels: Path, manifest: Manifest, venv: Path) -> None:
        create = [self._python, "-m", "venv", str(venv)]
        if not self._with_pip:
            create.insert(3, "--without-pip")
        self._run(create, "python -m venv")
        pip = (
            [str(venv / "bin" / "python"), "-m", "pip"]
            if self._with_pip
            else [self._python, "-m", "pip", "--python", str(venv / "bin" / "python")]
        )
        self._run(
            [
                *pip,
                "install",
                "--quiet",
                "--no-index",
                "--find-links",
                str(wheels),
                "--disable-pip-version-check",
                "--no-warn-script-location",
                f"{manifest.package}=={manifest.version}",
            ],
            "pip install",
        )

    def _run(self, command: list[str], what: str) -> None:
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=self._timeout_s
            )
        except subprocess.TimeoutExpired:
            raise UpdateError(f"install: {what} took over {self._timeout_s:g} s") from None
        if result.returncode != 0:
            raise UpdateError(
                f"install: {what} failed ({result.returncode}): {result.stderr.strip()[-1000:]}"
            )


def install_release(layout: Layout, staged: Path, manifest: Manifest, installer: Installer) -> Path:
    """Install the verified, staged bundle as ``releases/VERSION`` (idempotent)."""
    target = layout.release_dir(manifest.version)
    raw = (staged / MANIFEST).read_bytes()
    if (
        target.is_dir()
        and (target / MANIFEST).is_file()
        and (target / MANIFEST).read_bytes() == raw
    ):
        return target  # installed earlier (an update that waited, then was retried)
    if is_current(layout, manifest.version):
        raise UpdateError(f"install: {manifest.version} is the running release")
    layout.releases_dir.mkdir(parents=True, exist_ok=True)
    partial = layout.releases_dir / f".{manifest.version}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)
    partial.mkdir()
    installer.install(staged / "wheels", manifest, partial / "venv")
    # Written last: a release directory with a manifest is complete.
    (partial / MANIFEST).write_bytes(raw)
    os.replace(partial, target)
    return target


def switch(layout: Layout, version: str) -> None:
    """Point ``current`` at ``releases/VERSION`` in one atomic rename."""
    target = layout.release_dir(version)
    if not (target / MANIFEST).is_file():
        raise UpdateError(f"switch: release {version} is not installed")
    link = layout.current_link
    link.parent.mkdir(parents=True, exist_ok=True)
    temporary = link.with_name(f".{link.name}.{os.getpid()}.new")
    temporary.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, link.parent), temporary)
    os.replace(temporary, link)
    _fsync_dir(link.parent)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current_version(layout: Layout) -> str | None:
    try:
        return Path(os.readlink(layout.current_link)).name
    except OSError:
        return None


def is_current(layout: Layout, version: str) -> bool:
    return current_version(layout) == version


def installed_versions(layout: Layout) -> list[str]:
    if not layout.releases_dir.is_dir():
        return []
    found = [
        p.name
        for p in layout.releases_dir.iterdir()
        if not p.name.startswith(".") and (p / MANIFEST).is_file()
    ]
    return sorted(found, key=parse_version)


def release_manifest(layout: Layout, version: str) -> Manifest:
    return Manifest.from_bytes((layout.release_dir(version) / MANIFEST).read_bytes())


def prune(layout: Layout, keep: set[str]) -> list[str]:
    """Remove every installed release not in ``keep``; returns what was removed."""
    removed = []
    for version in installed_versions(layout):
        if version not in keep and not is_current(layout, version):
            shutil.rmtree(layout.release_dir(version))
            removed.append(version)
    return removed
