"""Issuing queue tickets: commit first (row + outbox event, one transaction), then print."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.catalog import Catalog
from kiosk.domain.city import CityPlatform, PlatformUnavailableError
from kiosk.domain.fulfilment import Handler
from kiosk.domain.queue import QueueTicket, Site, TicketOutcome
from kiosk.i18n import Translator
from kiosk.printing.spool import ReceiptSpool
from kiosk.receipts.ticket import queue_ticket_receipt
from kiosk.store.counters import next_number
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent, RequestRow

log = logging.getLogger(__name__)

QUEUE_SERVICE_ID = "queue-ticket"
EVENT_TYPE = "queue_ticket.issued"

# desk id, now (UTC) → estimated minutes of waiting, or None when nobody can tell.
WaitEstimate = Callable[[str, datetime], int | None]


class QueueWaitEstimate:
    """A rough, honest wait estimate from the City's list of today's tickets.

    The platform knows which tickets were issued, not which were served: the tickets
    of the same desk issued in the last ``window_min`` minutes count as still waiting,
    ``minutes_per_ticket`` each, rounded up to 5 minutes. Offline (``online()`` false,
    or the call fails) there is no estimate, and the ticket says so.
    """

    def __init__(self, platform: CityPlatform, site: Site, online: Callable[[], bool],
                 minutes_per_ticket: int = 4, window_min: int = 60) -> None:
        self._platform = platform
        self._site = site
        self._online = online
        self._per_ticket = minutes_per_ticket
        self._window = timedelta(minutes=window_min)
        self._zone = ZoneInfo(site.timezone)

    def __call__(self, desk_id: str, now: datetime) -> int | None:
        if not self._online():
            return None  # no slow timeout while the kiosk knows it is offline
        try:
            issued = self._platform.queue(self._site.id, now.astimezone(self._zone).date())
        except PlatformUnavailableError as exc:
            log.info("no queue estimate: %s", exc)
            return None
        ahead = sum(1 for t in issued if t.desk == desk_id and now - t.issued_at <= self._window)
        minutes = ahead * self._per_ticket
        return max(5, -(-minutes // 5) * 5)


class TicketService:
    """Hands out numbered queue tickets for the site's desks."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        site: Site,
        spool: ReceiptSpool,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        estimate: WaitEstimate | None = None,
    ) -> None:
        self._estimate = estimate
        self._store = store
        self._catalog = catalog
        self._site = site
        self._spool = spool
        self._now = now
        self._zone = ZoneInfo(site.timezone)

    def set_wait_estimate(self, estimate: WaitEstimate | None) -> None:
        """Print an estimated wait on tickets (once the City's platform is reachable)."""
        self._estimate = estimate

    def issue(self, desk_id: str, language: str) -> TicketOutcome:
        """Commit a ticket for ``desk_id`` and print it in ``language``.

        The ticket is safe once this returns, printed or not: a printer failure is
        reported in the outcome and the stored receipt can be printed again.
        """
        desk = self._catalog.desk(desk_id)
        tr = Translator(language)
        issued_at = self._now().astimezone(UTC)
        issued_local = issued_at.astimezone(self._zone)
        day = issued_local.date().isoformat()
        request_id, event_id = str(uuid.uuid4()), str(uuid.uuid4())
        # Asked before the transaction: a network call never holds the store's lock.
        wait = self._estimate(desk.id, issued_at) if self._estimate is not None else None

        with self._store.write() as session:
            number = next_number(session, self._site.id, desk.id, day)
            ticket = QueueTicket(
                number=f"{desk.prefix}-{number:03d}",
                desk_id=desk.id,
                desk_name=desk.name.get(language),
                service_id=QUEUE_SERVICE_ID,
                site_id=self._site.id,
                site_name=self._site.name,
                kiosk_id=self._site.kiosk_id,
                issued_at=issued_at,
                issued_local=issued_local,
                language=language,
                request_id=request_id,
                event_id=event_id,
                wait_minutes=wait,
                estimate_checked=self._estimate is not None,
            )
            payload = {
                "site": ticket.site_id,
                "kiosk_id": ticket.kiosk_id,
                "desk": ticket.desk_id,
                "number": ticket.number,
                "day": day,
                "language": language,
                "issued_at": issued_at.isoformat(),
            }
            session.add(RequestRow(
                id=request_id, kind="queue_ticket", service_id=QUEUE_SERVICE_ID,
                reference=f"{self._site.id}-{day}-{ticket.number}", site=self._site.id,
                kiosk_id=self._site.kiosk_id, language=language, status="committed",
                payload=payload, created_at=issued_at,
            ))
            session.flush()  # the request row before the rows that point at it
            session.add(OutboxEvent(
                event_id=event_id, type=EVENT_TYPE, request_id=request_id,
                payload={"request_id": request_id, **payload}, created_at=issued_at,
                attempts=0, state="pending",
            ))
            receipt_id = self._spool.stage(
                session, kind="queue_ticket", language=language, request_id=request_id,
                document=queue_ticket_receipt(ticket, tr, self._spool.columns))
        log.info("queue ticket %s committed (request %s)", ticket.number, request_id)

        outcome = self._spool.print(receipt_id)
        return TicketOutcome(ticket=ticket, printed=outcome.printed, print_error=outcome.error)


def queue_ticket_handler(tickets: TicketService) -> Handler:
    """The fulfil step of the queue-ticket service."""

    def handle(language: str, details: Mapping[str, Any]) -> dict[str, Any]:
        outcome = tickets.issue(details["desk"], language)
        return {
            "kind": "queue_ticket",
            "ticket_number": outcome.ticket.number,
            "desk_name": outcome.ticket.desk_name,
            "printed": outcome.printed,
            "print_error": outcome.print_error,
            "wait_minutes": outcome.ticket.wait_minutes,
            "estimate_checked": outcome.ticket.estimate_checked,
        }

    return handle
