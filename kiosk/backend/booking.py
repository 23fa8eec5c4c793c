"""Appointment slots and booking: one booking per slot, enforced by the database."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.backend import schemas
from kiosk.backend.database import Database
from kiosk.backend.tables import BookingRow, SiteRow, SlotRow


class SlotTakenError(Exception):
    pass


class NoSuchSlotError(Exception):
    pass


class NoSuchSiteError(LookupError):
    """The site is not one of the city's (its id is the message)."""


def require_known_site(session: Session, site: str) -> None:
    """Any site of the city takes appointments (a citizen may book at another antenna
    than the kiosk's own); :class:`NoSuchSiteError` for an id the city does not have."""
    if session.get(SiteRow, site) is None:
        raise NoSuchSiteError(site)


def slots_for_day(
    session: Session, site: str, day: date, service_id: str | None, zone: str = "Europe/Brussels"
) -> list[schemas.Slot]:
    tz = ZoneInfo(zone)
    start = datetime.combine(day, time(0), tz).astimezone(UTC)
    query = (
        select(SlotRow, BookingRow.id)
        .outerjoin(BookingRow, BookingRow.slot_id == SlotRow.id)
        .where(
            SlotRow.site == site,
            SlotRow.starts_at >= start,
            SlotRow.starts_at < start + timedelta(days=1),
        )
        .order_by(SlotRow.starts_at, SlotRow.counter)
    )
    if service_id is not None:
        query = query.where(SlotRow.service_id == service_id)
    return [
        schemas.Slot(
            id=slot.id,
            counter=slot.counter,
            service_id=slot.service_id,
            starts_at=slot.starts_at,
            minutes=slot.minutes,
            free=booked is None,
        )
        for slot, booked in session.execute(query).all()
    ]


def book(
    database: Database, site: str, request: schemas.BookingRequest, device_id: str, now: datetime
) -> schemas.Booking:
    """Book a free slot of ``site``; :class:`SlotTakenError` if someone was first,
    :class:`NoSuchSiteError` for a site the city does not have. The booking records
    ``device_id``, the kiosk that booked, whichever site the slot is at."""
    try:
        with database.write() as session:
            require_known_site(session, site)
            slot = session.get(SlotRow, request.slot_id)
            if slot is None or slot.site != site:
                raise NoSuchSlotError(request.slot_id)
            if slot.starts_at <= now:
                raise SlotTakenError("the slot is in the past")
            booking = BookingRow(
                id=str(uuid.uuid4()),
                slot_id=slot.id,
                national_number=request.national_number,
                device_id=device_id,
                created_at=now,
            )
            session.add(booking)
            session.flush()  # the unique slot_id decides here, under any concurrency
            return schemas.Booking(
                id=booking.id,
                slot_id=slot.id,
                site=slot.site,
                counter=slot.counter,
                service_id=slot.service_id,
                starts_at=slot.starts_at,
            )
    except IntegrityError:
        raise SlotTakenError("the slot was just booked by someone else") from None
