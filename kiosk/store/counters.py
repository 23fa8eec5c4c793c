"""Running numbers per site, series and day (queue tickets, request references)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import TicketCounter


def next_number(session: Session, site: str, series: str, day: str) -> int:
    """The next number of ``series`` at ``site`` on ``day``, inside the caller's
    transaction (the writer lock and BEGIN IMMEDIATE make it race-free)."""
    counter = session.execute(
        select(TicketCounter).where(
            TicketCounter.site == site, TicketCounter.desk == series, TicketCounter.day == day)
    ).scalar_one_or_none()
    if counter is None:
        counter = TicketCounter(site=site, desk=series, day=day, last_number=0)
        session.add(counter)
    counter.last_number += 1
    return counter.last_number
