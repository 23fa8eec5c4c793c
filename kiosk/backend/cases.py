"""Cases and their history: received → in progress → ready → delivered, or rejected."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.backend import schemas
from kiosk.backend.tables import CaseHistoryRow, CaseRow, CitizenRow

NEXT: dict[str, frozenset[str]] = {
    "received": frozenset({"in_progress", "rejected"}),
    "in_progress": frozenset({"ready", "rejected"}),
    "ready": frozenset({"delivered"}),
    "delivered": frozenset(),
    "rejected": frozenset(),
}


class TransitionError(ValueError):
    pass


def _case(session: Session, row: CaseRow) -> schemas.Case:
    history = session.execute(select(CaseHistoryRow).where(CaseHistoryRow.case_id == row.id)
                              .order_by(CaseHistoryRow.id)).scalars().all()
    return schemas.Case(
        id=row.id, service_id=row.service_id, site=row.site, status=row.status,
        created_at=row.created_at, updated_at=row.updated_at,
        history=[schemas.CaseEvent(status=h.status, at=h.at, note=h.note) for h in history])


def cases_of(session: Session, national_number: str) -> list[schemas.Case]:
    rows = session.execute(select(CaseRow).where(CaseRow.national_number == national_number)
                           .order_by(CaseRow.created_at)).scalars().all()
    return [_case(session, r) for r in rows]


def case(session: Session, case_id: str) -> schemas.Case | None:
    row = session.get(CaseRow, case_id)
    return None if row is None else _case(session, row)


def transition(session: Session, case_id: str, change: schemas.CaseTransition,
               now: datetime) -> schemas.Case | None:
    row = session.get(CaseRow, case_id, with_for_update=True)
    if row is None:
        return None
    if change.status not in NEXT[row.status]:
        raise TransitionError(f"a case {row.status} cannot become {change.status}")
    row.status, row.updated_at = change.status, now
    session.add(CaseHistoryRow(case_id=row.id, status=change.status, note=change.note, at=now))
    session.flush()
    return _case(session, row)


def citizen(session: Session, national_number: str) -> schemas.Citizen | None:
    row = session.get(CitizenRow, national_number)
    if row is None:
        return None
    members = sorted(session.execute(
        select(CitizenRow).where(CitizenRow.household_id == row.household_id,
                                 CitizenRow.national_number != row.national_number)
    ).scalars().all(), key=lambda m: m.birth_date)  # encrypted: sorted here, not in SQL
    return schemas.Citizen(
        national_number=national_number, surname=row.surname, first_names=row.first_names,
        birth_date=row.birth_date, street=row.street, postcode=row.postcode,
        municipality=row.municipality,
        household=[schemas.HouseholdMember(surname=m.surname, first_names=m.first_names,
                                           birth_date=m.birth_date) for m in members])
