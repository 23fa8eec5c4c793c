"""The heartbeat: every ``[sync] heartbeat_interval_s`` the sync process tells the
backend how this kiosk is — devices (as the UI process recorded them), outbox depth
and age, dead letters, versions, uptime, disk, last error — and takes any remote
configuration the answer carries (see :mod:`sync.heartbeat_config`).

Nothing personal is sent: dead-letter reasons have long digit runs masked.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from drivers.registry import DeviceRegistry
from kiosk import __version__
from kiosk.config.schema import Config
from kiosk.devicestate import DEVICE_NAMES, read_device_state
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent
from sync.actions import ActionCommands, ActionRunner
from sync.client import BackendClient, PermanentError, TransientError
from sync.heartbeat_config import RemoteConfigInbox
from sync.outbox import PENDING, Outbox
from sync.status import read_status

log = logging.getLogger(__name__)
RECENT_DEAD_LETTERS = 20
MAX_BLOCKED = 20  # blocked versions reported (the newest)
# National numbers (11 digits), card numbers: never in a heartbeat.
_DIGIT_RUN = re.compile(r"\d{6,}")


def utc_now() -> datetime:
    return datetime.now(UTC)


def mask(text: str) -> str:
    return _DIGIT_RUN.sub("…", text or "")[:300]


class HeartbeatClient(BackendClient):
    """The backend client with the heartbeat call (its own session: its own thread)."""

    def post_heartbeat(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self._request("POST", "/heartbeat", json=body)
        if response.status_code != 200:
            raise PermanentError(response.status_code, "heartbeat endpoint not found")
        try:
            answer = response.json()
            if not isinstance(answer, dict) or "status" not in answer:
                raise ValueError("not a heartbeat answer")
        except ValueError:
            raise TransientError("malformed heartbeat answer") from None
        return answer

    def post_action_report(self, action_id: int, body: dict[str, Any]) -> None:
        """Report on a remote action (sync/actions.py); 404/409: the backend is done
        with it (another kiosk's id, or already finished or timed out)."""
        response = self._request("POST", f"/actions/{int(action_id)}", json=body)
        if response.status_code not in (200, 404, 409):
            raise PermanentError(response.status_code, f"action report refused: "
                                 f"{response.text[:200]}")


@dataclass(frozen=True)
class BeatResult:
    ok: bool
    error: str | None = None
    answer: dict[str, Any] | None = None
    refused: str | None = None  # why a remote config in the answer was refused


class HeartbeatSender:
    def __init__(
        self,
        client: HeartbeatClient,
        store: Store,
        config: Config,
        inbox: RemoteConfigInbox,
        clock: Callable[[], datetime] = utc_now,
        monotonic: Callable[[], float] = time.monotonic,
        software_version: str = __version__,
        update_state_dir: Path | None = None,
        actions: ActionRunner | None = None,
    ) -> None:
        """``update_state_dir``: ``[updates] state_dir`` (None: the kiosk takes no
        updates): the update state goes in every beat, an answer feeds the health gate."""
        self._client = client
        self._update_state_dir = update_state_dir
        self._store = store
        self._config = config
        self._inbox = inbox
        self._clock = clock
        self._monotonic = monotonic
        self._started = monotonic()
        self._software_version = software_version
        self._last_failure: str | None = None
        self._actions = actions  # remote actions in the answers (None: not taken)

    @property
    def interval_s(self) -> float:
        return self._config.sync.heartbeat_interval_s

    def collect(self) -> dict[str, Any]:
        """The heartbeat body (the backend's ``Heartbeat`` schema)."""
        now = self._clock()
        with self._store.read() as session:
            oldest = session.scalar(
                select(func.min(OutboxEvent.created_at)).where(OutboxEvent.state == PENDING)
            )
        outbox = Outbox(self._store)
        pending, dead = outbox.counts()
        letters = sorted(outbox.dead_letters(), key=lambda d: d.seq or 0)[-RECENT_DEAD_LETTERS:]
        recorded = read_device_state(self._store)
        devices = recorded.get("devices", {})
        status = read_status(self._store, now)
        remote = self._inbox.state()
        return {
            "kiosk_id": self._config.kiosk.id,
            "sent_at": now.isoformat(),
            "interval_s": self.interval_s,
            "software_version": self._software_version,
            "config_version": self._inbox.effective_version(),
            "uptime_s": round(max(0.0, self._monotonic() - self._started), 1),
            "disk_free_bytes": _disk_free(Path(self._config.store.path)),
            "last_error": mask(self._last_error(status.state, status.reason)) or None,
            "outbox": {
                "pending": pending,
                "dead_letters": dead,
                "oldest_pending_age_s": (
                    round(max(0.0, (now - oldest).total_seconds()), 1)
                    if oldest is not None
                    else None
                ),
                "recent_dead_letters": [
                    {
                        "event_id": d.event_id,
                        "type": d.type,
                        "seq": d.seq,
                        "reason": mask(d.reason),
                        "dead_lettered_at": (
                            d.dead_lettered_at.astimezone(UTC).isoformat()
                            if d.dead_lettered_at
                            else None
                        ),
                    }
                    for d in reversed(letters)
                ],
            },
            "devices": {name: devices[name] for name in DEVICE_NAMES if devices.get(name)},
            "selftest": devices.get("selftest"),
            "remote_config": {
                "applied": remote.applied.version if remote.applied else None,
                "pending": remote.pending.version if remote.pending else None,
                "refused": remote.refused,
                "refused_reason": remote.refused_reason,
            },
            **self._update_section(),
            **self._open_plus_section(now),
        }

    def _open_plus_section(self, now: datetime) -> dict[str, Any]:
        """``{"open_plus": …}`` when this kiosk drives an Open+ door and its journal exists."""
        access = self._config.library.access
        path = Path(access.journal_path)
        if access.controller is None or not path.exists():
            return {}
        from kiosk.library.access.journal import AccessJournal
        from kiosk.library.access.schedule import Schedule

        journal = AccessJournal(path)
        try:
            section = journal.heartbeat_section()
        finally:
            journal.close()
        for alert in section["alerts"]:
            alert["detail"] = mask(alert["detail"])[:300]
        section["alerts"] = section["alerts"][:10]
        section["mode"] = Schedule(self._config.library.schedule).mode_at(now)
        return {"open_plus": section}

    def _update_section(self) -> dict[str, Any]:
        """``{"update": …}`` (kiosk/updates/state.py), bounded so that an odd reason
        never gets the whole heartbeat refused; {} when the kiosk takes no updates."""
        if self._update_state_dir is None:
            return {}
        from kiosk.updates.state import heartbeat_section

        try:
            section = heartbeat_section(self._update_state_dir, self._software_version)
            section["reason"] = mask(str(section["reason"] or "")) or None
            failure = section.get("last_failure")
            if isinstance(failure, dict):
                section["last_failure"] = {
                    "version": str(failure.get("version") or "")[:64] or None,
                    "reason": mask(str(failure.get("reason") or "")) or None,
                    "at": float(failure.get("at") or 0),
                }
            else:
                section["last_failure"] = None
            section["blocked"] = [str(v)[:64] for v in section["blocked"]][-MAX_BLOCKED:]
        except (TypeError, ValueError, KeyError) as exc:
            # A state file an older release wrote oddly: the heartbeat still goes out.
            log.warning("update state not reported: %s", exc)
            return {}
        return {"update": section}

    def _last_error(self, state: str, reason: str) -> str:
        if self._last_failure:
            return f"heartbeat: {self._last_failure}"
        return reason if state != "online" else ""

    def beat(self) -> BeatResult:
        """Send one heartbeat and take the remote config its answer carries."""
        try:
            body = self.collect()
            answer = self._client.post_heartbeat(body)
        except TransientError as exc:
            self._last_failure = exc.reason
            return BeatResult(False, exc.reason)
        except PermanentError as exc:
            reason = "credential refused" if exc.credential_refused else str(exc)
            self._last_failure = reason
            log.warning("heartbeat refused: %s", reason)
            return BeatResult(False, reason)
        self._last_failure = None
        self._mark_answered()
        refused = None
        remote = answer.get("remote_config")
        if isinstance(remote, dict):
            refused = self._inbox.offer(remote.get("version"), remote.get("values"))
        if self._actions is not None and answer.get("actions"):
            self._actions.offer(answer["actions"])
        return BeatResult(True, None, answer, refused)

    def _mark_answered(self) -> None:
        """The health gate of a freshly switched release waits for this marker."""
        if self._update_state_dir is None:
            return
        from kiosk.updates.health import mark_heartbeat_answered

        try:
            mark_heartbeat_answered(self._update_state_dir, self._software_version)
        except OSError as exc:
            log.warning("update marker (heartbeat) not written: %s", exc)

    def run(self, stop: threading.Event) -> None:
        """Beat every interval until ``stop`` is set (a failed beat waits as long)."""
        while not stop.is_set():
            try:
                result = self.beat()
                if not result.ok:
                    log.info("heartbeat not delivered: %s", result.error)
            except Exception:  # the store is busy or gone: report next time
                log.exception("heartbeat failed")
            stop.wait(self.interval_s)


def _disk_free(path: Path) -> int:
    for candidate in (path.parent, *path.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return 0


def _update_state_dir(config: Config) -> Path | None:
    return Path(config.updates.state_dir) if config.updates.public_key else None


def _action_runner(client: HeartbeatClient, store: Store, config: Config,
                   commands: ActionCommands | None = None) -> ActionRunner:
    """Remote actions, idle as the updater sees it: no citizen session (the UI's marker
    in the updates state dir) and no payment in progress (the journal)."""
    from kiosk.payments.journal import PaymentJournal
    from kiosk.updates.activity import Activity

    state_dir = Path(config.updates.state_dir)
    activity = Activity(state_dir, PaymentJournal(store))
    # The UI writes its session marker only on a kiosk that takes updates (UiMarkers).
    return ActionRunner(client, state_dir, activity.busy, mask, commands,
                        sessions_seen=bool(config.updates.public_key))


class HeartbeatThread:
    """``kiosk sync run``'s heartbeat: its own client, store handle and thread."""

    def __init__(
        self, config: Config, token: str, registry: DeviceRegistry, stop: threading.Event
    ) -> None:
        self._store = Store.from_section(config.store)
        self._client = HeartbeatClient.for_backend(config.backend, token)  # CA, client cert
        inbox = RemoteConfigInbox(self._store, config, registry, utc_now)
        self.actions = _action_runner(self._client, self._store, config)
        self.sender = HeartbeatSender(
            self._client, self._store, config, inbox, update_state_dir=_update_state_dir(config),
            actions=self.actions,
        )
        self._stop = stop
        self._thread = threading.Thread(
            target=self.sender.run, args=(stop,), name="heartbeat", daemon=True
        )

    def start(self) -> HeartbeatThread:
        self._thread.start()
        return self

    def close(self, timeout_s: float = 15.0) -> None:
        self._stop.set()
        self._thread.join(timeout_s)
        self.actions.close(timeout_s)
        self._client.close()
        self._store.close()
