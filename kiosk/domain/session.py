"""One citizen's session: everything personal lives here, and only until it is wiped."""

from __future__ import annotations

import uuid
from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the card model comes with the first card read
    from common.eid.model import EidCardData

# What a wipe keeps: the session's id (it names the session, not the citizen) and the
# language the screens speak. Every other field is personal and goes.
NOT_PERSONAL = frozenset({"id", "language"})


@dataclass(repr=False)
class CitizenSession:
    """Every piece of a citizen's data the kiosk holds in memory, in one place: the
    journey wipes it, field by field, when the session ends (rule 5 of DESIGN.md).
    Nothing on the screen side keeps a copy; the view-models read it from here."""

    language: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    card: EidCardData | None = None
    # The platform's card-session token after the PIN step (lookups of this citizen).
    card_session: str | None = None
    # A card read before the identify step (on the language screen): used once it comes.
    pending_card: EidCardData | None = None
    pending_card_session: str | None = None
    # The citizen showed a case QR instead of the eID: case follow-up (that case only) is
    # open to them, and the case they scanned, looked up already, is shown as is.
    by_case_code: bool = False
    scanned_case: dict[str, Any] | None = None
    service_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    step: int = 0  # which detail step of the service is on screen
    result: dict[str, Any] = field(default_factory=dict)
    # What the done screen shows: the fulfilment's answer, the payment, the print.
    outcome: dict[str, Any] = field(default_factory=dict)
    # This session's certificate printed here on the A4 printer: document, pages, reference.
    printed: dict[str, Any] = field(default_factory=dict)

    @property
    def identified(self) -> bool:
        return self.card is not None

    def wipe(self) -> None:
        """Drop every reference to personal data held by this session: every field but
        those in NOT_PERSONAL back to its default, containers emptied in place (whoever
        still holds one holds nothing).

        Python cannot scrub the bytes of immutable objects; dropping the references
        lets them be collected, and the journey never hands them out further.
        """
        for item in fields(self):
            if item.name in NOT_PERSONAL:
                continue
            value = getattr(self, item.name)
            if isinstance(value, dict | list | set):
                value.clear()
            if item.default_factory is not MISSING:
                setattr(self, item.name, item.default_factory())
            else:
                setattr(self, item.name, item.default)

    def __repr__(self) -> str:  # never print card data, even in a traceback
        return (f"CitizenSession(id={self.id!r}, language={self.language!r}, "
                f"identified={self.identified}, service_id={self.service_id!r})")
