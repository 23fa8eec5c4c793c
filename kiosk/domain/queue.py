"""Queue tickets as the domain knows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Site:
    """Where this kiosk stands (or, in the appointment step, another site of the city:
    ``kiosk_id`` is then this kiosk's, the one that books)."""

    id: str
    name: str
    kiosk_id: str
    timezone: str = "Europe/Brussels"
    # Street address, when the reference data has it (shown under the site's name).
    address: str = ""


@dataclass(frozen=True)
class QueueTicket:
    number: str  # e.g. "P-007": desk prefix and the day's running number
    desk_id: str
    desk_name: str
    service_id: str
    site_id: str
    site_name: str
    kiosk_id: str
    issued_at: datetime  # UTC
    issued_local: datetime  # the site's wall clock, as printed
    language: str
    request_id: str
    event_id: str
    # Minutes the citizen may wait, when the City could tell; ``estimate_checked`` says
    # whether it was asked at all (offline: asked, no answer, and the ticket says so).
    wait_minutes: int | None = None
    estimate_checked: bool = False


@dataclass(frozen=True)
class TicketOutcome:
    """The ticket is committed whatever happened at the printer."""

    ticket: QueueTicket
    printed: bool
    print_error: str = ""
