"""Is this card genuine, valid and not revoked, and did its key sign our challenge?

Chain building and path validation are cryptography's (``x509.verification``); this
module only decides the policy: which roots, the card's validity dates (certificate and
identity file), the CRL of the card's citizen CA among those configured (its signature,
its next update, what a stale one means) and the authentication signature over the
challenge.

Every refusal is a :class:`TrustError` with a ``result`` the CLI and the backend report
(``untrusted``, ``expired``, ``revoked``, ``revocation_unknown``) and a message naming
what failed — never a value from the certificate's subject.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from common.eid.ocsp import OcspUnavailable


class StaleCrlPolicy(Enum):
    """What a CRL past its next update means (a kiosk offline for days)."""

    REFUSE = "refuse"  # revocation cannot be known: refuse the card
    ACCEPT = "accept"  # accept, and show the CRL's age to technicians


class TrustError(Exception):
    """The card is refused; ``result`` is the machine-readable reason."""

    def __init__(self, result: str, message: str) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class CrlStatus:
    """The revocation check's outcome, for technicians' diagnostics."""

    this_update: dt.datetime
    next_update: dt.datetime | None
    stale: bool

    def age(self, now: dt.datetime) -> dt.timedelta:
        return now - self.this_update


@dataclass(frozen=True)
class TrustedCard:
    """A card that passed every check."""

    auth_cert: x509.Certificate
    auth_cert_sha256: str
    crl: CrlStatus | None
    # "good" when the CA's OCSP responder answered (then no CRL was needed); None when
    # revocation came from the CRL (no responder configured, or it gave no usable answer).
    ocsp: str | None = None


def load_certificates(data: bytes, source: str) -> list[x509.Certificate]:
    """Every certificate of a PEM bundle (or one DER certificate); ``source`` names it
    in the error."""
    try:
        if b"-----BEGIN" in data:
            certs = x509.load_pem_x509_certificates(data)
        else:
            certs = [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise TrustError("untrusted", f"{source}: not a certificate ({exc})") from None
    if not certs:
        raise TrustError("untrusted", f"{source}: no certificate in it")
    return certs


def load_crl(data: bytes, source: str) -> x509.CertificateRevocationList:
    """A CRL in PEM or DER; ``source`` names it in the error."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except ValueError as exc:
        raise TrustError("revocation_unknown", f"{source}: not a CRL ({exc})") from None


_PEM_CRL = re.compile(rb"-----BEGIN X509 CRL-----.+?-----END X509 CRL-----", re.DOTALL)


def load_crls(data: bytes, source: str) -> list[x509.CertificateRevocationList]:
    """The CRLs of a file: a PEM bundle — one CRL per citizen CA, since several CAs sign
    the Belgian cards in use at any time — or one DER CRL. ``source`` names the file in
    an error, and the CRL's place in a bundle."""
    if b"-----BEGIN" not in data:
        return [load_crl(data, source)]
    blocks = _PEM_CRL.findall(data)
    if not blocks:
        raise TrustError("revocation_unknown", f"{source}: no CRL in it")
    pem_blocks = data.count(b"-----BEGIN")
    if len(blocks) != pem_blocks:
        raise TrustError("revocation_unknown", f"{source}: {pem_blocks} PEM blocks, of "
                                               f"which only {len(blocks)} complete X509 CRL")
    if len(blocks) == 1:
        return [load_crl(blocks[0], source)]
    return [load_crl(block, f"{source} (CRL {number} of {len(blocks)})")
            for number, block in enumerate(blocks, 1)]


def certificate_sha256(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def challenge_digest(challenge: bytes, applet_version: int) -> bytes:
    """What the card signs: SHA-256 of the challenge (RSA), SHA-384 (ECDSA, applet 1.8)."""
    algorithm = hashlib.sha384 if applet_version >= 0x18 else hashlib.sha256
    return algorithm(challenge).digest()


def verify_challenge_signature(cert: x509.Certificate, challenge: bytes,
                               signature: bytes) -> None:
    """The authentication key signed ``challenge`` (PKCS#1 v1.5/SHA-256 or
    ECDSA/SHA-384, by the certificate's key type)."""
    key = cert.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, challenge, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, challenge, ec.ECDSA(hashes.SHA384()))
        else:
            raise TrustError("untrusted", "authentication certificate: unsupported key type")
    except (InvalidSignature, ValueError):
        raise TrustError("untrusted",
                         "the card's signature over the challenge does not verify") from None


def _key_usage_digital_signature(_policy: object, _cert: x509.Certificate,
                                 usage: x509.KeyUsage | None) -> None:
    if usage is None or not usage.digital_signature:
        raise ValueError("key usage lacks digitalSignature")


def _is_a_ca(_policy: object, _cert: x509.Certificate,
             constraints: x509.BasicConstraints | None) -> None:
    if constraints is None or not constraints.ca:
        raise ValueError("basic constraints do not make it a CA")


def _signs_certificates(_policy: object, _cert: x509.Certificate,
                        usage: x509.KeyUsage | None) -> None:
    if usage is None or not usage.key_cert_sign:
        raise ValueError("key usage lacks keyCertSign")


# eID certificates are not web PKI client certificates (no SAN): the leaf policy only
# demands an authentication key usage; the CAs keep the web PKI's CA rules.
_CARD_POLICY = ExtensionPolicy.permit_all().require_present(
    x509.KeyUsage, Criticality.AGNOSTIC, _key_usage_digital_signature)
# The citizen CA validated on its own (as the end of its path): what the web PKI's CA
# rules would demand of it as an intermediate.
_CA_POLICY = (ExtensionPolicy.permit_all()
              .require_present(x509.BasicConstraints, Criticality.AGNOSTIC, _is_a_ca)
              .require_present(x509.KeyUsage, Criticality.AGNOSTIC, _signs_certificates))


def _validate(end: x509.Certificate, intermediates: list[x509.Certificate],
              anchors: list[x509.Certificate], now: dt.datetime,
              end_policy: ExtensionPolicy, what: str) -> list[x509.Certificate]:
    verifier = (
        PolicyBuilder().store(Store(anchors)).time(now)
        .extension_policies(ca_policy=ExtensionPolicy.webpki_defaults_ca(),
                            ee_policy=end_policy)
        .build_client_verifier()
    )
    try:
        return list(verifier.verify(end, intermediates).chain)
    except VerificationError as exc:
        raise TrustError("untrusted", f"{what} does not chain to a configured root "
                                      f"({_without_certificates(str(exc))})") from None


# cryptography's verifier ends some reasons with the certificate it was processing, printed
# with its subject: the holder's name and national number for a card's certificate.
_PROCESSING = re.compile(r"\s*\(encountered processing <Certificate.*", re.DOTALL)


def _without_certificates(reason: str) -> str:
    """The verifier's reason without any certificate it names: those go to a 403 body,
    the kiosk's log and the CLI's JSON, where no personal value may appear."""
    reason = _PROCESSING.sub("", reason)
    if "Certificate(" in reason or "Name(" in reason:
        return "the path validation failed"  # a shape not known above: say less, not more
    return reason


@functools.lru_cache(maxsize=32)
def _ca_paths(ca: x509.Certificate, others: tuple[x509.Certificate, ...],
              roots: tuple[x509.Certificate, ...]) -> dict[str, tuple[x509.Certificate, ...]]:
    """Where the citizen CA's validated path up to a root is kept, once per (CA, roots):
    every card of that CA shares it (a handful of CAs sign all Belgian cards). Only a
    path that validated is stored."""
    return {}


def _ca_path(ca: x509.Certificate, others: tuple[x509.Certificate, ...],
             roots: tuple[x509.Certificate, ...], now: dt.datetime,
             ) -> tuple[x509.Certificate, ...]:
    kept = _ca_paths(ca, others, roots)
    path = kept.get("path")
    if path is None or not all(c.not_valid_before_utc <= now <= c.not_valid_after_utc
                               for c in path):
        # Not validated yet, or a certificate of the path is outside its validity now:
        # validate at ``now`` (a path depends on the time only through those dates).
        path = kept["path"] = tuple(_validate(ca, list(others), list(roots), now,
                                              _CA_POLICY, "the card's citizen CA"))
    return path


def _chain(leaf: x509.Certificate, intermediates: list[x509.Certificate],
           roots: list[x509.Certificate], now: dt.datetime) -> list[x509.Certificate]:
    """Path validation by cryptography's verifier, in two steps when the card names its
    citizen CA: that CA up to a configured root (cached: the root → CA signature and
    rules are the same for every card of the CA, and cost as much as the card's own
    link), then the card's certificate under the validated CA."""
    issuer = next((c for c in intermediates if c.subject == leaf.issuer), None)
    if issuer is None:  # issued by a root directly, or its CA is missing: one step
        return _validate(leaf, intermediates, roots, now, _CARD_POLICY,
                         "authentication certificate")
    others = tuple(c for c in intermediates if c is not issuer)
    try:
        upper = _ca_path(issuer, others, tuple(roots), now)
    except TrustError as exc:
        raise TrustError("untrusted", f"authentication certificate: {exc}") from None
    lower = _validate(leaf, [], [issuer], now, _CARD_POLICY, "authentication certificate")
    return [*lower[:1], *upper]


_V = TypeVar("_V")


class _PerCrl(Generic[_V]):
    """A value worked out once per CRL object (and ``key``): a cached CRL serves many
    cards. Keyed by the CRL object's identity (it is kept here, so the id stays its own)
    rather than its DER — re-encoding and hashing a real citizen CA's CRL (megabytes)
    for every card would cost more than the work saved. Thread-safe, bounded."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: dict[tuple[int, object], tuple[x509.CertificateRevocationList, _V]] = {}
        self._lock = threading.Lock()

    def get(self, crl: x509.CertificateRevocationList, key: object,
            work: Callable[[], _V]) -> _V:
        slot = (id(crl), key)
        with self._lock:
            kept = self._values.get(slot)
        if kept is not None and kept[0] is crl:
            return kept[1]
        value = work()
        with self._lock:
            self._values[slot] = (crl, value)
            while len(self._values) > self._size:
                self._values.pop(next(iter(self._values)))
        return value


# Public data only (CRLs and CA certificates), like _ca_paths.
# The CRL's signature check, per issuer.
_CRL_SIGNATURES: _PerCrl[bool] = _PerCrl(16)
# The serials it revokes as a set: cryptography looks a serial up by walking the list
# (2.4 ms per card in a 20,000-entry CRL, the size of a citizen CA's); the set is built
# once (about 40 ms) and answers in microseconds for every card after. Room for the CRLs
# of every citizen CA in use (and a replacement of each), so cards of one CA do not
# evict another's set.
_REVOKED_SERIALS: _PerCrl[frozenset[int]] = _PerCrl(16)


def _card_ca_crl(crls: Sequence[x509.CertificateRevocationList],
                 issuer: x509.Certificate) -> x509.CertificateRevocationList:
    """The CRL of the card's CA among ``crls``: the newest when there are several (an old
    file next to its replacement). A newer one with a bad signature is refused, not passed
    over for an older one that might not list a recent revocation."""
    mine = [crl for crl in crls if crl.issuer == issuer.subject]
    if not mine:
        raise TrustError("revocation_unknown",
                         f"CRL: none of the {len(crls)} configured is from the card's CA "
                         f"({issuer.subject.rfc4514_string()})")
    return max(mine, key=lambda crl: crl.last_update_utc)


def _signed_by(crl: x509.CertificateRevocationList, issuer: x509.Certificate) -> bool:
    return _CRL_SIGNATURES.get(crl, issuer, lambda: crl.is_signature_valid(
        issuer.public_key()))  # type: ignore[arg-type]


def _lists(crl: x509.CertificateRevocationList, leaf: x509.Certificate) -> bool:
    return leaf.serial_number in _REVOKED_SERIALS.get(
        crl, None, lambda: frozenset(revoked.serial_number for revoked in crl))


def _check_crl(crl: x509.CertificateRevocationList, leaf: x509.Certificate,
               issuer: x509.Certificate, now: dt.datetime,
               stale_policy: StaleCrlPolicy) -> CrlStatus:
    if not _signed_by(crl, issuer):
        raise TrustError("revocation_unknown", "CRL: its signature does not verify")
    next_update = crl.next_update_utc
    stale = next_update is not None and next_update < now
    if stale and stale_policy is StaleCrlPolicy.REFUSE:
        raise TrustError("revocation_unknown",
                         f"CRL: past its next update ({next_update.isoformat()})")
    if _lists(crl, leaf):
        raise TrustError("revoked", "authentication certificate is revoked (CRL)")
    return CrlStatus(crl.last_update_utc, next_update, stale)


def _revoked_by_a_crl(crls: Sequence[x509.CertificateRevocationList], leaf: x509.Certificate,
                      issuer: x509.Certificate) -> bool:
    """Does the newest genuine CRL of the card's CA list it, whatever its dates? A
    revocation, once published, is not undone by an OCSP "good" (a replayed or a lagging
    answer): the two disagree only when one of them is wrong, and the card is refused."""
    try:
        crl = _card_ca_crl(crls, issuer)
    except TrustError:
        return False  # none of the card's CA: OCSP alone decides
    return _signed_by(crl, issuer) and _lists(crl, leaf)


# The identity file's dates are Belgian calendar days: a card valid until 30 June is
# expired from midnight in Brussels, not from midnight UTC one or two hours later.
_CARD_ZONE = ZoneInfo("Europe/Brussels")


def check_card_expiry(card_validity_end: dt.date, now: dt.datetime) -> None:
    """The identity file's end of validity (the card itself, not its certificate), a
    Brussels calendar day; ``now`` is timezone-aware."""
    if card_validity_end < now.astimezone(_CARD_ZONE).date():
        raise TrustError("expired", f"card expired on {card_validity_end.isoformat()} "
                                    "(identity file)")


def check_card(
    auth_cert_der: bytes,
    intermediates_der: list[bytes],
    *,
    roots: list[x509.Certificate],
    crls: Sequence[x509.CertificateRevocationList] = (),
    now: dt.datetime,
    card_validity_end: dt.date | None = None,
    stale_policy: StaleCrlPolicy = StaleCrlPolicy.REFUSE,
    ocsp: Callable[[x509.Certificate, x509.Certificate], str] | None = None,
) -> TrustedCard:
    """Validity dates first (an expired card is ``expired``, not ``untrusted``), then the
    chain, then revocation: ``ocsp(card certificate, its CA)`` first when given
    (:func:`common.eid.ocsp.ocsp_status`: ``good``, ``revoked`` or ``unknown``; it raises
    :class:`~common.eid.ocsp.OcspUnavailable` without a usable answer; a "good" does not
    outweigh a genuine CRL of the card's CA that lists it), and the CRL of the
    card's CA among ``crls`` when it has no definite answer (none of them that CA's:
    ``revocation_unknown``; no CRLs at all: not checked — only when the caller has none,
    which the CLI reports)."""
    try:
        leaf = x509.load_der_x509_certificate(auth_cert_der)
        intermediates = [x509.load_der_x509_certificate(d) for d in intermediates_der]
    except ValueError as exc:
        raise TrustError("untrusted", f"card certificate is malformed ({exc})") from None
    if not leaf.not_valid_before_utc <= now <= leaf.not_valid_after_utc:
        raise TrustError("expired", "authentication certificate is outside its validity "
                                    f"({leaf.not_valid_before_utc.date()} to "
                                    f"{leaf.not_valid_after_utc.date()})")
    if card_validity_end is not None:
        check_card_expiry(card_validity_end, now)
    chain = _chain(leaf, intermediates, roots, now)
    if ocsp is not None:
        try:
            answer = ocsp(leaf, chain[1])
        except OcspUnavailable:
            answer = "unknown"  # fall back to the CRL
        if answer == "revoked":
            raise TrustError("revoked", "authentication certificate is revoked (OCSP)")
        if answer == "good" and _revoked_by_a_crl(crls, leaf, chain[1]):
            raise TrustError("revoked", "authentication certificate is revoked (CRL; the "
                                        "OCSP responder said good)")
        if answer == "good":
            return TrustedCard(leaf, certificate_sha256(auth_cert_der), None, "good")
    status = None
    if crls:
        status = _check_crl(_card_ca_crl(crls, chain[1]), leaf, chain[1], now, stale_policy)
    return TrustedCard(leaf, certificate_sha256(auth_cert_der), status)
