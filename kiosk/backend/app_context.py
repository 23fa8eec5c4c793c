"""What every route needs, built once per app by the factory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.backend.card_sessions import CardSession, CardSessions
from kiosk.backend.database import Database
from kiosk.backend.deps import Guards
from kiosk.backend.intake import Intake
from kiosk.backend.lookup_guard import LookupGuard
from kiosk.backend.settings import BackendSettings


@dataclass(frozen=True)
class AppContext:
    settings: BackendSettings
    db: Database
    intake: Intake
    guards: Guards
    lookups: LookupGuard
    card_sessions: CardSessions
    # The route dependency: this kiosk's live card session, else 403.
    card_session: Callable[..., CardSession | None]
    # For a citizen's documents and bookings: an admin, or a kiosk with a live card
    # session (403).
    citizen_reader: Callable[..., CardSession | None]
