"""Seal a PDF: a PAdES baseline signature (pyHanko) with the city's seal key.

The signer is built once from a PEM key and certificate (the demo and test PKI, or a
software key); production uses pyHanko's PKCS#11 signer on the HSM instead
(docs/document-seal.md) — both are pyHanko ``Signer`` objects, so :class:`Sealer` takes
either. With a TSA URL the signature carries an RFC 3161 timestamp (PAdES B-T).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

FIELD_NAME = "CitySeal"


class SealError(RuntimeError):
    """The document could not be sealed (key, certificate or timestamp authority)."""


@dataclass(frozen=True)
class SealConfig:
    """Where the seal key and certificate are, and the optional timestamp authority."""

    key_pem: Path
    cert_pem: Path
    chain_pem: tuple[Path, ...] = ()
    tsa_url: str | None = None


class Sealer:
    """Seals PDFs with one pyHanko signer; safe to share between request threads."""

    def __init__(self, signer: object, tsa_url: str | None = None) -> None:
        self._signer = signer
        self._tsa_url = tsa_url

    @classmethod
    def from_config(cls, config: SealConfig) -> Sealer:
        """A sealer on a PEM key + certificate; :class:`SealError` naming the bad file."""
        from pyhanko.sign import signers

        for path in (config.key_pem, config.cert_pem, *config.chain_pem):
            if not path.is_file():
                raise SealError(f"seal: {path} does not exist")
        try:
            signer = signers.SimpleSigner.load(
                str(config.key_pem), str(config.cert_pem),
                ca_chain_files=tuple(str(p) for p in config.chain_pem) or None)
        except (ValueError, OSError) as exc:
            raise SealError(f"seal: cannot load {config.key_pem} / {config.cert_pem}: "
                            f"{exc}") from exc
        if signer is None:  # pyHanko logs and returns None on a bad file
            raise SealError(f"seal: {config.key_pem} or {config.cert_pem} is not a PEM "
                            "private key / certificate")
        return cls(signer, config.tsa_url)

    @property
    def timestamped(self) -> bool:
        return self._tsa_url is not None

    def seal(self, pdf: bytes, *, reason: str = "Document issued by the City of Brussels",
             location: str = "Brussels") -> bytes:
        """``pdf`` with the city's seal appended as an incremental update."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers, timestamps
        from pyhanko.sign.fields import SigSeedSubFilter

        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
            reason=reason, location=location)
        stamper = timestamps.HTTPTimeStamper(self._tsa_url) if self._tsa_url else None
        try:
            writer = IncrementalPdfFileWriter(BytesIO(pdf))
            out = signers.PdfSigner(meta, signer=self._signer, timestamper=stamper).sign_pdf(
                writer)
        except Exception as exc:  # pyHanko raises many kinds (TSA HTTP, PKCS#11, PDF)
            raise SealError(f"the document could not be sealed: {exc}") from exc
        return out.getvalue()
