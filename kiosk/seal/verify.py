"""Check a sealed PDF: is the seal intact, does it cover the whole file, and does its
certificate chain up to one of the given trust roots (pyHanko's validator)."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

# Written by kiosk.backend.documents into the PDF's /Keywords.
DOCUMENT_ID_KEYWORD = "document-id:"


@dataclass(frozen=True)
class SealCheck:
    """What the seal of one PDF says. ``ok`` only for an intact, trusted seal over the
    entire file; ``reason`` says why not, in plain words (never personal data)."""

    ok: bool
    reason: str
    signer: str = ""
    signed_at: str = ""
    timestamped: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"seal_ok": self.ok, "reason": self.reason, "signer": self.signer,
                "signed_at": self.signed_at, "timestamped": self.timestamped}


def load_roots(pem: bytes) -> list[object]:
    """Every certificate in a PEM (or DER) blob, as pyHanko's validator wants them."""
    from asn1crypto import pem as asn1_pem
    from asn1crypto import x509 as asn1_x509

    if not asn1_pem.detect(pem):
        return [asn1_x509.Certificate.load(pem)]
    return [asn1_x509.Certificate.load(der) for _, _, der in asn1_pem.unarmor(pem, multiple=True)]


def load_roots_file(path: Path) -> list[object]:
    try:
        roots = load_roots(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: not a PEM certificate file ({exc})") from exc
    if not roots:
        raise ValueError(f"{path}: no certificate in it")
    return roots


def check_seal(pdf: bytes, roots: list[object]) -> SealCheck:
    """Validate the last signature of ``pdf`` against ``roots``, offline (no fetching)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not pdf.startswith(b"%PDF-"):
        return SealCheck(False, "not a PDF file")
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        return SealCheck(False, f"the PDF cannot be read: {exc}")
    if not signatures:
        return SealCheck(False, "the PDF carries no seal")
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(signatures[-1], context)
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as exc:
        return SealCheck(False, f"the seal cannot be validated: {exc}")
    signer = status.signing_cert.subject.human_friendly if status.signing_cert else ""
    signed_at = status.signer_reported_dt.isoformat() if status.signer_reported_dt else ""
    timestamped = status.timestamp_validity is not None
    common = {"signer": signer, "signed_at": signed_at, "timestamped": timestamped}
    if not status.intact or not status.valid:
        return SealCheck(False, "the seal is broken: the document was changed after sealing",
                         **common)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return SealCheck(False, "the seal does not cover the whole file: content was added "
                                "after sealing", **common)
    if not status.trusted:
        return SealCheck(False, "the seal's certificate does not chain to the given roots",
                         **common)
    return SealCheck(True, "intact seal under the given roots", **common)


def document_id(pdf: bytes) -> str | None:
    """The document id the issuing backend put in the PDF's keywords (``document-id:…``)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        trailer = PdfFileReader(BytesIO(pdf), strict=False).trailer_view
        info = trailer["/Info"] if "/Info" in trailer else None  # noqa: SIM401 - [] dereferences
        keywords = str(info.get("/Keywords", "")) if info is not None else ""
    except (PdfError, ValueError, KeyError, TypeError, AttributeError):
        return None
    for word in keywords.split():
        if word.startswith(DOCUMENT_ID_KEYWORD):
            return word[len(DOCUMENT_ID_KEYWORD):] or None
    return None


def page_count(pdf: bytes) -> int:
    """The number of pages of ``pdf`` (its page tree's /Count)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(BytesIO(pdf), strict=False).root["/Pages"]["/Count"])
