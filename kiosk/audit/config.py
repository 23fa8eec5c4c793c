"""Config changes in the audit log: the config's hash, recorded when it changed.

Called once at start (after the config is validated): the hash covers the config as the
kiosk runs it, env overrides included, so a changed file or a new ``KIOSK_…`` variable
both show. Only hashes are recorded, per section to say what changed: the config holds
secrets (library password, link key) that must not be copied into the log.
"""

from __future__ import annotations

import hashlib

import msgspec

from kiosk.audit.chain import AuditEntry
from kiosk.audit.log import CONFIG_CHANGED, AuditLog
from kiosk.config.schema import Config


def _digest(value: object) -> str:
    return hashlib.sha256(msgspec.json.encode(value)).hexdigest()


def section_hashes(config: Config) -> dict[str, str]:
    """SHA-256 of each section as the kiosk runs it."""
    return {f.name: _digest(getattr(config, f.name)) for f in msgspec.structs.fields(config)}


def config_hash(config: Config) -> str:
    """SHA-256 of the whole config (over the per-section hashes, in name order)."""
    return _digest(sorted(section_hashes(config).items()))


def record_config(audit: AuditLog, config: Config, actor: str, source: str) -> AuditEntry | None:
    """Record ``config.changed`` when the config's hash differs from the last recorded
    one (or none was recorded yet); None when nothing changed."""
    sections = section_hashes(config)
    digest = config_hash(config)
    last = audit.last(CONFIG_CHANGED)
    if last is not None and last.details.get("hash") == digest:
        return None
    previous: dict[str, str] = dict(last.details.get("section_hashes", {})) if last else {}
    changed = sorted(name for name, h in sections.items() if previous.get(name) != h)
    return audit.record(
        CONFIG_CHANGED,
        actor,
        {
            "hash": digest,
            "previous_hash": last.details.get("hash") if last else None,
            "changed_sections": changed,
            "section_hashes": sections,
            "source": source,
        },
    )
