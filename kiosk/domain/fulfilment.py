"""What happens in the *fulfil* step, per kind of service.

The map from service kind to handler is explicit and passed in; a service whose
kind has no handler yet is shown as not available rather than failing later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kiosk.domain.catalog import Service
from kiosk.domain.tickets import TicketService

# (language, details) → what the done screen shows. Handlers get a copy of what they
# need, never the live session: they run on a worker while the GUI thread owns it.
Handler = Callable[[str, Mapping[str, Any]], dict[str, Any]]

NOT_AVAILABLE_YET = "not_available_yet"


class Fulfilment:
    def __init__(self, handlers: Mapping[str, Handler]) -> None:
        self._handlers = dict(handlers)

    def unavailable_reason(self, service: Service) -> str:
        return "" if service.kind in self._handlers else NOT_AVAILABLE_YET

    def fulfil(
        self, service: Service, language: str, details: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Runs on a worker thread; returns what the done screen shows."""
        handler = self._handlers.get(service.kind)
        if handler is None:
            raise LookupError(f"no fulfilment for services of kind {service.kind!r}")
        return handler(language, details)


def queue_ticket_handler(tickets: TicketService) -> Handler:
    def handle(language: str, details: Mapping[str, Any]) -> dict[str, Any]:
        outcome = tickets.issue(details["desk"], language)
        return {
            "ticket_number": outcome.ticket.number,
            "desk_name": outcome.ticket.desk_name,
            "printed": outcome.printed,
            "print_error": outcome.print_error,
        }

    return handle
