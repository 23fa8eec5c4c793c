"""Booking an appointment live with the City, and its confirmation with a QR code."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.catalog import Catalog
from kiosk.domain.city import Booking, CityPlatform, bookable_sites
from kiosk.domain.fulfilment import Handler
from kiosk.domain.queue import Site
from kiosk.i18n import Translator
from kiosk.printing.spool import ReceiptSpool
from kiosk.receipts.layout import ReceiptHeader
from kiosk.receipts.templates import AppointmentConfirmation, appointment_receipt
from kiosk.store.database import Store
from kiosk.store.models import SyncState

log = logging.getLogger(__name__)

BOOKING_QR_PREFIX = "BXLAPPT:"  # the counter's scanner reads the booking id after it
# The sync_state row where the sync process keeps the reference data it pulled
# (sync.reference.KEY; the core cannot import sync, so the name is repeated here).
REFERENCE_KEY = "reference"


def cached_sites(store: Store, own: Site) -> list[Site]:
    """The sites a citizen may book at, from the reference data the sync process cached
    (:func:`~kiosk.domain.city.bookable_sites`; blocking: call it on a worker)."""
    with store.read() as session:
        row = session.get(SyncState, REFERENCE_KEY)
        value = None if row is None else row.value
    document = value.get("document") if isinstance(value, dict) else None
    return bookable_sites(document if isinstance(document, dict) else None, own)


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
        self,
        *,
        service_id: str,
        site: str,
        slot_id: int,
        national_number: str,
        language: str,
        site_name: str = "",
        card_session: str | None = None,
    ) -> dict[str, Any]:
        """Book the slot at ``site`` (any site of the city, named ``site_name`` as the
        citizen chose it) under the citizen's ``card_session`` (the platform books in a
        citizen's name only with it), then print the confirmation (the booking stands
        either way). The confirmation names that site; its header still names this
        kiosk."""
        booking = self._platform.book(site, slot_id, national_number, card_session)
        log.info("appointment %s booked at %s", booking.id, booking.site)
        name = site_name or (self._site.name if booking.site == self._site.id else booking.site)
        receipt = self._receipt(booking, service_id, language, name)
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
            "site": booking.site,
            "site_name": name,
            "printed": printed.printed,
            "print_error": printed.error,
        }

    def _receipt(self, booking: Booking, service_id: str, language: str, site_name: str) -> Any:
        tr = Translator(language)
        return appointment_receipt(
            AppointmentConfirmation(
                service_name=self._catalog.service(service_id).name.get(language),
                starts_local=booking.starts_at.astimezone(self._zone),
                counter=booking.counter,
                site_name=site_name,
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
            site_name=str(details.get("site_name", "")),
            # The card session the citizen's PIN and card signature opened (online).
            card_session=details.get("card_session"),
        )

    return handle
