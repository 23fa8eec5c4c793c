"""Data minimisation enforced where data is stored: every request row and outbox event
passes through :func:`kiosk.domain.personal_data.minimise` before it is flushed.

One check at the store, not one per payload builder: whoever writes a request or an
event (certificates, tickets, letters, payments, the library), a field its service
does not declare never reaches the disk nor the backend. Strict mode (tests,
development) raises; production drops the fields and logs their names.
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from kiosk.domain.personal_data import minimise
from kiosk.store.models import OutboxEvent, RequestRow

# ``[store] strict_minimisation`` as the config loader's environment override spells it:
# true raises on an undeclared field instead of dropping it (tests and development).
STRICT_ENV = "KIOSK_STORE_STRICT_MINIMISATION"


def strict_from_environment() -> bool:
    """Whether ``KIOSK_STORE_STRICT_MINIMISATION=true`` asks for strict minimisation
    (for a Store opened without a config: tests, tools)."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true")


def enforce_minimisation(sessions: sessionmaker[Session], *, strict: bool) -> None:
    """Check the payload of every new or changed request and outbox event that
    ``sessions`` flushes against its service's declaration."""

    def before_flush(session: Session, _context: Any, _instances: Any) -> None:
        changed = [row for row in session.dirty if _payload_changed(row)]
        for row in (*session.new, *changed):
            if isinstance(row, RequestRow) and row.payload is not None:
                service, what = row.service_id, f"request {row.kind}"
            elif isinstance(row, OutboxEvent) and row.payload is not None:
                service, what = _service_of(session, row.request_id), f"outbox event {row.type}"
            else:
                continue
            kept = minimise(service, row.payload, strict=strict, what=what)
            if kept != row.payload:
                row.payload = kept

    event.listen(sessions, "before_flush", before_flush)


def _payload_changed(row: object) -> bool:
    if not isinstance(row, RequestRow | OutboxEvent):
        return False
    return inspect(row).attrs.payload.history.has_changes()


def _service_of(session: Session, request_id: str | None) -> str | None:
    """The service of the request an event belongs to (None: an event of no request)."""
    if request_id is None:
        return None
    for row in session.new:
        if isinstance(row, RequestRow) and row.id == request_id:
            return row.service_id
    with session.no_autoflush:
        request = session.get(RequestRow, request_id)
    return request.service_id if request is not None else None
