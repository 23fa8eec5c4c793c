"""Certificates issued as PDF when a certificate request's case becomes ready.

The document is generated once — when the admin moves the case to ``ready``, or on
first request for a case that became ready before documents existed (the demo data,
older databases) — and stored with its verification code. It is then served byte for
byte as issued: a later change to the citizen's record, the catalog texts or the PDF
library never alters a certificate already handed out.

Text is set in DejaVu Sans (Debian ``fonts-dejavu-core``) so that é, è, ç and ë render;
the reference and the verification code are set in the PDF core font Courier, which
keeps them legible to anyone checking the code by eye (and plain in the page stream).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.backend.auth import Principal
from kiosk.backend.tables import (
    CaseHistoryRow,
    CaseRow,
    CertificateRequestRow,
    CitizenRow,
    DocumentRow,
)
from kiosk.domain.catalog import Catalog
from kiosk.seal.signer import Sealer
from kiosk.seal.verify import DOCUMENT_ID_KEYWORD

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
ZONE = ZoneInfo("Europe/Brussels")
# Statuses in which the certificate exists (it stays available once delivered).
ISSUED = frozenset({"ready", "delivered"})
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
# A population certificate is accepted for three months after its issue date.
VALIDITY = timedelta(days=90)

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "department": "Département Démographie — Service Population",
        "intro": "La Ville de Bruxelles délivre le présent certificat à :",
        "surname": "Nom", "first_names": "Prénoms", "national_number": "Numéro de registre "
        "national", "reference": "Référence", "issued": "Délivré le",
        "verification": "Code de vérification",
        "footer": "L'authenticité de ce document peut être vérifiée auprès de la Ville de "
                  "Bruxelles à l'aide du code de vérification ci-dessus.",
        "valid_until": "Valable jusqu'au",
        "birth_date": "Date de naissance", "address": "Adresse",
        "household": "Membres du ménage",
        "sealed": "Ce document est scellé électroniquement par la Ville de Bruxelles. "
                  "Vérifiez-le en scannant le code QR ou sur {url} (code {code}) ; le sceau "
                  "du fichier PDF se vérifie dans tout lecteur PDF.",
    },
    "nl": {
        "department": "Departement Demografie — Dienst Bevolking",
        "intro": "De Stad Brussel levert dit getuigschrift af aan:",
        "surname": "Naam", "first_names": "Voornamen", "national_number": "Rijksregisternummer",
        "reference": "Referentie", "issued": "Afgeleverd op",
        "verification": "Verificatiecode",
        "footer": "De echtheid van dit document kan bij de Stad Brussel worden nagegaan met "
                  "de verificatiecode hierboven.",
        "valid_until": "Geldig tot",
        "birth_date": "Geboortedatum", "address": "Adres",
        "household": "Leden van het gezin",
        "sealed": "Dit document is elektronisch verzegeld door de Stad Brussel. Controleer "
                  "het door de QR-code te scannen of op {url} (code {code}); de zegel van het "
                  "PDF-bestand is in elke PDF-lezer te controleren.",
    },
    "en": {
        "department": "Demography Department — Population Service",
        "intro": "The City of Brussels issues this certificate to:",
        "surname": "Surname", "first_names": "First names",
        "national_number": "National register number", "reference": "Reference",
        "issued": "Issued on", "verification": "Verification code",
        "footer": "The authenticity of this document can be checked with the City of "
                  "Brussels using the verification code above.",
        "valid_until": "Valid until",
        "birth_date": "Date of birth", "address": "Address",
        "household": "Household members",
        "sealed": "This document is sealed electronically by the City of Brussels. Check it "
                  "by scanning the QR code or at {url} (code {code}); the seal of the PDF file "
                  "can be checked in any PDF reader.",
    },
}


class FontMissingError(RuntimeError):
    """The Unicode font the certificates are set in is not installed."""


class NotIssuableError(LookupError):
    """Why no certificate exists for a case (the message is the reason, no personal data)."""


@dataclass(frozen=True)
class Certificate:
    """What a certificate shows."""

    title: str
    language: str
    surname: str
    first_names: str
    national_number: str
    reference: str
    issued_on: date
    verification_code: str
    # The public verification page of this document (QR code on page 1); None: an
    # unsealed document from before sealing existed, with the old footer only.
    verify_url: str | None = None
    valid_until: date | None = None
    # What the register says for this kind of certificate: (text key, value) rows.
    facts: tuple[tuple[str, str], ...] = ()


def may_read(who: Principal, request: CertificateRequestRow | None) -> bool:
    """Admins, and the kiosk the citizen made the request at."""
    return who.is_admin or (request is not None and request.kiosk_id == who.id)


def verify_url(base_url: str, document_id: str) -> str:
    """The public page that says whether document ``document_id`` is genuine."""
    return f"{base_url.rstrip('/')}/verify/{document_id}"


def new_verification_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def _font_paths() -> tuple[Path, Path]:
    if not FONT.is_file():
        raise FontMissingError(f"the certificate font {FONT} is missing: install the Debian "
                               "package fonts-dejavu-core")
    return FONT, FONT_BOLD if FONT_BOLD.is_file() else FONT


def _format_nn(nn: str) -> str:
    """YY.MM.DD-SSS.CC, as printed on Belgian documents."""
    return f"{nn[0:2]}.{nn[2:4]}.{nn[4:6]}-{nn[6:9]}.{nn[9:11]}" if len(nn) == 11 else nn


def render(cert: Certificate, created: datetime) -> bytes:
    """The certificate as PDF bytes; ``created`` is recorded as the creation date."""
    from fpdf import FPDF  # imported here: only issuing needs it

    regular, bold = _font_paths()
    texts = TEXTS[cert.language]
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(created)
    pdf.set_title(cert.title)
    pdf.set_author("Ville de Bruxelles — Stad Brussel")
    pdf.set_creator("Brussels kiosk citizen-service backend")
    pdf.set_lang(cert.language)
    if cert.verify_url is not None:
        # The document id for `kiosk document verify` to ask the backend about.
        pdf.set_keywords(f"{DOCUMENT_ID_KEYWORD}{cert.verify_url.rsplit('/', 1)[-1]}")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(20, 20, 20)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.add_page()
    width = pdf.epw

    # The city's header.
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(width, 8, "Ville de Bruxelles — Stad Brussel", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(width, 5, texts["department"], new_x="LMARGIN", new_y="NEXT")
    pdf.cell(width, 5, "Grand-Place 1 / Grote Markt 1 — 1000 Bruxelles / Brussel",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_line_width(0.6)
    pdf.line(20, pdf.get_y(), 20 + width, pdf.get_y())
    pdf.ln(14)

    pdf.set_font("DejaVu", "B", 20)
    pdf.multi_cell(width, 10, cert.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(width, 7, texts["intro"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    def row(label: str, value: str, *, mono: bool = False) -> None:
        pdf.set_font("DejaVu", "", 11)
        pdf.cell(70, 8, f"{label} :" if cert.language == "fr" else f"{label}:")
        if mono and value.isascii():
            pdf.set_font("Courier", "B", 12)
        else:
            pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(width - 70, 8, value, new_x="LMARGIN", new_y="NEXT")

    row(texts["surname"], cert.surname)
    row(texts["first_names"], cert.first_names)
    row(texts["national_number"], _format_nn(cert.national_number))
    for key, value in cert.facts:
        row(texts[key], value)
    pdf.ln(6)
    row(texts["reference"], cert.reference, mono=True)
    row(texts["issued"], cert.issued_on.strftime("%d/%m/%Y"))
    if cert.valid_until is not None:
        row(texts["valid_until"], cert.valid_until.strftime("%d/%m/%Y"))
    row(texts["verification"], cert.verification_code, mono=True)

    if cert.verify_url is None:
        pdf.set_y(-40)
        pdf.set_line_width(0.2)
        pdf.line(20, pdf.get_y(), 20 + width, pdf.get_y())
        pdf.ln(3)
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(width, 5, texts["footer"], new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())

    # The seal notice with the QR code of the verification page beside it.
    qr_size = 32
    top = pdf.h - 20 - qr_size
    pdf.set_line_width(0.2)
    pdf.line(20, top - 4, 20 + width, top - 4)
    pdf.image(_qr_png(cert.verify_url), x=20 + width - qr_size, y=top, w=qr_size, h=qr_size)
    pdf.set_xy(20, top)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(width - qr_size - 6, 5, texts["sealed"].format(
        url=cert.verify_url, code=cert.verification_code), align="L", new_x="LMARGIN",
        new_y="NEXT")
    return bytes(pdf.output())


def _qr_png(url: str) -> BytesIO:
    """The QR code of ``url`` as PNG (segno; medium error correction survives a crease)."""
    import segno

    out = BytesIO()
    segno.make_qr(url, error="m").save(out, kind="png", scale=8, border=2)
    out.seek(0)
    return out


def _register_facts(session: Session, citizen: CitizenRow,
                    service_id: str) -> tuple[tuple[str, str], ...]:
    """The register's answer a sealed certificate states, by kind of certificate."""
    facts = [("birth_date", citizen.birth_date.strftime("%d/%m/%Y"))]
    if service_id in ("cert-residence", "cert-household"):
        facts.append(("address", f"{citizen.street}, {citizen.postcode} "
                                 f"{citizen.municipality}"))
    if service_id == "cert-household":
        members = session.scalars(select(CitizenRow).where(
            CitizenRow.household_id == citizen.household_id)
            .order_by(CitizenRow.birth_date)).all()
        facts.append(("household", "\n".join(
            f"{m.surname} {m.first_names} ({m.birth_date:%d/%m/%Y})" for m in members)))
    return tuple(facts)


def _issued_at(session: Session, case: CaseRow) -> datetime:
    """When the case last became ready (its update time if the history says nothing)."""
    at = session.scalar(select(CaseHistoryRow.at).where(
        CaseHistoryRow.case_id == case.id, CaseHistoryRow.status == "ready")
        .order_by(CaseHistoryRow.id.desc()).limit(1))
    return at or case.updated_at


def issue(session: Session, case: CaseRow, catalog: Catalog,
          issued_at: datetime | None = None, *, sealer: Sealer | None = None,
          verify_base_url: str = "") -> DocumentRow:
    """Generate and store the certificate of a ready case; the stored one if it exists.

    With a ``sealer`` the PDF gets a document id, a QR code to its verification page
    under ``verify_base_url`` and the city's seal. Safe under concurrent callers: the
    case id is the document's key, and the first insert wins. Raises
    :class:`NotIssuableError` (with the reason), :class:`FontMissingError` or
    :class:`kiosk.seal.signer.SealError`."""
    existing = session.get(DocumentRow, case.id)
    if existing is not None:
        return existing
    if case.status not in ISSUED:
        raise NotIssuableError(f"the certificate is not ready: the case is {case.status}")
    service = next((s for s in catalog.services if s.id == case.service_id), None)
    if service is None or service.kind != "certificate":
        raise NotIssuableError("this case is not a certificate request: no document")
    citizen = session.get(CitizenRow, case.national_number)
    if citizen is None:
        raise NotIssuableError("the citizen of this case is not known to the backend")
    request = session.get(CertificateRequestRow, case.id)
    language = request.language if request is not None and request.language in TEXTS else "fr"
    when = issued_at or _issued_at(session, case)
    code = new_verification_code()
    issued_on = when.astimezone(ZONE).date()
    document_id = str(uuid.uuid4()) if sealer is not None else None
    reference = request.reference if request is not None else case.id
    pdf = render(Certificate(
        title=getattr(service.name, language), language=language, surname=citizen.surname,
        # The number in clear (sealed_number): national_number is its keyed hash.
        first_names=citizen.first_names, national_number=citizen.sealed_number or "",
        reference=reference, issued_on=issued_on, verification_code=code,
        verify_url=verify_url(verify_base_url, document_id) if document_id else None,
        valid_until=issued_on + VALIDITY if document_id else None,
        facts=_register_facts(session, citizen, service.id) if document_id else ()),
        created=when)
    if sealer is not None:
        pdf = sealer.seal(pdf)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(DocumentRow.__table__).on_conflict_do_nothing(), {
        "case_id": case.id, "verification_code": code, "issued_at": when,
        "sha256": hashlib.sha256(pdf).hexdigest(), "pdf": pdf, "document_id": document_id,
        "service_id": service.id, "reference": reference,
        "valid_until": issued_on + VALIDITY if document_id else None,
        "sealed": sealer is not None})
    stored = session.get(DocumentRow, case.id, populate_existing=True)
    if stored is None:  # pragma: no cover - the insert or a concurrent one put it there
        raise NotIssuableError("the certificate could not be stored")
    return stored
