"""Remote configuration on the kiosk: what central IT sends in a heartbeat answer is
validated with the kiosk's own config schema, then kept as the *pending override* in
the store (``sync_state`` key ``remote_config``) until the UI applies it when idle.

The UI-side hook, kept small on purpose (the UI process owns the running config):

1. when the kiosk is idle (no citizen session), call :func:`pending_remote_config`;
2. if it returns an override, build the new config with :func:`apply_values` (base
   config + ``override.values``), reconfigure what reads it (texts, timeouts…);
3. call :func:`mark_applied` with ``override.version``.

Invalid values are refused here with the reason (never applied), and the sync
process reports the refusal in its next heartbeat. Values for the store, the backend
or the devices, and the kiosk's identity, are refused whatever they say.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec

from drivers.registry import DeviceRegistry
from kiosk.config.errors import ConfigError
from kiosk.config.loader import config_from_mapping
from kiosk.config.schema import Config
from kiosk.domain.catalog import Catalog, demo_catalog, unknown_services
from kiosk.store.database import Store
from kiosk.store.models import SyncState

log = logging.getLogger(__name__)
KEY = "remote_config"
ALLOWED_SECTIONS = frozenset({"kiosk", "journey", "payments", "printer", "ui", "library"})
# Sections of which central IT may set only some keys (a library's opening hours, not its
# SIP2 login or door wiring).
ONLY_KEYS = {"library": frozenset({"schedule"})}
FORBIDDEN_KEYS = frozenset({("kiosk", "id"), ("kiosk", "site")})
VERSION = re.compile(r"^[0-9a-f]{8,64}$")


class RemoteConfigError(ValueError):
    """Values that cannot be applied; the message says which key and why."""


@dataclass(frozen=True)
class Override:
    version: str
    values: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class RemoteConfigState:
    applied: Override | None
    pending: Override | None
    refused: str | None
    refused_reason: str | None


def config_version(config: Config) -> str:
    """A hash of the effective config: two kiosks running the same values agree."""
    return hashlib.sha256(msgspec.json.encode(config)).hexdigest()[:16]


def apply_values(
    base: Config, values: dict[str, Any], registry: DeviceRegistry, catalog: Catalog | None = None
) -> Config:
    """``base`` with ``values`` (kiosk.toml-shaped) laid over it, validated by the
    kiosk's own schema and ``kiosk.enabled_services`` against ``catalog`` (default: the
    built-in one); raises :class:`RemoteConfigError` naming the key."""
    if not isinstance(values, dict):
        raise RemoteConfigError("remote config: not a table of sections")
    merged: dict[str, Any] = msgspec.to_builtins(base)
    for section, keys in values.items():
        if section not in ALLOWED_SECTIONS:
            raise RemoteConfigError(f"remote config: {section}: cannot be set remotely")
        if not isinstance(keys, dict):
            raise RemoteConfigError(f"remote config: {section}: not a table")
        for key, value in keys.items():
            if (section, key) in FORBIDDEN_KEYS or (
                section in ONLY_KEYS and key not in ONLY_KEYS[section]
            ):
                raise RemoteConfigError(f"remote config: {section}.{key}: cannot be set remotely")
            merged.setdefault(section, {})[key] = value
    try:
        config = config_from_mapping(merged, registry)
    except ConfigError as exc:
        reasons = "; ".join(f"{p.key}: {p.reason}" for p in exc.problems)
        raise RemoteConfigError(f"remote config: {reasons}") from None
    unknown = unknown_services(catalog or demo_catalog(), config.kiosk.enabled_services)
    if unknown:
        raise RemoteConfigError(
            f"remote config: kiosk.enabled_services: not in the catalog: {', '.join(unknown)}"
        )
    return config


def read_state(store: Store) -> RemoteConfigState:
    doc = _load(store)

    def override(name: str) -> Override | None:
        item = doc.get(name)
        return Override(item["version"], item["values"]) if item else None

    return RemoteConfigState(
        override("applied"), override("pending"), doc.get("refused"), doc.get("refused_reason")
    )


def pending_remote_config(store: Store) -> Override | None:
    """For the UI: the override waiting to be applied at the next idle moment."""
    return read_state(store).pending


def mark_applied(store: Store, version: str, now: datetime | None = None) -> bool:
    """For the UI: the pending override ``version`` is now in effect. False when that
    version is no longer the pending one (a newer one arrived meanwhile)."""
    with store.write() as session:
        row = session.get(SyncState, KEY)
        doc = dict(row.value) if row is not None else {}
        pending = doc.get("pending")
        if not pending or pending["version"] != version:
            return False
        doc["applied"], doc["pending"] = pending, None
        row.value, row.updated_at = doc, now or datetime.now(UTC)
    log.info("remote config %s applied", version)
    return True


class RemoteConfigInbox:
    """The sync side: offers from heartbeat answers in, the effective version out."""

    def __init__(
        self, store: Store, base: Config, registry: DeviceRegistry, clock: Callable[[], datetime]
    ) -> None:
        self._store = store
        self._base = base
        self._registry = registry
        self._clock = clock

    def state(self) -> RemoteConfigState:
        return read_state(self._store)

    def effective_version(self) -> str:
        """The version of the config the kiosk runs: its file plus the applied override."""
        applied = self.state().applied
        if applied is None:
            return config_version(self._base)
        try:
            return config_version(apply_values(self._base, applied.values, self._registry))
        except RemoteConfigError:  # the file changed under an old override
            return config_version(self._base)

    def offer(self, version: str, values: Any) -> str | None:
        """Validate and queue an override; returns the refusal reason, or None."""
        if not isinstance(version, str) or not VERSION.match(version):
            log.warning("remote config ignored: malformed version")
            return "malformed version"
        state = self.state()
        if version in (
            (state.applied.version if state.applied else None),
            (state.pending.version if state.pending else None),
        ):
            return None
        try:
            apply_values(self._base, values, self._registry)
        except RemoteConfigError as exc:
            reason = str(exc)[:300]
            self._save(refused=version, refused_reason=reason)
            log.warning("remote config %s refused: %s", version, reason)
            return reason
        self._save(
            pending={"version": version, "values": values}, refused=None, refused_reason=None
        )
        log.info("remote config %s pending: applied at the next idle moment", version)
        return None

    def _save(self, **changes: Any) -> None:
        now = self._clock()
        with self._store.write() as session:
            row = session.get(SyncState, KEY)
            if row is None:
                session.add(SyncState(key=KEY, value=changes, updated_at=now))
            else:
                row.value, row.updated_at = {**row.value, **changes}, now


def _load(store: Store) -> dict[str, Any]:
    with store.read() as session:
        row = session.get(SyncState, KEY)
        return dict(row.value) if row is not None else {}
