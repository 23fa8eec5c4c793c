"""What the kiosk asks the City's platform live, as the core sees it (Qt- and HTTP-free).

Appointments, case follow-up and queue estimates need an answer now, not later through
the outbox. The core codes against :class:`CityPlatform`; the UI injects the real
client (``sync.city_client``), tests inject one that talks to a real backend.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from kiosk.domain.queue import Site

log = logging.getLogger(__name__)


class PlatformUnavailableError(Exception):
    """The City's platform did not answer (offline, timeout, 5xx); safe to show."""


class CardSessionRefusedError(PlatformUnavailableError):
    """The platform refused the card's proof (revoked, untrusted…); the reason is safe
    to show technicians."""


class SlotTakenError(Exception):
    """The slot was booked by someone else between showing and booking it."""


@dataclass(frozen=True)
class Slot:
    id: int
    counter: str
    service_id: str
    starts_at: datetime  # aware
    minutes: int
    free: bool


@dataclass(frozen=True)
class Booking:
    id: str
    slot_id: int
    site: str
    counter: str
    service_id: str
    starts_at: datetime  # aware


@dataclass(frozen=True)
class CaseSummary:
    """One of the citizen's cases: no personal data beyond what the citizen sees."""

    id: str
    service_id: str
    status: str  # received | in_progress | ready | delivered | rejected
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class IssuedTicket:
    desk: str
    number: str
    issued_at: datetime  # aware


class CityPlatform(Protocol):
    """Blocking calls: run them on a worker. Every method raises
    :class:`PlatformUnavailableError` when the platform cannot be reached."""

    def slots(self, site: str, day: date, service_id: str) -> list[Slot]:
        """The site's slots for ``service_id`` on ``day``, free or not."""
        ...

    def book(self, site: str, slot_id: int, national_number: str,
             card_session: str | None = None) -> Booking:
        """Book a slot in the citizen's name; :class:`SlotTakenError` if it is no longer
        free. The platform needs the citizen's card session."""
        ...

    def cases(self, national_number: str,
              card_session: str | None = None) -> list[CaseSummary]:
        """The citizen's cases; the platform needs the citizen's card session."""
        ...

    def queue(self, site: str, day: date) -> list[IssuedTicket]:
        """Tickets issued at ``site`` on ``day``."""
        ...


def booking_days(today: date, count: int = 5) -> list[date]:
    """The next ``count`` working days after ``today`` (no same-day booking)."""
    days: list[date] = []
    day = today
    while len(days) < count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days


def free_slots(
    platform: CityPlatform, site: str, day: date, service_id: str, now: datetime
) -> list[Slot]:
    """The slots a citizen can still take (blocking: call it on a worker)."""
    return [s for s in platform.slots(site, day, service_id) if s.free and s.starts_at > now]


def bookable_sites(reference: Mapping[str, Any] | None, own: Site) -> list[Site]:
    """Every site of the city a citizen may book at, from the cached reference document
    (its ``sites``): the kiosk's own first (its configured name, the reference's address),
    then the others by name. Without reference data, the kiosk's own site alone.

    A malformed entry is skipped and logged with its position: the citizen still gets
    the sites that are right."""
    listed = [] if reference is None else reference.get("sites") or []
    others: dict[str, Site] = {}
    for index, entry in enumerate(listed if isinstance(listed, list) else []):
        site = _site_of(entry, own.kiosk_id)
        if site is None:
            log.warning("reference data: site #%d has no usable id and name, skipped", index)
        elif site.id == own.id:
            own = replace(own, address=own.address or site.address)
        else:
            others.setdefault(site.id, site)
    return [own, *sorted(others.values(), key=lambda s: (s.name.casefold(), s.id))]


def _site_of(entry: object, kiosk_id: str) -> Site | None:
    if not isinstance(entry, Mapping):
        return None
    site_id, name = entry.get("id"), entry.get("name")
    if not isinstance(site_id, str) or not site_id or not isinstance(name, str) or not name:
        return None
    timezone, address = entry.get("timezone"), entry.get("address")
    return Site(
        site_id,
        name,
        kiosk_id,
        timezone if isinstance(timezone, str) and timezone else "Europe/Brussels",
        address if isinstance(address, str) else "",
    )
