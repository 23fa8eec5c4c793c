"""The files of a virtual Belgian eID, built from a citizen record and signed with a
test RRN certificate generated on the fly (RSA, or ECDSA P-384 for applet 1.8), with the
authentication and signature keys and certificates of a test PKI (:mod:`demo_pki`) and
the PKCS#15 files that describe them (:mod:`pkcs15`).

Test-only keys: nothing here is trusted by a real kiosk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from common.eid.model import Address, Identity
from drivers.eid.card import (
    ADDRESS,
    ADDRESS_SIGNATURE,
    IDENTITY,
    IDENTITY_SIGNATURE,
    PHOTO,
    RRN_CERTIFICATE,
)
from drivers.eid.demo_pki import CardCertificates, DemoPki, PrivateKey
from drivers.eid.files import encode_address, encode_identity
from drivers.eid.pkcs15 import (
    AUTH_CERT,
    AUTH_KEY_REF,
    CA_CERT,
    ROOT_CERT,
    SIGN_CERT,
    SIGN_KEY_REF,
    pkcs15_files,
)

_EC_SIGNATURE_FILE = 0x70
IMAGE_FAULTS = ("wrong_photo_hash", "bad_signature")
ATR_APPLET_17 = bytes.fromhex("3B9813400AA503010101AD1311")
ATR_APPLET_18 = bytes.fromhex("3B7F96000080318065B0850300EF120FFF829000")


class TestRrnAuthority:
    """Holds the generated RRN keys; create one and reuse it (RSA key generation is slow)."""

    __test__ = False  # not a pytest class

    def __init__(self) -> None:
        self._rsa: rsa.RSAPrivateKey | None = None
        self._ec: ec.EllipticCurvePrivateKey | None = None
        self._certs: dict[str, bytes] = {}
        self._pki: DemoPki | None = None

    @property
    def pki(self) -> DemoPki:
        """The test PKI that issues the cards' authentication and signature certificates."""
        if self._pki is None:
            self._pki = DemoPki()
        return self._pki

    def key(self, kind: str) -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
        if kind == "rsa":
            if self._rsa is None:
                self._rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            return self._rsa
        if self._ec is None:
            self._ec = ec.generate_private_key(ec.SECP384R1())
        return self._ec

    def certificate(self, kind: str) -> bytes:
        """A self-signed test 'RRN' certificate (DER) for ``kind`` (rsa or ec)."""
        if kind not in self._certs:
            key = self.key(kind)
            name = x509.Name([
                x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
                x509.NameAttribute(NameOID.COMMON_NAME, "RRN (kiosk test only)"),
            ])
            now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
            cert = (
                x509.CertificateBuilder()
                .subject_name(name)
                .issuer_name(name)
                .public_key(key.public_key())
                .serial_number(1)
                .not_valid_before(now)
                .not_valid_after(now + dt.timedelta(days=3650))
                .sign(key, hashes.SHA256() if kind == "rsa" else hashes.SHA384())
            )
            self._certs[kind] = cert.public_bytes(serialization.Encoding.DER)
        return self._certs[kind]

    def sign(self, kind: str, message: bytes, rsa_hash: str = "sha1") -> bytes:
        key = self.key(kind)
        if isinstance(key, rsa.RSAPrivateKey):
            algorithm = hashes.SHA1() if rsa_hash == "sha1" else hashes.SHA256()
            return key.sign(message, padding.PKCS1v15(), algorithm)
        return key.sign(message, ec.ECDSA(hashes.SHA384()))


@dataclass(frozen=True)
class CardImage:
    """Everything a virtual eID answers with."""

    atr: bytes
    applet_version: int
    serial: bytes
    files: dict[bytes, bytes] = field(repr=False)
    keys: dict[int, PrivateKey] = field(default_factory=dict, repr=False)  # by key reference
    pin: str = field(default="1234", repr=False)

    def card_data(self, long_form: bool) -> bytes:
        """GET CARD DATA: serial, component/OS/softmask bytes, applet version at 21."""
        body = self.serial + bytes([0xA5, 0x03, 0x01, 0x01, 0x01, self.applet_version,
                                    0x00, 0x01, 0x00, 0x01, 0x0F, 0x0F])
        return body + (b"\x00\x00\x00" if long_form else b"")


def build_card_image(
    identity: Identity,
    address: Address,
    photo: bytes,
    *,
    authority: TestRrnAuthority,
    language: str = "fr",
    applet_18: bool = False,
    rsa_hash: str = "sha1",
    faults: Iterable[str] = (),
    pin: str = "1234",
    cert_not_after: dt.datetime | None = None,
) -> CardImage:
    """Build and sign the six files, add the PKI's certificates and the PKCS#15 files.
    ``faults``: wrong_photo_hash, bad_signature. ``cert_not_after``: end of the
    authentication certificate's validity (an expired card)."""
    faults = set(faults)
    unknown = faults - set(IMAGE_FAULTS)
    if unknown:
        raise ValueError(f"unknown card image faults: {', '.join(sorted(unknown))}")
    kind = "ec" if applet_18 else "rsa"
    photo_hash = (hashlib.sha384 if applet_18 else hashlib.sha1)(photo).digest()
    if "wrong_photo_hash" in faults:
        photo_hash = bytes([photo_hash[0] ^ 0xFF]) + photo_hash[1:]
    serial = hashlib.sha256(identity.card_number.encode()).digest()[:16]
    identity_file = encode_identity(
        identity, language=language, chip_number=serial, photo_hash=photo_hash
    )
    address_file = encode_address(address)
    identity_sig = authority.sign(kind, identity_file, rsa_hash)
    if "bad_signature" in faults:
        identity_sig = identity_sig[:-8] + bytes(b ^ 0x5A for b in identity_sig[-8:])
    address_sig = authority.sign(kind, address_file + identity_sig, rsa_hash)
    if applet_18:
        # 1.8 cards store the DER signatures in fixed-size, zero-padded files.
        identity_sig = identity_sig.ljust(_EC_SIGNATURE_FILE, b"\x00")
        address_sig = address_sig.ljust(_EC_SIGNATURE_FILE, b"\x00")
    files = {
        IDENTITY: identity_file,
        IDENTITY_SIGNATURE: identity_sig,
        # Real address files are zero-padded; the signature covers the unpadded data.
        ADDRESS: address_file + bytes(117 - len(address_file) % 117),
        ADDRESS_SIGNATURE: address_sig,
        PHOTO: photo,
        RRN_CERTIFICATE: authority.certificate(kind),
    }
    certs = card_certificates(authority.pki, identity, kind, cert_not_after)
    files.update({AUTH_CERT: certs.auth_cert, SIGN_CERT: certs.sign_cert,
                  CA_CERT: certs.ca_cert, ROOT_CERT: certs.root_cert})
    files.update(pkcs15_files(serial, ec=applet_18))
    return CardImage(
        atr=ATR_APPLET_18 if applet_18 else ATR_APPLET_17,
        applet_version=0x18 if applet_18 else 0x17,
        serial=serial,
        files=files,
        keys={AUTH_KEY_REF: certs.auth_key, SIGN_KEY_REF: certs.sign_key},
        pin=pin,
    )


def card_certificates(pki: DemoPki, identity: Identity, kind: str,
                      not_after: dt.datetime | None = None) -> CardCertificates:
    """The certificates ``pki`` issues for the card of ``identity``."""
    end = not_after or dt.datetime.combine(identity.validity_end, dt.time(), dt.UTC)
    begin = min(dt.datetime.combine(identity.validity_begin, dt.time(), dt.UTC),
                end - dt.timedelta(days=1))
    return pki.issue(identity.card_number, identity.surname, identity.national_number,
                     kind=kind, not_before=begin, not_after=end)
