"""Wiring the Qt-free core from a config: store, devices, services, journey.

The UI (and later the sync service) build on what this returns; nothing here is
global, everything is passed in.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drivers.errors import DeviceError
from drivers.registry import DEVICE_KINDS, DeviceRegistry
from kiosk.config.schema import Config
from kiosk.devices import DeviceOwner
from kiosk.domain.catalog import Catalog, demo_catalog
from kiosk.domain.fulfilment import Fulfilment, queue_ticket_handler
from kiosk.domain.journey import Journey, Timeouts
from kiosk.domain.queue import Site
from kiosk.domain.tickets import TicketService
from kiosk.store.database import Store

log = logging.getLogger(__name__)


@dataclass
class Core:
    config: Config
    store: Store
    catalog: Catalog
    devices: dict[str, DeviceOwner[Any]]
    tickets: TicketService
    fulfilment: Fulfilment
    journey: Journey
    device_problems: dict[str, str] = field(default_factory=dict)

    def close(self) -> None:
        for owner in self.devices.values():
            owner.close()
        self.store.close()


def open_devices(
    config: Config, registry: DeviceRegistry, overrides: Mapping[str, Any]
) -> tuple[dict[str, DeviceOwner[Any]], dict[str, str]]:
    """Open every configured device on its own thread.

    A device that cannot be opened is left out and its reason kept: the kiosk starts
    anyway and offers what still works.
    """
    owners: dict[str, DeviceOwner[Any]] = {}
    problems: dict[str, str] = {}
    for kind in DEVICE_KINDS:
        device = overrides.get(kind)
        uri = getattr(config.devices, kind)
        if device is None and uri is not None:
            try:
                device = registry.open(kind, uri)
            except DeviceError as exc:
                problems[kind] = str(exc)
                log.warning("%s not available: %s", kind, exc)
                continue
        if device is not None:
            owners[kind] = DeviceOwner(kind, device)
    return owners, problems


def build_core(
    config: Config,
    registry: DeviceRegistry,
    device_overrides: Mapping[str, Any] | None = None,
    clock: Callable[[], float] = time.monotonic,
    catalog: Catalog | None = None,
) -> Core:
    catalog = catalog or demo_catalog()
    store = Store(Path(config.store.path))
    devices, problems = open_devices(config, registry, device_overrides or {})
    site = Site(id=config.kiosk.site, name=config.kiosk.site_name, kiosk_id=config.kiosk.id)
    tickets = TicketService(store, catalog, site, devices.get("printer"))
    fulfilment = Fulfilment({"queue_ticket": queue_ticket_handler(tickets)})
    journey = Journey(
        catalog,
        clock,
        Timeouts(config.journey.inactivity_timeout_s, config.journey.done_timeout_s),
        default_language=config.kiosk.default_language,
        is_available=fulfilment.unavailable_reason,
    )
    return Core(config, store, catalog, devices, tickets, fulfilment, journey, problems)
