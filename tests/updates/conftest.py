"""Update test fixtures: a signing key, tiny signed releases, a kiosk root with 1.0.0
installed (installed once, copied per test: creating venvs is the slow part)."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.config.schema import UpdatesSection
from kiosk.updates.activity import Activity
from kiosk.updates.bundle import keygen
from kiosk.updates.install import Layout, VenvInstaller
from kiosk.updates.lock import Busy
from kiosk.updates.updater import Updater, UpdaterOptions
from tests.updates.testapp import make_bundle

FAKE_SYSTEMD = Path(__file__).parent / "fake_systemd.py"


@dataclass(frozen=True)
class Keys:
    private: Path
    public: str
    other_private: Path
    other_public: str


@pytest.fixture(scope="session")
def keys(tmp_path_factory) -> Keys:
    folder = tmp_path_factory.mktemp("keys")
    return Keys(
        folder / "release.key",
        keygen(folder / "release.key"),
        folder / "other.key",
        keygen(folder / "other.key"),
    )


@pytest.fixture(scope="session")
def bundles(tmp_path_factory, keys) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("bundles")
    return {
        "1.0.0": make_bundle(work, "1.0.0", keys.private),
        "2.0.0": make_bundle(work, "2.0.0", keys.private),
        "3.0.0-crash": make_bundle(work, "3.0.0", keys.private, mode="crash"),
    }


def layout_of(root: Path) -> Layout:
    return Layout.from_config(UpdatesSection(), root)


def make_updater(
    root: Path,
    public_key: str,
    *,
    restarts: int = 0,
    health_timeout_s: float = 60.0,
    max_boots: int = 3,
    idle_s: float = 0.0,
    activity: Busy | None = None,
    store_path: Path | None = None,
    switch_settle_s: float = 0.5,
) -> Updater:
    layout = layout_of(root)
    options = UpdaterOptions(
        public_key=public_key,
        idle_s=idle_s,
        max_idle_wait_s=60.0,
        give_up_after_s=90.0,
        health_timeout_s=health_timeout_s,
        max_boots=max_boots,
        restart_command=(
            sys.executable,
            str(FAKE_SYSTEMD),
            "{current}",
            "{state_dir}",
            str(restarts),
        ),
        selftest_command=(sys.executable, "-c", "import sys; sys.exit(0)"),
        poll_s=0.05,
        switch_settle_s=switch_settle_s,
    )
    # Justified shortcut: venvs without pip, installed with this interpreter's pip
    # (seconds instead of ~10 s per release for ensurepip).
    return Updater(
        layout,
        options,
        activity=activity or Activity(layout.state_dir, None),
        installer=VenvInstaller(with_pip=False),
        store_path=store_path,
    )


@pytest.fixture(scope="session")
def installed_template(tmp_path_factory, keys, bundles) -> Path:
    root = tmp_path_factory.mktemp("kiosk-root")
    final = make_updater(root, keys.public).apply(bundles["1.0.0"])
    assert final.state == "healthy", final
    return root


@pytest.fixture
def root(tmp_path, installed_template) -> Path:
    """A kiosk root (``--root``) running a healthy 1.0.0."""
    copy = tmp_path / "root"
    shutil.copytree(installed_template, copy, symlinks=True)
    return copy
