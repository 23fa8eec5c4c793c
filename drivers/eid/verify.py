"""Genuineness checks: the photo against the identity file's hash, and both file
signatures against the RRN certificate's key (RSA PKCS#1 v1.5, or ECDSA P-384 on
applet 1.8 cards)."""

from __future__ import annotations

import hashlib

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from common.eid.model import Verification

_PHOTO_HASHES = {20: "sha1", 32: "sha256", 48: "sha384"}


def photo_hash_ok(photo: bytes, expected: bytes) -> bool | None:
    """Whether ``photo`` hashes to ``expected``; the digest length picks the algorithm.

    ``None`` when the card holds no hash of a known length (the check cannot be run).
    """
    name = _PHOTO_HASHES.get(len(expected))
    if name is None:
        return None
    return hashlib.new(name, photo).digest() == expected


def trim_der_signature(data: bytes) -> bytes:
    """An ECDSA signature file may be zero-padded: keep the DER SEQUENCE only."""
    if len(data) < 2 or data[0] != 0x30:
        return data
    first = data[1]
    if first < 0x80:
        return data[: 2 + first]
    count = first & 0x7F
    if count == 0 or count > 2 or len(data) < 2 + count:
        return data
    length = int.from_bytes(data[2 : 2 + count], "big")
    return data[: 2 + count + length]


def signature_ok(public_key: object, signature: bytes, message: bytes) -> bool:
    """RSA PKCS#1 v1.5 (SHA-1, then SHA-256 for re-keyed cards) or ECDSA/SHA-384."""
    if isinstance(public_key, rsa.RSAPublicKey):
        for algorithm in (hashes.SHA1(), hashes.SHA256()):
            try:
                public_key.verify(signature, message, padding.PKCS1v15(), algorithm)
                return True
            except InvalidSignature:
                continue
        return False
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        try:
            public_key.verify(trim_der_signature(signature), message, ec.ECDSA(hashes.SHA384()))
            return True
        except (InvalidSignature, ValueError):
            return False
    return False


def costly_to_verify(public_key: object) -> bool:
    """Whether a signature check with this key is slow enough (ECDSA, ~1 ms) to be worth
    running on another thread; an RSA public-key check takes a few tens of µs."""
    return isinstance(public_key, ec.EllipticCurvePublicKey)


def load_rrn_key(certificate: bytes) -> object | None:
    """The public key of the RRN certificate (DER, possibly zero-padded); ``None`` if unusable."""
    try:
        cert = x509.load_der_x509_certificate(trim_der_signature(certificate))
        return cert.public_key()
    except ValueError:
        return None


def signed_part(public_key: object, identity_signature: bytes) -> bytes:
    """The identity signature as it is checked and chained into the address message: an
    ECDSA signature without its zero padding, an RSA one as read."""
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return trim_der_signature(identity_signature)
    return identity_signature


def address_message(address_file: bytes, identity_signature: bytes) -> bytes:
    """What the address signature covers: the address without its padding, then the
    identity signature (binding the address to that identity)."""
    return address_file.rstrip(b"\x00") + identity_signature


def verify_card(
    *,
    identity_file: bytes,
    identity_signature: bytes,
    address_file: bytes,
    address_signature: bytes,
    photo: bytes,
    photo_hash: bytes,
    rrn_certificate: bytes,
) -> Verification:
    """Run every check; a check that cannot run (no key, no hash) is ``None``."""
    key = load_rrn_key(rrn_certificate)
    identity_ok: bool | None = None
    address_ok: bool | None = None
    if key is not None:
        identity_sig = signed_part(key, identity_signature)
        identity_ok = signature_ok(key, identity_sig, identity_file)
        address_ok = signature_ok(
            key, address_signature, address_message(address_file, identity_sig)
        )
    return Verification(
        photo_hash=photo_hash_ok(photo, photo_hash),
        identity_signature=identity_ok,
        address_signature=address_ok,
    )
