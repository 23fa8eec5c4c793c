"""One update, start to end: verify → install side by side → wait for idle → switch →
restart → health gate → healthy (prune) or rolled back (blocked until central IT
unblocks it). Used by ``kiosk update apply`` and by the sync side's update agent."""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.updates import health, state
from kiosk.updates.activity import clear_switching, mark_switching
from kiosk.updates.bundle import Manifest, read_manifest, verify_bundle
from kiosk.updates.errors import UpdateError
from kiosk.updates.health import HealthGate, substitute
from kiosk.updates.install import (
    Installer,
    Layout,
    current_version,
    install_release,
    installed_versions,
    prune,
    release_manifest,
    switch,
)
from kiosk.updates.lock import Busy, wait_for_idle
from kiosk.updates.schema import check_runs_on, store_revision
from kiosk.updates.state import StateFile, UpdateState
from kiosk.updates.uimarkers import SWITCH_SETTLE_S
from kiosk.updates.versions import parse_version

log = logging.getLogger(__name__)
LOCK_FILE = "update.lock"
RESTART_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class UpdaterOptions:
    public_key: str
    idle_s: float = 120.0
    max_idle_wait_s: float = 3600.0
    give_up_after_s: float = 86400.0
    health_timeout_s: float = 300.0
    max_boots: int = 3
    restart_command: Sequence[str] = ()
    selftest_command: Sequence[str] = ()
    poll_s: float = 0.5
    # Between the "switching" marker and the last busy check: lets a session the UI
    # accepted just before it saw the marker reach the disk (kiosk.updates.uimarkers).
    switch_settle_s: float = SWITCH_SETTLE_S

    @classmethod
    def from_config(cls, section: Any) -> UpdaterOptions:
        """From :class:`kiosk.config.schema.UpdatesSection`."""
        return cls(
            public_key=section.public_key,
            idle_s=section.idle_s,
            max_idle_wait_s=section.max_idle_wait_s,
            give_up_after_s=section.give_up_after_s,
            health_timeout_s=section.health_timeout_s,
            max_boots=section.max_boots,
            restart_command=section.restart_command,
            selftest_command=section.selftest_command,
        )


def _label(bundle: Path) -> str:
    """The version a bundle claims, to name it in the state before it is verified."""
    try:
        claimed = read_manifest(bundle).version
        parse_version(claimed)
    except UpdateError:
        return "unknown"
    return claimed


class Updater:
    """``on_state`` hears every state change (the sync agent reports them upstream)."""

    def __init__(
        self,
        layout: Layout,
        options: UpdaterOptions,
        *,
        activity: Busy,
        installer: Installer,
        store_path: Path | None = None,
        on_state: Callable[[UpdateState], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.layout = layout
        self.options = options
        self.state = StateFile(layout.state_dir)
        self._activity = activity
        self._installer = installer
        self._store_path = store_path
        self.on_state = on_state
        self._sleep = sleep

    # --- public --------------------------------------------------------------------

    def apply(self, bundle: Path, expected_version: str | None = None) -> UpdateState:
        """Apply one bundle; returns the final state (healthy or rolled_back).

        Raises :class:`UpdateError` when the bundle is refused before the switch (the
        state file says ``failed`` with the reason) or the kiosk never became idle.
        """
        with self._exclusive(wait=False):
            return self._apply(bundle, expected_version)

    def rollback(self, reason: str = "rolled back by a technician") -> UpdateState:
        """Switch back to the previous release now (it is blocked like a failed one)."""
        with self._exclusive(wait=False):
            failed = current_version(self.layout)
            if failed is None:
                raise UpdateError("rollback: no current release")
            previous = self._previous_of(failed)
            if previous is None:
                raise UpdateError(f"rollback: no release to go back to from {failed}")
            return self._roll_back(failed, previous, reason)

    def boot_check(self) -> str:
        """Count a start of the current release; roll back a crash loop.

        For a unit's ``ExecStartPre=``: after a rollback ``current`` already points at
        the previous release when ExecStart= runs. Leaves the decision to a running
        health gate when ``kiosk update apply`` holds the update lock.
        """
        version = current_version(self.layout)
        if version is None:
            return "no current release"
        started = health.record_start(self.layout.state_dir, version)
        if started < self.options.max_boots:
            return f"{version}: start {started}"
        try:
            with self._exclusive(wait=False):
                previous = self._previous_of(version)
                if previous is None:
                    return f"{version}: crash loop, but no release to go back to"
                self._roll_back(
                    version,
                    previous,
                    f"crash loop: {started} starts of {version} without becoming healthy",
                    restart=False,
                )
                return f"{version}: crash loop, rolled back to {previous}"
        except UpdateError:
            return f"{version}: start {started} (an update is in progress)"

    def in_progress(self) -> bool:
        """Whether an update holds the lock now (in this process or another)."""
        try:
            with self._exclusive(wait=False):
                return False
        except UpdateError:
            return True

    # --- the steps -----------------------------------------------------------------

    def _apply(self, bundle: Path, expected_version: str | None) -> UpdateState:
        version = expected_version or _label(bundle)
        self._set(state.VERIFYING, version)
        current = current_version(self.layout)
        staged = self.layout.staging_dir() / "bundle"
        shutil.rmtree(staged, ignore_errors=True)
        try:
            manifest = verify_bundle(
                bundle,
                self.options.public_key,
                staged,
                current_version=current,
                expected_version=expected_version,
                blocked=self.state.load().blocked,
            )
            version = manifest.version
            check_runs_on(manifest, store_revision(self._store_path))
            self._set(state.INSTALLING, version)
            install_release(self.layout, staged, manifest, self._installer)
        except UpdateError as exc:
            self._fail(state.FAILED, version, exc.reason, block=False)
            raise
        finally:
            shutil.rmtree(staged, ignore_errors=True)

        self._set(state.WAITING_FOR_IDLE, version)
        why = self._hold_sessions(version)
        try:
            return self._switch_and_gate(manifest, current, why)
        finally:
            clear_switching(self.layout.state_dir)

    def _hold_sessions(self, version: str) -> str:
        """Wait for idle, then keep new sessions away until the gate is done: the
        switching marker first, then one more busy check (a citizen who touched the
        screen in between is waited for like any other)."""
        hold_s = RESTART_TIMEOUT_S * 2 + self.options.health_timeout_s + 60
        while True:
            why = wait_for_idle(
                self._activity,
                idle_s=self.options.idle_s,
                max_wait_s=self.options.max_idle_wait_s,
                give_up_after_s=self.options.give_up_after_s,
                poll_s=self.options.poll_s,
                on_busy=lambda reason: self._set(state.WAITING_FOR_IDLE, version, reason),
                sleep=self._sleep,
            )
            mark_switching(self.layout.state_dir, version, hold_s)
            self._sleep(self.options.switch_settle_s)
            late = self._activity.busy()
            if late is None:
                return why
            clear_switching(self.layout.state_dir)
            log.info("update waits again: %s", late)
            self._set(state.WAITING_FOR_IDLE, version, late)

    def _switch_and_gate(self, manifest: Manifest, previous: str | None, why: str) -> UpdateState:
        version = manifest.version
        since = time.time()
        switch(self.layout, version)
        log.info("switched to %s (%s); previous %s", version, why, previous)
        self._set(state.SWITCHED, version, why, previous=previous)
        problem = self._restart(version)
        if problem is None:
            gate = HealthGate(
                self.layout.state_dir,
                timeout_s=self.options.health_timeout_s,
                max_boots=self.options.max_boots,
                selftest_command=self.options.selftest_command,
                poll_s=min(self.options.poll_s, 0.2),
                sleep=self._sleep,
            )
            result = gate.wait(version, since, self._substitutions(version))
            if result.healthy:
                health.mark_healthy(self.layout.state_dir, version)
                removed = prune(self.layout, {version} | ({previous} if previous else set()))
                log.info("%s is healthy (%s); pruned %s", version, result.reason, removed)
                return self._set(state.HEALTHY, version, result.reason, previous=previous)
            problem = result.reason
        if previous is None:
            return self._fail(
                state.FAILED,
                version,
                f"{problem} (no previous release to roll back to)",
                block=True,
            )
        return self._roll_back(version, previous, problem)

    def _roll_back(
        self, failed: str, previous: str, reason: str, *, restart: bool = True
    ) -> UpdateState:
        log.warning("rolling back %s to %s: %s", failed, previous, reason)
        reason = reason + self._restore_schema(failed, previous)
        switch(self.layout, previous)
        if restart:
            problem = self._restart(previous)
            if problem is not None:
                reason += f"; restarting {previous} failed too: {problem}"
        return self._fail(state.ROLLED_BACK, failed, reason, block=True, previous=None)

    def _restore_schema(self, failed: str, previous: str) -> str:
        """Step the store back to a revision the previous release knows (expand-only
        migrations: only the newer release's tables/columns go)."""
        revision = store_revision(self._store_path)
        try:
            wanted = release_manifest(self.layout, previous).store_revisions
        except (OSError, UpdateError):
            return ""
        if revision is None or not wanted or revision in wanted:
            return ""
        python = self.layout.release_dir(failed) / "venv" / "bin" / "python"
        result = subprocess.run(
            [
                str(python),
                "-m",
                "kiosk.updates.schema",
                "downgrade",
                str(self._store_path),
                wanted[-1],
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            return f"; store downgrade to {wanted[-1]} failed: {result.stderr.strip()[-300:]}"
        return f"; store stepped back to {wanted[-1]}"

    def _restart(self, version: str) -> str | None:
        if not self.options.restart_command:
            return None
        command = [
            substitute(p, self._substitutions(version)) for p in self.options.restart_command
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=RESTART_TIMEOUT_S
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"restart command could not run: {type(exc).__name__}"
        if result.returncode != 0:
            return f"restart command exited {result.returncode}: {result.stderr.strip()[-300:]}"
        return None

    def _substitutions(self, version: str) -> dict[str, str]:
        return {
            "current": str(self.layout.current_link),
            "release": str(self.layout.release_dir(version)),
            "state_dir": str(self.layout.state_dir),
            "version": version,
        }

    def _previous_of(self, version: str) -> str | None:
        recorded = self.state.load().previous
        if recorded and recorded != version and recorded in installed_versions(self.layout):
            return recorded
        older = [
            v for v in installed_versions(self.layout) if parse_version(v) < parse_version(version)
        ]
        return older[-1] if older else None

    # --- state ---------------------------------------------------------------------

    def _set(
        self, name: str, version: str, reason: str | None = None, **changes: Any
    ) -> UpdateState:
        new = self.state.set(name, version, reason, **changes)
        self._tell(new)
        return new

    def _fail(
        self, name: str, version: str, reason: str, *, block: bool, **changes: Any
    ) -> UpdateState:
        new = self.state.fail(name, version, reason, block=block)
        if changes:
            for key, value in changes.items():
                setattr(new, key, value)
            new = self.state.save(new)
        self._tell(new)
        return new

    def _tell(self, new: UpdateState) -> None:
        if self.on_state is not None:
            try:
                self.on_state(new)
            except Exception:  # reporting upstream must never stop an update midway
                log.exception("update state listener failed")

    @contextmanager
    def _exclusive(self, wait: bool) -> Iterator[None]:
        """One update at a time per kiosk (the CLI and the sync agent alike)."""
        self.layout.state_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.layout.state_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise UpdateError("another update is in progress on this kiosk") from None
            yield
        finally:
            os.close(fd)
