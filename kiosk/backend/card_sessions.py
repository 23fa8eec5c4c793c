"""Card sessions: the backend answers questions about a citizen only for a kiosk that has
just proven, with that citizen's eID, that the citizen is in front of it.

challenge (random, single use, short-lived, bound to the asking kiosk)
→ the card's authentication signature over it, with the card's certificates
→ checked here (signature, chain to the configured roots, validity, revocation: the CA's
  OCSP responder when one is configured, its CRL when that gives no answer; with
  neither, the card is refused — revocation unknown)
→ a short-lived session token, bound to the kiosk and to the card's certificate, whose
  subject serial number is the citizen's national number: lookups of that citizen only.

Kept in the database (tables ``card_challenges`` and ``card_sessions``), so every worker
of ``backend serve --workers N`` knows every challenge and session, and a restart ends
none. Tokens are stored as SHA-256 hashes, the national number sealed (crypto_fields).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import NameOID
from sqlalchemy import Row, delete, func, select
from sqlalchemy.orm import Session

from common.eid.ocsp import ocsp_status
from common.eid.trust import (
    StaleCrlPolicy,
    TrustError,
    check_card,
    verify_challenge_signature,
)
from kiosk.backend.database import Database
from kiosk.backend.tables import CardChallengeRow, CardSessionRow

CHALLENGE_BYTES = 32
MAX_PENDING_CHALLENGES = 10_000  # a flood of challenges cannot grow memory without bound
# A kiosk has one card in its reader: a handful of open challenges covers retries. Past
# that its oldest is dropped, so one kiosk (or one stolen credential) flooding challenges
# uses up its own, never the room every other kiosk needs.
MAX_PENDING_PER_KIOSK = 8


class CardSessionRefused(Exception):  # noqa: N818 - an answer (403), not a fault
    """The proof or the session token is refused; ``reason`` says why (no personal data)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Challenge:
    challenge_id: str
    value: bytes
    expires_at: dt.datetime


@dataclass(frozen=True)
class CardSession:
    """Who may be looked up, by which kiosk, until when."""

    kiosk_id: str
    cert_sha256: str
    national_number: str
    expires_at: dt.datetime

    def __repr__(self) -> str:  # never the national number in a log line or traceback
        return f"CardSession(kiosk_id={self.kiosk_id!r}, expires_at={self.expires_at})"


def _b64(field: str, text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise CardSessionRefused(f"{field}: not base64") from None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CardSessions:
    """Challenges and sessions of one backend, in its database; safe across threads and
    worker processes (each step is one transaction)."""

    def __init__(
        self,
        database: Database,
        roots: list[x509.Certificate],
        clock: Callable[[], dt.datetime],
        *,
        crls: Callable[[], Sequence[x509.CertificateRevocationList]] = lambda: (),
        stale_policy: StaleCrlPolicy = StaleCrlPolicy.REFUSE,
        challenge_ttl_s: float = 60.0,
        session_ttl_s: float = 300.0,
        ocsp_url: str | None = None,
    ) -> None:
        self._db = database
        self._roots = roots
        self._ocsp_url = ocsp_url
        self._clock = clock
        self._crls = crls
        self._stale_policy = stale_policy
        self._challenge_ttl = dt.timedelta(seconds=challenge_ttl_s)
        self._session_ttl = dt.timedelta(seconds=session_ttl_s)

    @staticmethod
    def _expire(session: Session, now: dt.datetime) -> None:
        session.execute(delete(CardChallengeRow).where(CardChallengeRow.expires_at <= now))
        session.execute(delete(CardSessionRow).where(CardSessionRow.expires_at <= now))

    def challenge(self, kiosk_id: str) -> Challenge:
        """A fresh challenge for ``kiosk_id`` (single use)."""
        now = self._clock()
        challenge = Challenge(str(uuid.uuid4()), secrets.token_bytes(CHALLENGE_BYTES),
                              now + self._challenge_ttl)
        with self._db.write() as session:
            self._expire(session, now)
            mine = session.scalars(
                select(CardChallengeRow.id).where(CardChallengeRow.kiosk_id == kiosk_id)
                .order_by(CardChallengeRow.created_at.desc(), CardChallengeRow.id)
                .offset(MAX_PENDING_PER_KIOSK - 1)).all()
            if mine:  # the kiosk's oldest, past the newest 7: room for this one
                session.execute(delete(CardChallengeRow).where(CardChallengeRow.id.in_(mine)))
            if session.scalar(select(func.count()).select_from(CardChallengeRow)) >= (
                    MAX_PENDING_CHALLENGES):
                raise CardSessionRefused("too many open challenges; try again shortly")
            session.add(CardChallengeRow(
                id=challenge.challenge_id, kiosk_id=kiosk_id,
                value=base64.b64encode(challenge.value).decode(), created_at=now,
                expires_at=challenge.expires_at))
        return challenge

    def _use_up(self, challenge_id: str, now: dt.datetime) -> Row[tuple[str, str]] | None:
        """The open challenge's (kiosk_id, value), deleted in the same statement: of two
        proofs racing for it (two workers), one gets it."""
        with self._db.write() as session:
            self._expire(session, now)
            return session.execute(
                delete(CardChallengeRow).where(CardChallengeRow.id == challenge_id)
                .returning(CardChallengeRow.kiosk_id, CardChallengeRow.value)).first()

    def open(self, kiosk_id: str, challenge_id: str, auth_cert_b64: str, ca_cert_b64: str,
             signature_b64: str) -> tuple[str, CardSession]:
        """Check the proof; a session token and its session. The challenge is used up
        whatever the outcome, so a replayed or retried proof is refused."""
        now = self._clock()
        pending = self._use_up(challenge_id, now)
        if pending is None:
            raise CardSessionRefused("unknown, used or expired challenge")
        if pending.kiosk_id != kiosk_id:
            raise CardSessionRefused("the challenge was issued to another kiosk")
        auth_cert = _b64("auth_cert", auth_cert_b64)
        ca_cert = _b64("ca_cert", ca_cert_b64)
        signature = _b64("signature", signature_b64)
        try:
            trusted = check_card(auth_cert, [ca_cert], roots=self._roots, crls=self._crls(),
                                 now=now, stale_policy=self._stale_policy,
                                 ocsp=self._ocsp(now))
            verify_challenge_signature(trusted.auth_cert, base64.b64decode(pending.value),
                                       signature)
        except TrustError as exc:
            raise CardSessionRefused(f"{exc.result}: {exc}") from None
        if trusted.crl is None and trusted.ocsp is None:
            # Neither a CRL of the card's CA nor an OCSP "good": revocation was not
            # checked, and a lost card reported stolen would open its holder's data.
            raise CardSessionRefused(
                "revocation_unknown: no CRL is configured (--eid-crl) and no OCSP responder "
                "answered (--eid-ocsp)")
        serials = trusted.auth_cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
        if not serials:
            raise CardSessionRefused("authentication certificate names no national number")
        session = CardSession(kiosk_id, trusted.auth_cert_sha256, str(serials[0].value),
                              now + self._session_ttl)
        token = secrets.token_urlsafe(32)
        with self._db.write() as db:
            db.add(CardSessionRow(token_hash=_hash(token), kiosk_id=kiosk_id,
                                  cert_sha256=session.cert_sha256,
                                  national_number=session.national_number,
                                  expires_at=session.expires_at))
        return token, session

    def _ocsp(self, now: dt.datetime) -> Callable[[x509.Certificate, x509.Certificate], str] | None:
        url = self._ocsp_url
        if url is None:
            return None
        return lambda leaf, issuer: ocsp_status(leaf, issuer, url, now=now)

    def check(self, kiosk_id: str, token: str | None) -> CardSession:
        """The live session of ``token`` for ``kiosk_id``."""
        if not token:
            raise CardSessionRefused("a card session is required (PIN and card signature)")
        now = self._clock()
        with self._db.read() as db:
            row = db.get(CardSessionRow, _hash(token))
            found = None if row is None or row.expires_at <= now else CardSession(
                row.kiosk_id, row.cert_sha256, row.national_number, row.expires_at)
        if found is None:
            raise CardSessionRefused("unknown or expired card session")
        if found.kiosk_id != kiosk_id:
            raise CardSessionRefused("the card session belongs to another kiosk")
        return found

    def close(self, kiosk_id: str, token: str) -> None:
        """End a session (the card left the reader)."""
        with self._db.write() as db:
            db.execute(delete(CardSessionRow).where(CardSessionRow.token_hash == _hash(token),
                                                    CardSessionRow.kiosk_id == kiosk_id))
