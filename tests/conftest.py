"""Shared test set-up: Qt offscreen with the software renderer, temp stores, registries."""

from __future__ import annotations

import os

# Before anything imports Qt: no display, no GPU, on every machine and in CI.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
for _name in [n for n in os.environ if n.startswith("KIOSK_")]:
    del os.environ[_name]  # a developer's own KIOSK_* settings must not leak into tests

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from drivers.registry import DeviceRegistry, default_registry  # noqa: E402
from kiosk.store.database import Store  # noqa: E402


@pytest.fixture
def registry() -> DeviceRegistry:
    return default_registry()


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "kiosk.db")
    yield s
    s.close()
