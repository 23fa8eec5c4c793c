"""Booking an appointment live with the City, and its confirmation with a QR code."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.catalog import Catalog
from kiosk.domain.city import Booking, CityPlatform
from kiosk.domain.fulfilment import Handler
from kiosk.domain.queue import Site
from kiosk.i18n import Translator
from kiosk.printing.spool import ReceiptSpool
from kiosk.receipts.layout import ReceiptHeader
from kiosk.receipts.templates import AppointmentConfirmation, appointment_receipt
from kiosk.store.database import Store

log = logging.getLogger(__name__)

BOOKING_QR_PREFIX = "BXLAPPT:"  # the counter's scanner reads the booking id after it


class AppointmentService:
    def __init__(
        self,
        platform: CityPlatform,
        store: Store,
        catalog: Catalog,
        site: Site,
        spool: ReceiptSpool,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._platform = platform
        self._store = store
        self._catalog = catalog
        self._site = site
        self._spool = spool
        self._now = now
        self._zone = ZoneInfo(site.timezone)

    def book(
        self, *, service_id: str, site: str, slot_id: int, national_number: str, language: str
    ) -> dict[str, Any]:
        """Book the slot, then print the confirmation (the booking stands either way)."""
        booking = self._platform.book(site, slot_id, national_number)
        log.info("appointment %s booked", booking.id)
        receipt = self._receipt(booking, service_id, language)
        with self._store.write() as session:
            receipt_id = self._spool.stage(
                session, kind="appointment", language=language, document=receipt, request_id=None
            )
        printed = self._spool.print(receipt_id)
        local = booking.starts_at.astimezone(self._zone)
        return {
            "kind": "appointment",
            "booking_id": booking.id,
            "when": local.strftime("%d/%m/%Y %H:%M"),
            "counter": booking.counter,
            "printed": printed.printed,
            "print_error": printed.error,
        }

    def _receipt(self, booking: Booking, service_id: str, language: str) -> Any:
        tr = Translator(language)
        return appointment_receipt(
            AppointmentConfirmation(
                service_name=self._catalog.service(service_id).name.get(language),
                starts_local=booking.starts_at.astimezone(self._zone),
                counter=booking.counter,
                site_name=self._site.name,
                code=BOOKING_QR_PREFIX + booking.id,
            ),
            ReceiptHeader(self._site.name, self._site.kiosk_id),
            tr,
            self._spool.columns,
        )


def appointment_handler(appointments: AppointmentService) -> Handler:
    """The fulfil step of appointments: :class:`~kiosk.domain.city.SlotTakenError`
    propagates, so the journey can send the citizen back to the slots."""

    def handle(language: str, details: Mapping[str, Any]) -> dict[str, Any]:
        return appointments.book(
            service_id=details["service_id"],
            site=details["site"],
            slot_id=int(details["slot_id"]),
            national_number=details["national_number"],
            language=language,
        )

    return handle
