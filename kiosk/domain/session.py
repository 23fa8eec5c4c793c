"""One citizen's session: everything personal lives here, and only until it is wiped."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from common.eid.model import EidCardData


@dataclass(repr=False)
class CitizenSession:
    language: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    card: EidCardData | None = None
    service_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    step: int = 0  # which detail step of the service is on screen
    result: dict[str, Any] = field(default_factory=dict)
    # The platform's card-session token after the PIN step (lookups of this citizen).
    card_session: str | None = None

    @property
    def identified(self) -> bool:
        return self.card is not None

    def wipe(self) -> None:
        """Drop every reference to personal data held by this session.

        Python cannot scrub the bytes of immutable objects; dropping the references
        lets them be collected, and the journey never hands them out further.
        """
        self.card = None
        self.card_session = None
        self.service_id = None
        self.details.clear()
        self.step = 0
        self.result.clear()

    def __repr__(self) -> str:  # never print card data, even in a traceback
        return (f"CitizenSession(id={self.id!r}, language={self.language!r}, "
                f"identified={self.identified}, service_id={self.service_id!r})")
