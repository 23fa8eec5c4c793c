"""Card-session endpoints (challenge → signed proof → session token) and the guard the
routes serving a citizen's personal data put in front of themselves.

The token travels in the ``X-Card-Session`` header (not the URL: paths reach access
logs). Refusals are 403 with the reason; a kiosk credential alone never reads a citizen.
"""

# No `from __future__ import annotations`: FastAPI resolves these annotations at
# run time, and some name local aliases.
import base64
from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, status
from pydantic import Field

from kiosk.backend import schemas
from kiosk.backend.auth import Principal
from kiosk.backend.card_sessions import CardSession, CardSessionRefused, CardSessions
from kiosk.backend.deps import Guards

CARD_SESSION_HEADER = "X-Card-Session"
_B64 = r"^[A-Za-z0-9+/=]+$"


class ChallengeOut(schemas.Strict):
    challenge_id: str
    challenge: str  # base64
    expires_at: datetime


class CardProof(schemas.Strict):
    """The card's answer: its authentication and citizen CA certificates (DER) and its
    signature over the challenge (PKCS#1 v1.5/SHA-256 or ECDSA/SHA-384, DER), base64."""

    challenge_id: Annotated[str, Field(pattern=r"^[0-9a-f-]{36}$")]
    auth_cert: Annotated[str, Field(max_length=8192, pattern=_B64)]
    ca_cert: Annotated[str, Field(max_length=8192, pattern=_B64)]
    signature: Annotated[str, Field(max_length=1024, pattern=_B64)]


class CardSessionOut(schemas.Strict):
    session_token: str
    expires_at: datetime
    auth_cert_sha256: str


def card_session_guard(sessions: CardSessions, kiosk: Callable[..., Principal],
                       required: bool = True) -> Callable[..., CardSession | None]:
    """A dependency: the kiosk's live card session, else 403. ``required=False`` (a demo
    backend behind the simulated reader only) lets a kiosk without one through: then it
    returns ``None``."""

    def guard(who: Annotated[Principal, Depends(kiosk)],
              x_card_session: Annotated[str | None, Header(max_length=128)] = None,
              ) -> CardSession | None:
        if not required and not x_card_session:
            return None
        try:
            return sessions.check(who.id, x_card_session)
        except CardSessionRefused as exc:
            raise HTTPException(status.HTTP_403_FORBIDDEN, exc.reason) from None

    return guard


def citizen_reader_guard(sessions: CardSessions, device: Callable[..., Principal],
                         required: bool = True) -> Callable[..., CardSession | None]:
    """A dependency for routes serving a citizen's documents or acting in a citizen's
    name (booking): an admin does as before (``None``: nothing to bind); a kiosk only
    with a live card session, which the route then matches against the citizen
    (:func:`require_citizen`), else 403. ``required=False`` as in
    :func:`card_session_guard`."""

    def guard(who: Annotated[Principal, Depends(device)],
              x_card_session: Annotated[str | None, Header(max_length=128)] = None,
              ) -> CardSession | None:
        if who.is_admin or (not required and not x_card_session):
            return None
        try:
            return sessions.check(who.id, x_card_session)
        except CardSessionRefused as exc:
            raise HTTPException(status.HTTP_403_FORBIDDEN, exc.reason) from None

    return guard


def require_citizen(card: CardSession | None, national_number: str) -> None:
    """The session's card is this citizen's, else 403 (same answer for any other).
    ``None``: no session where none is required (the demo backend)."""
    if card is not None and card.national_number != national_number:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            "the card session is for another citizen")


def card_session_router(sessions: CardSessions, guards: Guards) -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["card sessions"],
                       responses={401: {"model": schemas.Problem},
                                  403: {"model": schemas.Problem}})
    Kiosk = Annotated[Principal, Depends(guards.kiosk)]  # noqa: N806

    @router.post("/card-sessions:challenge", response_model=ChallengeOut)
    def post_challenge(who: Kiosk) -> ChallengeOut:
        """A fresh challenge for this kiosk's card reader (single use, short-lived)."""
        try:
            challenge = sessions.challenge(who.id)
        except CardSessionRefused as exc:
            raise HTTPException(status.HTTP_403_FORBIDDEN, exc.reason) from None
        return ChallengeOut(challenge_id=challenge.challenge_id,
                            challenge=base64.b64encode(challenge.value).decode(),
                            expires_at=challenge.expires_at)

    @router.post("/card-sessions", response_model=CardSessionOut,
                 status_code=status.HTTP_201_CREATED)
    def post_card_session(proof: CardProof, who: Kiosk) -> CardSessionOut:
        """Open a card session: the signature, chain, validity and revocation of the
        card are checked; 403 with the reason otherwise."""
        try:
            token, session = sessions.open(who.id, proof.challenge_id, proof.auth_cert,
                                           proof.ca_cert, proof.signature)
        except CardSessionRefused as exc:
            raise HTTPException(status.HTTP_403_FORBIDDEN, exc.reason) from None
        return CardSessionOut(session_token=token, expires_at=session.expires_at,
                              auth_cert_sha256=session.cert_sha256)

    @router.delete("/card-sessions", status_code=status.HTTP_204_NO_CONTENT)
    def delete_card_session(
        who: Kiosk, x_card_session: Annotated[str | None, Header(max_length=128)] = None,
    ) -> None:
        """End the session (the card left the reader); without one, nothing to end."""
        if x_card_session:
            sessions.close(who.id, x_card_session)

    return router
