"""Side-by-side install, switch, health gate and rollback against real venvs and a
real (fake-systemd) restart of the releases' entry points."""

from __future__ import annotations

import pytest

from kiosk.updates.bundle import verify_bundle
from kiosk.updates.errors import UpdateError
from kiosk.updates.install import (
    VenvInstaller,
    current_version,
    install_release,
    installed_versions,
    switch,
)
from kiosk.updates.state import StateFile, heartbeat_section
from tests.updates.conftest import layout_of, make_updater


def test_good_update_switches_and_keeps_the_previous_release(root, keys, bundles):
    layout = layout_of(root)
    assert current_version(layout) == "1.0.0"

    final = make_updater(root, keys.public).apply(bundles["2.0.0"])

    assert final.state == "healthy", final
    assert current_version(layout) == "2.0.0"
    assert installed_versions(layout) == ["1.0.0", "2.0.0"]
    assert final.previous == "1.0.0"
    assert "heartbeat answered" in (final.reason or "")
    assert layout.current_link.is_symlink()
    assert (layout.current_link / "venv" / "bin" / "python").exists()


def test_release_failing_its_health_gate_is_rolled_back_reported_and_not_retried(
    root, keys, bundles
):
    layout = layout_of(root)
    updater = make_updater(root, keys.public, restarts=0, health_timeout_s=2.0)

    final = updater.apply(bundles["3.0.0-crash"])

    assert final.state == "rolled_back", final
    assert current_version(layout) == "1.0.0"
    assert "no attract screen" in final.reason and "3.0.0" in final.reason
    saved = StateFile(layout.state_dir).load()
    assert saved.last_failure["version"] == "3.0.0"
    assert "3.0.0" in saved.blocked
    with pytest.raises(UpdateError, match=r"3\.0\.0 is blocked"):
        updater.apply(bundles["3.0.0-crash"])
    assert current_version(layout) == "1.0.0"
    # Central IT unblocks it: it is verified again (and would be tried again).
    assert StateFile(layout.state_dir).unblock("3.0.0")


def test_crash_loop_rolls_back(root, keys, bundles):
    layout = layout_of(root)
    # The fake systemd restarts the crashing app 4 times: 5 starts ≥ max_boots.
    final = make_updater(root, keys.public, restarts=4, max_boots=3).apply(bundles["3.0.0-crash"])

    assert final.state == "rolled_back"
    assert final.reason.startswith("crash loop")
    assert current_version(layout) == "1.0.0"


def test_boot_check_never_counts_a_healthy_release(root, keys, bundles):
    layout = layout_of(root)
    updater = make_updater(root, keys.public, restarts=0, health_timeout_s=1.0, max_boots=2)
    updater.apply(bundles["2.0.0"])
    assert current_version(layout) == "2.0.0"
    # 2.0.0 is healthy: its starts never count.
    assert updater.boot_check() == "2.0.0: start 0"
    assert current_version(layout) == "2.0.0"


def test_boot_check_rolls_back_a_release_that_keeps_crashing(root, keys, bundles, tmp_path):
    """The unit's ExecStartPre (``kiosk update boot-check``) counts starts: a release
    switched to but never healthy goes back to the previous one on its own."""
    layout = layout_of(root)
    manifest = verify_bundle(
        bundles["2.0.0"], keys.public, tmp_path / "staged", current_version="1.0.0"
    )
    install_release(layout, tmp_path / "staged", manifest, VenvInstaller(with_pip=False))
    switch(layout, "2.0.0")  # as if the updater died right after the switch
    updater = make_updater(root, keys.public, max_boots=3)

    assert updater.boot_check() == "2.0.0: start 1"
    assert updater.boot_check() == "2.0.0: start 2"
    assert updater.boot_check() == "2.0.0: crash loop, rolled back to 1.0.0"

    assert current_version(layout) == "1.0.0"
    saved = StateFile(layout.state_dir).load()
    assert saved.state == "rolled_back" and saved.reason.startswith("crash loop: 3 starts")
    assert "2.0.0" in saved.blocked


def test_heartbeat_section_carries_the_failure_and_blocked_versions(root, keys, bundles):
    layout = layout_of(root)
    make_updater(root, keys.public, health_timeout_s=1.0).apply(bundles["3.0.0-crash"])

    section = heartbeat_section(layout.state_dir, current_version(layout))

    assert section["current"] == "1.0.0"
    assert section["state"] == "rolled_back" and section["blocked"] == ["3.0.0"]
    assert section["last_failure"]["version"] == "3.0.0"
    assert "no attract screen" in section["last_failure"]["reason"]
