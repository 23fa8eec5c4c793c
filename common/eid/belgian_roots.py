"""The real, public Belgian eID root certificates, shipped as package data.

Each file is checked against the SHA-256 fingerprint pinned here before it is trusted:
a file changed on disk (or by a bad merge) is refused, not silently trusted. The files
come from Fedict's eid-mw repository (plugins_tools/eid-viewer/certs); the fingerprints
were checked against a second, independent public copy of each certificate.
"""

from __future__ import annotations

import hashlib
from importlib import resources

from cryptography import x509
from cryptography.hazmat.primitives import serialization

# file name → SHA-256 of the DER certificate.
BELGIAN_ROOTS: dict[str, str] = {
    # Belgium Root CA3 (RSA 4096), valid 2013-06-26 .. 2028-01-28
    "belgium-root-ca3.pem": "a8d14e945e3e5156bcae5e39737cf6a1b1f51028bbbf982f50ce5f4c05568b4d",
    # Belgium Root CA4 (RSA 4096, the re-issue valid 2013-06-26 .. 2032-10-22)
    "belgium-root-ca4.pem": "702dd5c1a093cf0a9d71fadd9bf9a7c5857d89fb73b716e867228b3c2beb968f",
    # Belgium Root CA6 (ECDSA P-384, applet 1.8 cards), valid 2020-06-03 .. 2040-06-03
    "belgium-root-ca6.pem": "9c872bc979a7c09a58d4a274c199e5cb16cfa9b9618d98bc9a9988e984b8495c",
}


class RootFingerprintError(ValueError):
    """A shipped root file does not match its pinned fingerprint."""


def belgian_roots() -> list[x509.Certificate]:
    """The pinned Belgian eID roots; raises :class:`RootFingerprintError` on a mismatch."""
    folder = resources.files("common.eid") / "roots"
    roots = []
    for name, expected in BELGIAN_ROOTS.items():
        cert = x509.load_pem_x509_certificate((folder / name).read_bytes())
        actual = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
        if actual != expected:
            raise RootFingerprintError(f"common/eid/roots/{name}: SHA-256 {actual} is not the "
                                       f"pinned {expected}")
        roots.append(cert)
    return roots


def belgian_roots_pem() -> bytes:
    """The pinned roots as one PEM bundle (for ``--roots``)."""
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in belgian_roots())
