"""Throwaway PKI for the transport tests: CAs, server and client certificates (PEM files)
made with `cryptography`, and the backend under uvicorn with TLS on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import ssl
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from kiosk.backend.app import create_app, prepare_database
from kiosk.backend.database import Database
from kiosk.backend.server import serving_on_a_thread
from kiosk.backend.settings import BackendSettings
from tests.backend.harness import issue


@dataclass(frozen=True)
class Pem:
    cert: Path
    key: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write(
    directory: Path, stem: str, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey
) -> Pem:
    directory.mkdir(parents=True, exist_ok=True)
    pem = Pem(directory / f"{stem}.pem", directory / f"{stem}.key")
    pem.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    pem.key.chmod(0o600)
    return pem


class Authority:
    """A self-signed CA that signs server and client certificates."""

    def __init__(self, directory: Path, name: str) -> None:
        self.dir = directory
        self.key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.now(UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(_name(name))
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(hours=1))
            .not_valid_after(now + timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    key_cert_sign=True,
                    crl_sign=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )
        self.pem = _write(directory, name, self.cert, self.key)

    def issue(self, name: str, *, server: bool, hosts: tuple[str, ...] = ()) -> Pem:
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.now(UTC)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(hours=1))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH]
                ),
                critical=False,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                critical=False,
            )
        )
        if hosts:
            names: list[x509.GeneralName] = []
            for host in hosts:
                try:
                    names.append(x509.IPAddress(ipaddress.ip_address(host)))
                except ValueError:
                    names.append(x509.DNSName(host))
            builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
        return _write(self.dir, name, builder.sign(self.key, hashes.SHA256()), key)


@dataclass
class TlsBackend:
    url: str
    token: str


@contextmanager
def tls_backend(db_path: Path, server: Pem, client_ca: Path | None = None) -> Iterator[TlsBackend]:
    """The real backend app under uvicorn on 127.0.0.1 with TLS; with ``client_ca`` it
    requires a client certificate issued by that CA (ssl_cert_reqs=CERT_REQUIRED)."""
    db_url = f"sqlite:///{db_path}"
    settings = BackendSettings(db_url=db_url)
    database = Database(db_url)
    prepare_database(database, settings)
    token = issue(db_url, "device", f"k-{uuid.uuid4().hex[:8]}", "bxl-centre")
    extra = (
        {"ssl_ca_certs": str(client_ca), "ssl_cert_reqs": ssl.CERT_REQUIRED} if client_ca else {}
    )
    config = uvicorn.Config(
        create_app(settings, database),
        host="127.0.0.1",
        port=0,
        access_log=False,
        log_config=None,
        lifespan="off",
        ssl_certfile=str(server.cert),
        ssl_keyfile=str(server.key),
        **extra,
    )
    try:
        with serving_on_a_thread(config) as port:
            yield TlsBackend(f"https://127.0.0.1:{port}", token)
    finally:
        database.close()
