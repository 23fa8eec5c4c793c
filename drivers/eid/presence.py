"""Proof of presence: the card's holder knows its PIN and the card signs a fresh challenge.

One function drives the whole exchange over an :class:`EidSession` so the CLI, the kiosk
journey and the benchmark run the same code:

1. the authentication certificate (5038), GET CARD DATA (applet version), the citizen
   CA certificate (503A) and the identity file's end of validity;
2. local trust checks when a :class:`TrustSettings` is given (validity, chain, CRL) —
   before the PIN, so no try is spent on a card that is refused anyway;
3. the tries left; a signature asked for before any VERIFY, which a genuine card
   refuses (one that signs is refused as ``untrusted``); then the PIN through the
   :class:`~drivers.eid.auth.PinEntry` that ``ask_pin`` returns (on-screen pad, stdin or
   the reader's pinpad);
4. the authentication key signs the challenge; the signature is verified locally when
   trust settings are given (the backend verifies it again online) — an ECDSA one on the
   verifier while the session is released (:meth:`EidSession.release`), so that the
   card's reset overlaps the check.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field

from cryptography import x509

from common.eid.trust import (
    StaleCrlPolicy,
    TrustedCard,
    TrustError,
    certificate_sha256,
    challenge_digest,
    check_card,
    check_card_expiry,
    verify_challenge_signature,
)
from drivers.eid.apdu import EidSession
from drivers.eid.auth import (
    PinBlockedError,
    PinEntry,
    sign_challenge,
    signs_without_pin,
    tries_left,
    verify_pin,
)
from drivers.eid.card import IDENTITY, read_card_info
from drivers.eid.errors import CardError, CardRemovedError
from drivers.eid.files import parse_identity
from drivers.eid.overlap import Overlapped
from drivers.eid.verify import costly_to_verify

AUTH_CERT = bytes.fromhex("3F00DF005038")
CA_CERT = bytes.fromhex("3F00DF00503A")


@dataclass(frozen=True)
class TrustSettings:
    """Where trust comes from: configured roots, the cached CRLs (one per citizen CA) and
    the stale policy."""

    roots: list[x509.Certificate]
    crls: tuple[x509.CertificateRevocationList, ...] = ()
    stale_policy: StaleCrlPolicy = StaleCrlPolicy.REFUSE


@dataclass(frozen=True)
class PresenceProof:
    """What the card proved; ``trusted`` is set when the kiosk checked it locally."""

    applet_version: int
    auth_cert: bytes = field(repr=False)
    ca_cert: bytes = field(repr=False)
    challenge: bytes
    signature: bytes = field(repr=False)
    trusted: TrustedCard | None = None

    @property
    def auth_cert_sha256(self) -> str:
        return certificate_sha256(self.auth_cert)


@dataclass(frozen=True)
class CardCertificates:
    applet_version: int
    auth_cert: bytes = field(repr=False)
    ca_cert: bytes = field(repr=False)
    validity_end: dt.date


class RecentCas:
    """The citizen CA certificates (DER) of the last cards that passed, by issuer name.

    A handful of CAs sign every Belgian card: once a card of a CA has passed, the next
    card naming that CA as its issuer can have its check started as soon as its
    authentication certificate is read, with that CA, while its own CA certificate
    (503A), identity file and PIN status still come off the card. The guess is used only
    when 503A is that very certificate — then the check had exactly the inputs it would
    have had — else the check runs again on what the card holds. Thread-safe, bounded.
    """

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._by_issuer: dict[bytes, bytes] = {}
        self._lock = threading.Lock()

    def guess(self, auth_cert: bytes) -> bytes | None:
        """The CA certificate last seen for this certificate's issuer, if any."""
        try:
            issuer = x509.load_der_x509_certificate(auth_cert).issuer.public_bytes()
        except ValueError:
            return None  # malformed: the real check says so
        with self._lock:
            return self._by_issuer.get(issuer)

    def remember(self, ca_cert: bytes) -> None:
        """Keep ``ca_cert`` (a CA a card was just checked under) for its subject."""
        with self._lock:
            # The usual case, a CA already kept: no need to parse it again.
            known = next((s for s, der in self._by_issuer.items() if der == ca_cert), None)
            if known is not None:
                self._by_issuer[known] = self._by_issuer.pop(known)  # most recent last
                return
        try:
            subject = x509.load_der_x509_certificate(ca_cert).subject.public_bytes()
        except ValueError:
            return
        with self._lock:
            self._by_issuer.pop(subject, None)
            self._by_issuer[subject] = ca_cert
            while len(self._by_issuer) > self._size:
                self._by_issuer.pop(next(iter(self._by_issuer)))


# Public certificates only, shared like trust.py's validated CA paths: every reader of the
# process benefits, and nothing in it is personal.
_RECENT_CAS = RecentCas()


def read_certificates(session: EidSession,
                      on_certs: Callable[[bytes, bytes], None] | None = None,
                      on_auth: Callable[[bytes], None] | None = None) -> CardCertificates:
    """Applet version, the authentication and CA certificates, the card's end of validity.
    ``on_auth(auth)`` is called as soon as the authentication certificate is read,
    ``on_certs(auth, ca)`` as soon as both are.

    The authentication certificate is read first, before GET CARD DATA: a check started
    on it (:class:`RecentCas`) then has two more APDUs to overlap. A card that refuses it
    before its applet is selected gets it read again once :func:`read_card_info` has
    selected the applet."""
    try:
        auth: bytes | None = session.read_file(AUTH_CERT, "authentication certificate (5038)")
    except CardRemovedError:
        raise
    except CardError:
        auth = None
    if auth is not None and on_auth is not None:
        on_auth(auth)
    info = read_card_info(session)
    if auth is None:
        auth = session.read_file(AUTH_CERT, "authentication certificate (5038)")
        if on_auth is not None:
            on_auth(auth)
    ca = session.read_file(CA_CERT, "citizen CA certificate (503A)")
    if on_certs is not None:
        on_certs(auth, ca)
    identity = parse_identity(session.read_file(IDENTITY, "identity file (4031)")).identity
    return CardCertificates(info.applet_version, auth, ca, identity.validity_end)


def prove_presence(
    session: EidSession,
    *,
    ask_pin: Callable[[int | None], PinEntry],
    challenge: bytes,
    trust: TrustSettings | None,
    now: dt.datetime | None = None,
    on_certificates: Callable[[CardCertificates], None] | None = None,
    verifier: Executor | None = None,
) -> PresenceProof:
    """Run the exchange; raises :class:`~common.eid.trust.TrustError`,
    :class:`~drivers.eid.auth.PinError` or :class:`~drivers.eid.errors.CardError`.

    ``ask_pin(tries_left)`` is called once, on the calling thread, when the card is
    ready for the PIN (``tries_left`` is ``None`` when the card does not say).

    With a ``verifier`` executor the chain and CRL checks run there while the identity
    file and the PIN status come off the card (here if it has not begun them by then) —
    from the authentication certificate on when the card names a CA already seen
    (:class:`RecentCas`); the outcome is the same, and a refused card is still refused
    before the PIN.
    """
    now = now or dt.datetime.now(dt.UTC)
    checked: Overlapped[TrustedCard] | None = None
    guessed: tuple[bytes, Overlapped[TrustedCard]] | None = None
    overlap = trust is not None and verifier is not None

    def check(auth: bytes, ca: bytes) -> TrustedCard:
        assert trust is not None
        return check_card(auth, [ca], roots=trust.roots, crls=trust.crls, now=now,
                          stale_policy=trust.stale_policy)

    def start_guessed_check(auth: bytes) -> None:
        nonlocal guessed
        ca = _RECENT_CAS.guess(auth) if overlap else None
        if ca is not None:
            guessed = (ca, Overlapped(verifier, check, auth, ca))

    def start_check(auth: bytes, ca: bytes) -> None:
        nonlocal checked
        if guessed is not None and guessed[0] == ca:
            checked = guessed[1]  # the same inputs: the same outcome, started earlier
            return
        if guessed is not None:
            guessed[1].cancel()  # another CA than the last of that name: check what it holds
        if overlap:
            checked = Overlapped(verifier, check, auth, ca)

    certs = read_certificates(session, start_check, start_guessed_check)
    if on_certificates is not None:
        on_certificates(certs)
    left = tries_left(session)
    trusted = None
    if trust is not None:
        # The card's own end of validity first: an expired card is "expired", whatever
        # its certificate says.
        check_card_expiry(certs.validity_end, now)
        trusted = checked.result() if checked is not None else check(certs.auth_cert,
                                                                     certs.ca_cert)
        _RECENT_CAS.remember(certs.ca_cert)
    if left == 0:
        raise PinBlockedError
    if signs_without_pin(session, certs.applet_version):
        raise TrustError("untrusted", "the card signed before its PIN was verified "
                                      "(PSO COMPUTE DIGITAL SIGNATURE without VERIFY)")
    verify_pin(session, ask_pin(left))
    digest = challenge_digest(challenge, certs.applet_version)
    signature = sign_challenge(session, digest, certs.applet_version)
    if trusted is not None:
        # An ECDSA check (~1 ms) goes to the verifier while the card is let go (the reader
        # resets it, which also ends its PIN verification); an RSA one takes µs.
        costly = verifier is not None and costly_to_verify(trusted.auth_cert.public_key())
        signed = Overlapped(verifier if costly else None, verify_challenge_signature,
                            trusted.auth_cert, challenge, signature)
        if costly:
            session.release()
        signed.result()
    return PresenceProof(certs.applet_version, certs.auth_cert, certs.ca_cert, challenge,
                         signature, trusted)
