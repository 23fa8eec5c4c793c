"""The identify screen's case QR branch: the scanned case's follow-up is fulfilled on a
worker (the catalog's case follow-up service), then the journey moves to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.domain.catalog import Service, ServiceKind
from kiosk.domain.fulfilment import Fulfilment
from kiosk.domain.journey import Journey, State

if TYPE_CHECKING:
    from kiosk.domain.cases import CaseQr


class CaseFollowUp:
    """``do(action, *args)`` runs a journey action as the view-model does."""

    def __init__(self, journey: Journey, fulfilment: Fulfilment,
                 do: Callable[..., None]) -> None:
        self._journey = journey
        self._fulfilment = fulfilment
        self._do = do

    def service(self) -> Service | None:
        """The catalog's case follow-up service (None: the catalog has none)."""
        services = self._journey.catalog.services
        return next((s for s in services if s.kind == ServiceKind.CASE_FOLLOWUP), None)

    def lookup(self, scanned: CaseQr) -> dict[str, Any]:
        """On a worker: the case follow-up's own fulfilment, for the scanned case."""
        service = self.service()
        if service is None:
            raise LookupError("no case follow-up service in the catalog")
        details = {"service_id": service.id, "case_reference": scanned.reference,
                   "case_code": scanned.code}
        return self._fulfilment.fulfil(service, self._journey.session.language, details)

    def found(self, scanned: CaseQr, result: dict[str, Any]) -> None:
        """On the GUI thread: still on the identify screen, follow the case."""
        service = self.service()
        if service is None or self._journey.state is not State.IDENTIFY:
            return
        self._do(self._journey.follow_case_by_code, service.id, result)
