"""The kiosk side of rollouts: ask the backend which version to run, download its bundle
(resuming with HTTP Range after a network cut), hand it to the updater (which verifies
the signature before anything else) and report each update state upstream.

Wiring (for ``kiosk sync run``): build an :class:`UpdateAgent` and run
:meth:`UpdateAgent.run` on its own thread with the sync process's stop event; an update
waits for idle and for its health gate, so it must not hold up the outbox relay.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import requests

from kiosk.updates import state as update_state
from kiosk.updates.errors import UpdateError
from kiosk.updates.state import UpdateState
from kiosk.updates.updater import Updater
from kiosk.updates.versions import parse_version
from sync.client import BackendClient, PermanentError, TransientError

log = logging.getLogger(__name__)
CHUNK = 64 * 1024
_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")


class UpdatesClient(BackendClient):
    """The backend client with the updates calls."""

    def target(self) -> dict[str, Any]:
        response = self._request("GET", "/updates/target")
        if response.status_code != 200:
            raise PermanentError(response.status_code, "updates endpoint not found")
        try:
            answer = response.json()
            if not isinstance(answer, dict) or "version" not in answer:
                raise ValueError("not an update target")
        except ValueError:
            raise TransientError("update target answer is not JSON we understand") from None
        return answer

    def report(self, version: str, state: str, reason: str | None, current: str | None) -> None:
        body = {
            "version": version,
            "state": state,
            "reason": (reason or "")[:2000] or None,
            "current": current,
        }
        response = self._request("POST", "/updates/state", json=body)
        if response.status_code != 204:
            raise PermanentError(response.status_code, "update state not accepted")

    def download(self, version: str, dest: Path, size: int, sha256: str, attempts: int = 8) -> Path:
        parse_version(version)  # part of a URL path
        return download_resumable(
            self._session,
            f"{self._base}/updates/bundles/{version}",
            dest,
            size,
            sha256,
            timeout=self._timeout,
            attempts=attempts,
        )


def download_resumable(
    session: requests.Session,
    url: str,
    dest: Path,
    size: int,
    sha256: str,
    *,
    timeout: Any = (5.0, 30.0),
    attempts: int = 8,
    on_attempt: Callable[[int, int], None] | None = None,
) -> Path:
    """Download ``url`` to ``dest``: bytes go to ``dest.part`` and a cut connection
    resumes from its length (``Range: bytes=N-``); the whole file must then have
    ``size`` bytes and ``sha256`` before it is renamed to ``dest``.

    Raises :class:`TransientError` after ``attempts`` tries (the ``.part`` stays for
    the next check to resume).
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    last_problem = "no attempt made"
    for attempt in range(1, attempts + 1):
        have = part.stat().st_size if part.exists() else 0
        if have > size:
            part.unlink()
            have = 0
        if on_attempt is not None:
            on_attempt(attempt, have)
        if have < size:
            try:
                _fetch_from(session, url, part, have, timeout)
            except (requests.RequestException, OSError) as exc:
                last_problem = f"{type(exc).__name__} after {_size(part)} of {size} bytes"
                log.info("bundle download cut (%s); resuming", last_problem)
                continue
            except TransientError as exc:
                last_problem = exc.reason
                continue
        got = _size(part)
        if got != size:
            last_problem = f"only {got} of {size} bytes"
            continue
        if _sha256(part) != sha256:
            part.unlink()  # a wrong whole file: start again from zero
            last_problem = "downloaded bundle does not have the announced SHA-256"
            continue
        os.replace(part, dest)
        return dest
    raise TransientError(f"bundle download incomplete after {attempts} attempts: {last_problem}")


def _fetch_from(session: requests.Session, url: str, part: Path, have: int, timeout: Any) -> None:
    headers = {"Range": f"bytes={have}-"} if have else {}
    with session.get(url, headers=headers, stream=True, timeout=timeout) as response:
        if response.status_code == 206:
            match = _CONTENT_RANGE.match(response.headers.get("Content-Range", ""))
            if match is None or int(match.group(1)) != have:
                raise TransientError("server answered another byte range than asked")
            mode = "ab"
        elif response.status_code == 200:
            mode = "wb"  # the server ignored the range: take the whole file again
        elif response.status_code == 416:
            part.unlink(missing_ok=True)
            raise TransientError("server refused the range: starting again")
        elif response.status_code >= 500 or response.status_code == 429:
            raise TransientError(f"bundle download: HTTP {response.status_code}")
        else:
            raise PermanentError(response.status_code, "bundle download refused")
        with part.open(mode) as out:
            for chunk in response.iter_content(CHUNK):
                out.write(chunk)


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


FINAL_STATES = frozenset({update_state.HEALTHY, update_state.ROLLED_BACK, update_state.FAILED})
Apply = Callable[[Path, str], object]


class UpdateAgent:
    """Checks the rollout target, downloads and applies it, reports the state upstream.

    ``apply(bundle, version)`` runs the update: in this process by default (blocking
    until healthy or rolled back), or :class:`SpawnedApply` on a kiosk. The state
    reported is always the state file's, so an apply running in another process (or
    one that outlived a sync restart) is reported too.
    """

    def __init__(
        self,
        client: UpdatesClient,
        updater: Updater,
        download_dir: Path,
        current_version: Callable[[], str | None],
        apply: Apply | None = None,
    ) -> None:
        self._client = client
        self._updater = updater
        self._download_dir = download_dir
        self._current = current_version
        self._apply = apply or (lambda path, version: updater.apply(path, version))
        self._last: tuple[str, str | None, str | None] | None = None
        # In-process applies report each step as it happens, not at the next check.
        updater.on_state = lambda _state: self.report_state()

    def check_once(self) -> UpdateState | None:
        """One round; returns the state after an update it started (None: nothing)."""
        self.report_state()
        if self._updater.in_progress():
            return None
        states = self._updater.state
        target = self._client.target()
        for version in target.get("unblock") or []:
            if states.unblock(str(version)):
                log.info("central IT unblocked %s", version)
                self._client.report(str(version), update_state.IDLE, "unblocked", self._current())
        version = target.get("version")
        if not version or version == self._current() or version in states.load().blocked:
            return None
        dest = self._download_dir / f"{version}.kbundle"
        states.set(update_state.DOWNLOADING, version)
        self.report_state()
        try:
            self._client.download(version, dest, int(target["size"]), str(target["sha256"]))
            self._apply(dest, version)
        except UpdateError as exc:
            log.warning("update to %s not applied: %s", version, exc.reason)
        finally:
            self.report_state()
        return states.load()

    def report_state(self) -> None:
        """Report the state file upstream when it changed since the last report."""
        current = self._updater.state.load()
        key = (current.state, current.version, current.reason)
        if current.version in (None, "unknown") or key == self._last:
            return
        try:
            self._client.report(current.version, current.state, current.reason, self._current())
            self._last = key
        except (TransientError, PermanentError) as exc:
            # The heartbeat carries the same state (state.heartbeat_section) meanwhile.
            log.info("update state not reported now: %s", exc)
        if current.state in FINAL_STATES:
            (self._download_dir / f"{current.version}.kbundle").unlink(missing_ok=True)

    def run(self, stop: threading.Event, interval_s: float) -> None:
        while not stop.is_set():
            try:
                self.check_once()
            except TransientError as exc:
                log.info("update check: %s", exc.reason)
            except PermanentError as exc:
                log.warning("update check refused: %s", exc)
            stop.wait(interval_s)


class SpawnedApply:
    """``kiosk update apply`` as a transient systemd unit: the switch restarts
    kiosk-sync (this process), which must not kill the health gate or the rollback.
    ``prefix`` items may hold ``{version}``."""

    def __init__(
        self,
        config_path: str | None,
        prefix: Sequence[str] = (
            "systemd-run",
            "--collect",
            "--quiet",
            "--unit=kiosk-update-{version}",
        ),
    ) -> None:
        self._config_path = config_path
        self._prefix = tuple(prefix)

    def __call__(self, bundle: Path, version: str) -> None:
        kiosk = str(Path(sys.executable).parent / "kiosk")
        config = ["--config", self._config_path] if self._config_path else []
        prefix = [part.replace("{version}", version) for part in self._prefix]
        command = [
            *prefix,
            kiosk,
            "update",
            *config,
            "apply",
            str(bundle),
            "--expect-version",
            version,
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise UpdateError(f"could not start the update unit: {result.stderr.strip()[-300:]}")


def start_agent(
    config: Any, config_path: str | None, token: str, stop: threading.Event
) -> threading.Thread | None:
    """The one call for ``kiosk sync run``: the update agent on its own daemon thread
    (None when this kiosk has no ``[updates] public_key``: it takes no updates)."""
    if not config.updates.public_key:
        return None
    from kiosk.updates.commands import build_updater
    from kiosk.updates.install import Layout, current_version

    layout = Layout.from_config(config.updates)
    updater, _close = build_updater(config, None)
    # The CA and client certificate of [backend]; bundle downloads use the same session.
    client = UpdatesClient.for_backend(config.backend, token)
    agent = UpdateAgent(
        client,
        updater,
        layout.state_dir / "downloads",
        lambda: current_version(layout),
        SpawnedApply(config_path),
    )
    thread = threading.Thread(
        target=agent.run,
        args=(stop, config.updates.check_interval_s),
        name="update-agent",
        daemon=True,
    )
    thread.start()
    return thread
