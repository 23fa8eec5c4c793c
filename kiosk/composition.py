"""Wiring the kiosk from a config, in two halves.

The journey half (catalog, state machine, fulfilment table) is light and is built
before the first screen. The services half (store with its migrations, devices,
ticket service) is heavy and is built right after, off the GUI thread, then plugged
into the fulfilment table. Nothing here is global: everything is passed in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.config.schema import Config
from kiosk.domain.availability import Availability, DeviceState
from kiosk.domain.catalog import Catalog, demo_catalog
from kiosk.domain.fulfilment import Fulfilment
from kiosk.domain.journey import Journey, Timeouts


@dataclass
class JourneyCore:
    config: Config
    catalog: Catalog
    journey: Journey
    fulfilment: Fulfilment
    devices: DeviceState


def journey_timeouts(config: Config) -> Timeouts:
    """The journey's timeouts from ``[journey]`` (at start, and from central IT's values)."""
    section = config.journey
    return Timeouts(section.inactivity_timeout_s, section.done_timeout_s, section.warning_s)


def build_journey_core(
    config: Config,
    clock: Callable[[], float] = time.monotonic,
    catalog: Catalog | None = None,
) -> JourneyCore:
    catalog = catalog or demo_catalog()
    fulfilment = Fulfilment()
    devices = DeviceState()
    journey = Journey(
        catalog,
        clock,
        journey_timeouts(config),
        default_language=config.kiosk.default_language,
        is_available=Availability(fulfilment, devices).reason,
    )
    return JourneyCore(config, catalog, journey, fulfilment, devices)
