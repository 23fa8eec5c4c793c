"""This kiosk's update state: one JSON file under ``[updates] state_dir``.

The heartbeat includes :func:`heartbeat_section` (the seam for sync/heartbeat.py); the
backend's rollout reads the same words: downloading, verifying, installing,
waiting_for_idle, switched, healthy, rolled_back, failed (refused before the switch).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.updates.files import read_json, write_json

STATE_FILE = "update-state.json"
IDLE = "idle"
DOWNLOADING = "downloading"
VERIFYING = "verifying"
INSTALLING = "installing"
WAITING_FOR_IDLE = "waiting_for_idle"
SWITCHED = "switched"
HEALTHY = "healthy"
ROLLED_BACK = "rolled_back"
FAILED = "failed"
STATES = (
    IDLE,
    DOWNLOADING,
    VERIFYING,
    INSTALLING,
    WAITING_FOR_IDLE,
    SWITCHED,
    HEALTHY,
    ROLLED_BACK,
    FAILED,
)


@dataclass
class UpdateState:
    state: str = IDLE
    version: str | None = None  # the version the state is about (pending or last applied)
    reason: str | None = None
    previous: str | None = None  # the release kept for a rollback
    last_failure: dict[str, Any] | None = None  # {version, reason, at}
    blocked: dict[str, str] = field(default_factory=dict)  # version -> why
    updated_at: float = 0.0


class StateFile:
    """Reads and writes the state; ``wall`` is injectable for tests."""

    def __init__(self, state_dir: Path, wall: Callable[[], float] = time.time) -> None:
        self.path = state_dir / STATE_FILE
        self._wall = wall

    def load(self) -> UpdateState:
        data = read_json(self.path, {})
        known = {
            k: v
            for k, v in (data if isinstance(data, dict) else {}).items()
            if k in UpdateState.__dataclass_fields__
        }
        return UpdateState(**known)

    def save(self, state: UpdateState) -> UpdateState:
        state.updated_at = self._wall()
        write_json(self.path, asdict(state))
        return state

    def set(
        self, state: str, version: str | None, reason: str | None = None, **changes: Any
    ) -> UpdateState:
        """Move to ``state`` (keeping blocked versions and the last failure)."""
        assert state in STATES, state
        current = self.load()
        current.state, current.version, current.reason = state, version, reason
        for key, value in changes.items():
            setattr(current, key, value)
        return self.save(current)

    def fail(self, state: str, version: str, reason: str, *, block: bool) -> UpdateState:
        current = self.load()
        current.state, current.version, current.reason = state, version, reason
        current.last_failure = {"version": version, "reason": reason, "at": self._wall()}
        if block:
            current.blocked[version] = reason
        return self.save(current)

    def unblock(self, version: str) -> bool:
        current = self.load()
        if current.blocked.pop(version, None) is None:
            return False
        self.save(current)
        return True


def heartbeat_section(state_dir: Path, current_version: str | None = None) -> dict[str, Any]:
    """What the heartbeat reports under ``"update"`` (small, no personal data)."""
    state = StateFile(state_dir).load()
    return {
        "current": current_version,
        "state": state.state,
        "version": state.version,
        "reason": state.reason,
        "previous": state.previous,
        "last_failure": state.last_failure,
        "blocked": sorted(state.blocked),
    }
