"""Building a relay from the kiosk's config (used by the CLI and by tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.config.schema import Config
from kiosk.store.database import Store
from sync.backoff import Backoff
from sync.client import BackendClient
from sync.credential import read_credential
from sync.outbox import Outbox
from sync.reference import ReferenceCache
from sync.relay import Relay, RelaySettings
from sync.status import StatusRecorder


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class SyncParts:
    store: Store
    client: BackendClient
    relay: Relay
    outbox: Outbox

    def close(self) -> None:
        self.client.close()
        self.store.close()


def build(config: Config) -> SyncParts:
    """The relay for ``config``; raises :class:`CredentialError` without a credential."""
    token = read_credential(Path(config.backend.credential_path))
    store = Store.from_section(config.store)
    # HTTPS verified against [backend] ca_file, with the client certificate if any.
    client = BackendClient.for_backend(config.backend, token)
    outbox = Outbox(store)
    settings = RelaySettings(
        batch_size=config.sync.batch_size, interval_s=config.sync.interval_s,
        reference_interval_s=config.sync.reference_interval_s,
        backoff=Backoff(config.sync.backoff_base_s, config.sync.backoff_max_s))
    relay = Relay(outbox, client, StatusRecorder(store, utc_now), ReferenceCache(store),
                  utc_now, settings)
    return SyncParts(store, client, relay, outbox)
