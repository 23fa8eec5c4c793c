"""A test PKI shaped like the Belgian eID's: root → citizen CA → per-card authentication
and signature certificates, and the citizen CA's CRL — twice, as in Belgium: applet 1.7
cards (RSA keys) under an RSA root and citizen CA, as under Belgium Root CA3/CA4, and
applet 1.8 cards (ECDSA P-384) under P-384 ones, as under Root CA6.

For the virtual card, the tests and the demo only: nothing here is trusted by a real
kiosk (the real roots are configured separately). Keys are generated once per
:class:`DemoPki` (RSA generation is slow) and reused for every card it issues.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
KINDS = ("rsa", "ec")  # applet 1.7 cards' keys, then 1.8's


def _name(common_name: str, *, serial: str | None = None) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
                  x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if serial is not None:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(attributes)


def _digest(key: PrivateKey) -> hashes.HashAlgorithm:
    return hashes.SHA256() if isinstance(key, rsa.RSAPrivateKey) else hashes.SHA384()


@dataclass(frozen=True)
class CardCertificates:
    """What one card holds: its two key pairs and the four certificates (DER)."""

    auth_key: PrivateKey
    sign_key: PrivateKey
    auth_cert: bytes
    sign_cert: bytes
    ca_cert: bytes
    root_cert: bytes


@dataclass(frozen=True)
class _Hierarchy:
    """One root and the citizen CA under it, with their keys."""

    root_key: PrivateKey
    ca_key: PrivateKey
    root: x509.Certificate
    citizen_ca: x509.Certificate


class DemoPki:
    """Card keys RSA-2048 (``kind="rsa"``, applet 1.7) under an RSA root and citizen CA,
    or P-384 (``"ec"``, 1.8) under P-384 ones. ``root`` and ``citizen_ca`` are the P-384
    hierarchy's; :meth:`hierarchy` gives either. The RSA one is made at its first use (RSA
    key generation is slow); its keys are 2,048 bits, not the real roots' 4,096: the
    shape is what the tests need."""

    def __init__(self, label: str = "kiosk test") -> None:
        self.label = label
        self._card_keys: dict[str, tuple[PrivateKey, PrivateKey]] = {}
        self._hierarchies: dict[str, _Hierarchy] = {}
        ec_side = self.hierarchy("ec")
        self.root, self.citizen_ca = ec_side.root, ec_side.citizen_ca

    def hierarchy(self, kind: str) -> _Hierarchy:
        """The root and citizen CA that issue ``kind`` (``rsa`` or ``ec``) cards."""
        if kind not in self._hierarchies:
            if kind == "rsa":
                root_key: PrivateKey = rsa.generate_private_key(public_exponent=65537,
                                                                key_size=2048)
                ca_key: PrivateKey = rsa.generate_private_key(public_exponent=65537,
                                                              key_size=2048)
                suffix = f"{self.label}, RSA"
            elif kind == "ec":
                root_key = ec.generate_private_key(ec.SECP384R1())
                ca_key = ec.generate_private_key(ec.SECP384R1())
                suffix = self.label
            else:
                raise ValueError(f"card key kind {kind!r}: rsa or ec")
            root = self._ca_certificate(_name(f"Belgium Root CA ({suffix})"), root_key,
                                        root_key, None)
            ca = self._ca_certificate(_name(f"Citizen CA ({suffix})"), ca_key, root_key, root)
            self._hierarchies[kind] = _Hierarchy(root_key, ca_key, root, ca)
        return self._hierarchies[kind]

    def _ca_certificate(self, subject: x509.Name, key: PrivateKey, issuer_key: PrivateKey,
                        issuer: x509.Certificate | None) -> x509.Certificate:
        issuer_name = issuer.subject if issuer is not None else subject
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(_EPOCH)
            .not_valid_after(_EPOCH + dt.timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None if issuer is None
                                                 else 0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
        )
        if issuer is not None:
            builder = builder.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                critical=False)
        return builder.sign(issuer_key, _digest(issuer_key))

    def card_keys(self, kind: str) -> tuple[PrivateKey, PrivateKey]:
        """(authentication, signature) keys for ``kind`` ``rsa`` or ``ec``, made once."""
        if kind not in self._card_keys:
            if kind == "rsa":
                self._card_keys[kind] = (
                    rsa.generate_private_key(public_exponent=65537, key_size=2048),
                    rsa.generate_private_key(public_exponent=65537, key_size=2048))
            else:
                self._card_keys[kind] = (ec.generate_private_key(ec.SECP384R1()),
                                         ec.generate_private_key(ec.SECP384R1()))
        return self._card_keys[kind]

    @staticmethod
    def card_serial(card_number: str, not_after: dt.datetime) -> int:
        """The certificate serial of a card: stable per card and validity (revocable)."""
        digest = hashlib.sha256(f"{card_number}|{not_after.isoformat()}".encode()).digest()
        return int.from_bytes(digest[:15], "big") | 1

    def issue(self, card_number: str, surname: str, national_number: str, *, kind: str,
              not_before: dt.datetime = _EPOCH,
              not_after: dt.datetime = _EPOCH + dt.timedelta(days=3650)) -> CardCertificates:
        """The card's authentication and signature certificates, as a real card has them:
        subject names the holder (kept on the card, never logged by the kiosk)."""
        auth_key, sign_key = self.card_keys(kind)
        side = self.hierarchy(kind)
        serial = self.card_serial(card_number, not_after)
        certs = []
        for offset, (role, key, usage) in enumerate((
            ("Authentication", auth_key, {"digital_signature": True,
                                          "content_commitment": False}),
            ("Signature", sign_key, {"digital_signature": False, "content_commitment": True}),
        )):
            cert = (
                x509.CertificateBuilder()
                .subject_name(_name(f"{surname} ({role})", serial=national_number))
                .issuer_name(side.citizen_ca.subject)
                .public_key(key.public_key())
                .serial_number(serial + 2 * offset)
                .not_valid_before(not_before)
                .not_valid_after(not_after)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(
                    key_encipherment=False, data_encipherment=False, key_agreement=False,
                    key_cert_sign=False, crl_sign=False, encipher_only=False,
                    decipher_only=False, **usage), critical=True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    side.ca_key.public_key()), critical=False)
                .sign(side.ca_key, _digest(side.ca_key))
            )
            certs.append(cert.public_bytes(serialization.Encoding.DER))
        return CardCertificates(
            auth_key=auth_key, sign_key=sign_key, auth_cert=certs[0], sign_cert=certs[1],
            ca_cert=side.citizen_ca.public_bytes(serialization.Encoding.DER),
            root_cert=side.root.public_bytes(serialization.Encoding.DER))

    def crl(self, revoked_serials: Iterable[int] = (), *,
            this_update: dt.datetime | None = None,
            next_update: dt.datetime | None = None,
            signer: str = "ca", kind: str = "ec") -> bytes:
        """The CRL (DER) of the citizen CA of ``kind`` cards. ``signer="root"`` signs it
        with the wrong key."""
        side = self.hierarchy(kind)
        now = this_update or dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(side.citizen_ca.subject)
            .last_update(now)
            .next_update(next_update or now + dt.timedelta(days=7))
        )
        for serial in revoked_serials:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial)
                .revocation_date(now).build())
        key = side.ca_key if signer == "ca" else side.root_key
        return builder.sign(key, _digest(key)).public_bytes(serialization.Encoding.DER)

    def ocsp_responder_files(self, directory: str | Path,
                             revoked_serials: Iterable[int] = ()) -> dict[str, Path]:
        """What ``openssl ocsp`` needs to answer for the citizen CA (tests' OCSP peer):
        the CA's certificate and key (it signs the answers) and an index in OpenSSL's CA
        database format naming ``revoked_serials`` revoked; any other serial is unknown
        to it until :meth:`valid_in_index` lists it valid."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        ca, key, index = directory / "ca.pem", directory / "ca.key", directory / "index.txt"
        side = self.hierarchy("ec")
        ca.write_bytes(side.citizen_ca.public_bytes(serialization.Encoding.PEM))
        key.write_bytes(side.ca_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        index.write_text("".join(
            f"R\t491231235959Z\t240101000000Z\t{serial:X}\tunknown\t/CN=card\n"
            for serial in revoked_serials))
        return {"ca": ca, "key": key, "index": index}

    def valid_in_index(self, index: Path, serials: Iterable[int]) -> None:
        """List ``serials`` as valid in an ``openssl ocsp`` index (else "unknown")."""
        with index.open("a") as out:
            for serial in serials:
                out.write(f"V\t491231235959Z\t\t{serial:X}\tunknown\t/CN=card\n")

    def roots(self) -> list[x509.Certificate]:
        """Both roots: what a kiosk trusting this PKI is configured with."""
        return [self.hierarchy(kind).root for kind in KINDS]

    def crls(self, revoked_serials: Iterable[int] = ()) -> tuple[
            x509.CertificateRevocationList, ...]:
        """Both citizen CAs' CRLs, each listing ``revoked_serials``."""
        serials = list(revoked_serials)
        return tuple(x509.load_der_x509_crl(self.crl(serials, kind=kind)) for kind in KINDS)

    def roots_pem(self) -> bytes:
        """Both roots, as a kiosk trusts the Belgian ones."""
        return b"".join(root.public_bytes(serialization.Encoding.PEM) for root in self.roots())

    def write(self, directory: str | Path, revoked_serials: Iterable[int] = ()) -> dict[str, Path]:
        """Write ``roots.pem`` (both roots) and ``crl.pem`` (both citizen CAs' CRLs, each
        listing ``revoked_serials``): what the demo hands the kiosk."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        roots = directory / "roots.pem"
        roots.write_bytes(self.roots_pem())
        crl = directory / "crl.pem"
        crl.write_bytes(b"".join(crl.public_bytes(serialization.Encoding.PEM)
                                 for crl in self.crls(revoked_serials)))
        return {"roots": roots, "crl": crl}
