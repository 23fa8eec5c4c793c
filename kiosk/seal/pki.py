"""A throwaway seal PKI for the demo and the tests: a root CA and a seal certificate.

Production seals with the city's qualified seal certificate on an HSM (docs/document-seal.md);
this only exists so that the demo and the tests seal with a real chain they can verify.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class SealPki:
    """Where a generated PKI was written (PEM files)."""

    root_cert: Path
    seal_key: Path
    seal_cert: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ville de Bruxelles - Stad Brussel"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def generate(directory: Path, *, days: int = 3650, label: str = "DEMO") -> SealPki:
    """Write a root CA and a seal key + certificate signed by it into ``directory``.

    The private key file is written with mode 0600; nothing is overwritten that exists."""
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC) - timedelta(minutes=5)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name(f"Brussels {label} Seal Root CA")
    root = (x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                         False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()),
                           critical=False)
            .sign(root_key, hashes.SHA256()))
    seal_key = ec.generate_private_key(ec.SECP256R1())
    seal = (x509.CertificateBuilder().subject_name(_name(f"Brussels {label} Document Seal"))
            .issuer_name(root_name).public_key(seal_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + timedelta(days=days - 1))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            # nonRepudiation (content commitment) + digitalSignature: what a seal needs.
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    pki = SealPki(directory / "seal-root.pem", directory / "seal-key.pem",
                  directory / "seal-cert.pem")
    pki.root_cert.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    pki.seal_cert.write_bytes(seal.public_bytes(serialization.Encoding.PEM))
    key_pem = seal_key.private_bytes(serialization.Encoding.PEM,
                                     serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())
    pki.seal_key.touch(mode=0o600)
    pki.seal_key.write_bytes(key_pem)
    return pki


def load_or_generate(directory: Path) -> SealPki:
    """The PKI in ``directory``, generated on first use (the demo keeps one per run dir)."""
    pki = SealPki(directory / "seal-root.pem", directory / "seal-key.pem",
                  directory / "seal-cert.pem")
    if pki.root_cert.is_file() and pki.seal_key.is_file() and pki.seal_cert.is_file():
        return pki
    return generate(directory)
