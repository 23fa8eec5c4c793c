"""Reference data (catalog, fees, texts, desks, sites) pulled with an ETag and cached in
the shared store, so a kiosk that boots offline still serves citizens."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from kiosk.domain.catalog import Catalog, Desk, Service, Texts
from kiosk.store.database import Store
from kiosk.store.models import SyncState
from sync.client import BackendClient

log = logging.getLogger(__name__)

KEY = "reference"


class ReferenceCache:
    """The last catalog document the backend sent, with its ETag."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def load(self) -> tuple[str | None, dict[str, Any] | None]:
        with self._store.read() as session:
            row = session.get(SyncState, KEY)
            if row is None:
                return None, None
            return row.value.get("etag"), row.value.get("document")

    def save(self, etag: str | None, document: dict[str, Any], now: datetime) -> None:
        value = {"etag": etag, "document": document}
        with self._store.write() as session:
            row = session.get(SyncState, KEY)
            if row is None:
                session.add(SyncState(key=KEY, value=value, updated_at=now))
            else:
                row.value, row.updated_at = value, now


def pull_reference(client: BackendClient, cache: ReferenceCache,
                   clock: Callable[[], datetime]) -> bool:
    """Fetch the catalog unless the cached ETag is current; True if it changed."""
    etag, document = cache.load()
    answer = client.get_catalog(etag if document is not None else None)
    if not answer.changed or answer.document is None:
        return False
    cache.save(answer.etag, answer.document, clock())
    return True


def cached_catalog(store: Store) -> Catalog | None:
    """The cached catalog as domain objects, or None if never pulled."""
    _, document = ReferenceCache(store).load()
    if document is None:
        return None
    return Catalog(
        services=tuple(_known_services(document["services"])),
        desks=tuple(Desk(d["id"], d["prefix"], Texts(**d["name"]))
                    for d in document["desks"]))


def _known_services(entries: list[dict]) -> list[Service]:
    """The services this release can fulfil; one of a kind it does not know (a newer
    platform's) is left out and logged, never offered without a way to fulfil it."""
    services = []
    for s in entries:
        try:
            services.append(Service(s["id"], s["kind"], Texts(**s["name"]),
                                    Texts(**s["description"]), s["fee_cents"], s["needs_eid"],
                                    s["works_offline"], bool(s.get("issued_at_once"))))
        except ValueError as exc:
            log.warning("catalog: %s; not offered", exc)
    return services
