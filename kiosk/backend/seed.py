"""Demo data for an empty backend: sites, the demo citizens, a few cases, slots."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.backend.tables import (
    CaseHistoryRow,
    CaseRow,
    CertificateRequestRow,
    CitizenRow,
    SiteRow,
    SlotRow,
)

SITES: tuple[tuple[str, str], ...] = (
    ("bxl-centre", "Brussels City Hall"),
    ("laeken", "Antenne Laeken"),
    ("haren", "Antenne Haren"),
    ("neder-over-heembeek", "Antenne Neder-Over-Heembeek"),
)
# Counter → the appointment service it serves.
COUNTERS: tuple[tuple[str, str], ...] = (("c1", "appt-id-card"), ("c2", "appt-passport"))
ZONE = "Europe/Brussels"


def seed_demo_data(session: Session, today: date, slot_days: int) -> None:
    """Load the demo data unless the database already has sites."""
    if session.scalar(select(func.count()).select_from(SiteRow)):
        return
    session.add_all(SiteRow(id=i, name=n, timezone=ZONE) for i, n in SITES)
    _citizens(session)
    session.flush()
    _cases(session, today)
    _slots(session, today, slot_days)


def _citizens(session: Session) -> None:
    # Imported here: the demo citizens module pulls in OpenCV for the card photos.
    from kiosk.backend.demo_citizens import DEMO_CITIZENS, national_number

    households: dict[str, str] = {}
    for c in DEMO_CITIZENS:
        key = f"{c.address.street}|{c.address.zip}"
        household = households.setdefault(key, str(uuid.uuid4()))
        session.add(CitizenRow(
            national_number=c.identity.national_number,
            sealed_number=c.identity.national_number, surname=c.identity.surname,
            first_names=c.identity.first_names, birth_date=c.identity.birth_date,
            street=c.address.street, postcode=c.address.zip,
            municipality=c.address.municipality, household_id=household))
        if c.key == "sophie":  # a child at Sophie's address: a household of two
            child = national_number(date(2016, 4, 2), 302)
            session.add(CitizenRow(
                national_number=child, sealed_number=child, surname="Dubois",
                first_names="Lucas", birth_date=date(2016, 4, 2), street=c.address.street,
                postcode=c.address.zip, municipality=c.address.municipality,
                household_id=household))


def _cases(session: Session, today: date) -> None:
    from kiosk.backend.demo_citizens import demo_citizen

    start = datetime.combine(today - timedelta(days=10), time(9), UTC)
    plans = (("sophie", "cert-residence", ("received", "in_progress", "ready")),
             ("jan", "cert-household", ("received", "in_progress")))
    for number, (key, service, statuses) in enumerate(plans, start=1):
        case_id = str(uuid.uuid4())
        at = start
        citizen = demo_citizen(key)
        session.add(CaseRow(id=case_id, national_number=citizen.identity.national_number,
                            service_id=service, site="bxl-centre",
                            request_id=None, status=statuses[-1], created_at=start,
                            updated_at=start + timedelta(days=len(statuses) - 1)))
        session.flush()
        # Requested at the counter, not at a kiosk: only admins fetch its certificate.
        session.add(CertificateRequestRow(
            case_id=case_id, kiosk_id=None, reference=f"BXL-CENTRE-{start:%Y%m%d}-D{number:03d}",
            language=citizen.card_language if citizen.card_language in ("fr", "nl") else "en"))
        for status in statuses:
            session.add(CaseHistoryRow(case_id=case_id, status=status, note="", at=at))
            at += timedelta(days=1)


def _slots(session: Session, today: date, days: int) -> None:
    tz = ZoneInfo(ZONE)
    rows = []
    for offset in range(days):
        day = today + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for site, _ in SITES:
            for counter, service in COUNTERS:
                for quarter in range(12):  # 09:00–12:00
                    local = datetime.combine(day, time(9), tz) + timedelta(minutes=15 * quarter)
                    rows.append({"site": site, "counter": counter, "service_id": service,
                                 "starts_at": local.astimezone(UTC), "minutes": 15})
    if rows:
        session.execute(SlotRow.__table__.insert(), rows)
