"""Asking the citizen CA's OCSP responder whether a card's certificate is revoked.

One request per card (RFC 6960 over HTTP POST, SHA-1 certificate id as responders
expect), answered ``good``, ``revoked`` or ``unknown``. The answer counts only when it is
signed by the card's CA itself or by a responder certificate that CA issued for OCSP
signing (within its validity), names this certificate, and is current (an answer without
nextUpdate: at most an hour old); anything else — no answer, a timeout,
a bad signature — is :class:`OcspUnavailable`, and the caller falls back to its CRL.
"""

from __future__ import annotations

import datetime as dt
import http.client
import urllib.error
import urllib.request
from typing import Literal

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID

OcspStatus = Literal["good", "revoked", "unknown"]
MAX_RESPONSE_BYTES = 64 * 1024
CLOCK_SKEW = dt.timedelta(minutes=5)
# An answer without nextUpdate (openssl ocsp gives none unless told) says nothing of how
# long it holds: one made on demand is seconds old. Older ones could be an answer from
# before the card was revoked, replayed.
MAX_AGE_WITHOUT_NEXT_UPDATE = dt.timedelta(hours=1)


class OcspUnavailable(Exception):  # noqa: N818 - an outcome: fall back to the CRL
    """No usable OCSP answer; the message says why (never a value from the subject)."""


def _verify(signer: x509.Certificate, response: ocsp.OCSPResponse) -> None:
    key = signer.public_key()
    algorithm = response.signature_hash_algorithm
    try:
        if isinstance(key, rsa.RSAPublicKey) and algorithm is not None:
            key.verify(response.signature, response.tbs_response_bytes, padding.PKCS1v15(),
                       algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey) and algorithm is not None:
            key.verify(response.signature, response.tbs_response_bytes, ec.ECDSA(algorithm))
        else:
            raise OcspUnavailable("OCSP: unsupported responder key or signature algorithm")
    except InvalidSignature:
        raise OcspUnavailable("OCSP: the response's signature does not verify") from None


def _responder(response: ocsp.OCSPResponse, issuer: x509.Certificate,
               now: dt.datetime) -> x509.Certificate:
    """The certificate that must have signed: the CA, or a delegate it issued that is
    within its validity."""
    if response.responder_name == issuer.subject or response.responder_key_hash == (
            x509.SubjectKeyIdentifier.from_public_key(issuer.public_key()).digest):
        return issuer
    for cert in response.certificates:
        if cert.issuer != issuer.subject:
            continue
        try:
            cert.verify_directly_issued_by(issuer)
            usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except (ValueError, TypeError, InvalidSignature, x509.ExtensionNotFound):
            continue
        if ExtendedKeyUsageOID.OCSP_SIGNING not in usage:
            continue
        if not cert.not_valid_before_utc - CLOCK_SKEW <= now <= (
                cert.not_valid_after_utc + CLOCK_SKEW):
            raise OcspUnavailable("OCSP: the responder's certificate is outside its validity")
        return cert
    raise OcspUnavailable("OCSP: signed by neither the card's CA nor a responder it issued")


def ocsp_status(leaf: x509.Certificate, issuer: x509.Certificate, url: str, *,
                now: dt.datetime, timeout_s: float = 5.0) -> OcspStatus:
    """The responder's verdict on ``leaf`` (issued by ``issuer``, already validated);
    raises :class:`OcspUnavailable` when there is none to trust."""
    asked = ocsp.OCSPRequestBuilder().add_certificate(leaf, issuer, hashes.SHA1()).build()
    request = asked.public_bytes(serialization.Encoding.DER)
    post = urllib.request.Request(url, data=request, method="POST",
                                  headers={"Content-Type": "application/ocsp-request"})
    try:
        with urllib.request.urlopen(post, timeout=timeout_s) as answer:
            body = answer.read(MAX_RESPONSE_BYTES + 1)
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        # HTTPException: a peer that answers something other than HTTP (a bad status line);
        # ValueError: a URL urllib cannot use. Either way no answer: the CRL decides.
        raise OcspUnavailable(f"OCSP: the responder did not answer ({type(exc).__name__})") \
            from None
    if len(body) > MAX_RESPONSE_BYTES:
        raise OcspUnavailable("OCSP: the response is too large")
    try:
        response = ocsp.load_der_ocsp_response(body)
    except ValueError:
        raise OcspUnavailable("OCSP: the response is not an OCSP response") from None
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        raise OcspUnavailable(f"OCSP: the responder said {response.response_status.name}")
    _verify(_responder(response, issuer, now), response)
    if (response.serial_number != leaf.serial_number
            or response.issuer_key_hash != asked.issuer_key_hash
            or response.issuer_name_hash != asked.issuer_name_hash):
        raise OcspUnavailable("OCSP: the response is about another certificate")
    next_update = response.next_update_utc
    if response.this_update_utc > now + CLOCK_SKEW or (
            next_update is not None and next_update < now - CLOCK_SKEW) or (
            next_update is None
            and response.this_update_utc < now - MAX_AGE_WITHOUT_NEXT_UPDATE):
        raise OcspUnavailable("OCSP: the response is not current")
    return {ocsp.OCSPCertStatus.GOOD: "good", ocsp.OCSPCertStatus.REVOKED: "revoked"}.get(
        response.certificate_status, "unknown")  # type: ignore[return-value]
