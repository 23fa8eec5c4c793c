"""Certificates: issued as PDF when a certificate request's case becomes ready."""

from __future__ import annotations

import dataclasses
import re
import uuid
import zlib
from datetime import UTC, datetime

import pytest
import requests

from kiosk.backend import documents
from kiosk.backend.demo_citizens import demo_citizen
from kiosk.backend.settings import BackendSettings
from kiosk.domain.catalog import demo_catalog
from tests.backend.card_proof import shared_card_trust
from tests.backend.harness import threaded_backend
from tests.backend.test_intake import post, statuses

T = 10
CODE = re.compile(rb"\(([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})\)")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def request_certificate(backend, kiosk: str, token: str, citizen: str, service: str,
                        language: str, reference: str, request_id: str | None = None) -> str:
    """Submit a certificate request from ``kiosk``; the id of the case it opened."""
    now = datetime.now(UTC).isoformat()
    nn = demo_citizen(citizen).identity.national_number
    event = {"event_id": str(uuid.uuid4()), "type": "certificate_request.submitted",
             "kiosk_time": now, "seq": 1,
             "payload": {"request_id": request_id or str(uuid.uuid4()), "site": "bxl-centre",
                         "kiosk_id": kiosk, "service_id": service, "national_number": nn,
                         "language": language, "reference": reference, "delivery": "portal",
                         "submitted_at": now}}
    assert statuses(post(backend, token, [event])) == [("accepted", None)]
    found = requests.post(f"{backend.url}/api/v1/cases:lookup", json={"national_number": nn},
                          headers=backend.card_headers(token, nn), timeout=T).json()
    # Oldest first: the one just opened is the last of its service (the demo data may
    # hold an older one).
    return [c["id"] for c in found if c["service_id"] == service][-1]


def move(backend, case_id: str, status: str) -> None:
    moved = requests.post(f"{backend.url}/api/v1/admin/cases/{case_id}/status",
                          json={"status": status}, headers=bearer(backend.admin), timeout=T)
    assert moved.status_code == 200, moved.text


def document(backend, case_id: str, token: str | None,
             citizen: str | None = None) -> requests.Response:
    """The case's certificate as ``token`` reads it; with ``citizen``: under that demo
    citizen's card session (a kiosk gets a citizen's document only so)."""
    headers = bearer(token) if token else {}
    if token and citizen:
        headers = backend.card_headers(token, demo_citizen(citizen).identity.national_number)
    return requests.get(f"{backend.url}/api/v1/cases/{case_id}/document", headers=headers,
                        timeout=T)


def page_streams(pdf: bytes) -> bytes:
    """Every stream of the PDF, inflated where it is compressed.

    A zlib stream ends itself, so it is inflated from just after the ``stream`` line
    rather than cut at ``endstream``: compressed bytes may end in CR or LF, which a
    pattern for the end-of-line before ``endstream`` would swallow."""
    out = []
    for match in re.finditer(rb"(?<!end)stream\r?\n", pdf):
        start = match.end()
        inflater = zlib.decompressobj()
        try:
            out.append(inflater.decompress(pdf[start:]))
        except zlib.error:
            end = pdf.find(b"endstream", start)
            out.append(pdf[start:end])
    return b"\n".join(out)


def info_title(pdf: bytes) -> str:
    """The document title from the Info dictionary: UTF-16BE hex, or a literal string
    when it is plain ASCII (as fpdf2 writes them)."""
    if match := re.search(rb"/Title <feff([0-9a-fA-F]+)>", pdf):
        return bytes.fromhex(match.group(1).decode()).decode("utf-16-be")
    match = re.search(rb"/Title \(([ -~]*?)\)", pdf)
    assert match, "no title"
    return match.group(1).decode()


def assert_pdf(body: bytes) -> bytes:
    assert body.startswith(b"%PDF-")
    assert body.rstrip().endswith(b"%%EOF")
    assert len(body) > 2000
    return page_streams(body)


def test_a_ready_certificate_request_is_issued_as_pdf_to_its_kiosk_and_admins(backend):
    kiosk, token = backend.device()
    _, other_token = backend.device()  # same site, another kiosk
    reference = "BXL-CENTRE-20261122-0042"
    case_id = request_certificate(backend, kiosk, token, "mateo", "cert-residence", "fr",
                                  reference)

    for status in (None, "in_progress"):
        if status:
            move(backend, case_id, status)
        waiting = document(backend, case_id, token, "mateo")
        assert waiting.status_code == 404
        assert waiting.json()["detail"] == ("the certificate is not ready: the case is "
                                            f"{status or 'received'}")

    move(backend, case_id, "ready")
    alone = document(backend, case_id, token)  # the kiosk credential alone
    assert alone.status_code == 403 and "card session" in alone.json()["detail"]
    other = document(backend, case_id, token, "jan")  # another citizen's card session
    assert other.status_code == 403 and "another citizen" in other.json()["detail"]
    issued = document(backend, case_id, token, "mateo")
    assert issued.status_code == 200, issued.text
    assert issued.headers["content-type"] == "application/pdf"
    streams = assert_pdf(issued.content)
    assert f"({reference})".encode() in streams
    assert CODE.search(streams), "no verification code on the page"
    assert info_title(issued.content) == "Certificat de résidence"
    # Set in the embedded Unicode font: the accents of "García López" and "résidence"
    # are among its glyphs (ToUnicode maps them back to U+00ED and U+00E9).
    assert b"DejaVuSans" in issued.content and b"/FontFile2" in issued.content
    assert b"<00ED>" in streams.upper() and b"<00E9>" in streams.upper()

    # Stored as issued: the admin and later reads get the very same bytes.
    by_admin = document(backend, case_id, backend.admin)
    assert by_admin.status_code == 200 and by_admin.content == issued.content
    move(backend, case_id, "delivered")
    assert document(backend, case_id, token, "mateo").content == issued.content

    refused = document(backend, case_id, other_token, "mateo")
    assert refused.status_code == 403 and "kiosk" in refused.json()["detail"]
    assert document(backend, case_id, None).status_code == 401
    assert document(backend, case_id, "kb1.nobody.secret").status_code == 401


def test_the_certificate_speaks_the_language_of_the_request(backend):
    kiosk, token = backend.device()
    titles = {}
    for citizen, service, language in (("jan", "cert-household", "nl"),
                                       ("anna", "cert-life", "en")):
        reference = f"REF-{language.upper()}-1"
        case_id = request_certificate(backend, kiosk, token, citizen, service, language,
                                      reference)
        move(backend, case_id, "in_progress")
        move(backend, case_id, "ready")
        body = document(backend, case_id, token, citizen)
        assert body.status_code == 200
        assert f"({reference})".encode() in assert_pdf(body.content)
        titles[language] = info_title(body.content)
    assert titles == {"nl": "Samenstelling van het gezin", "en": "Life certificate"}


def test_rejected_and_unknown_cases_have_no_document(backend):
    kiosk, token = backend.device()
    case_id = request_certificate(backend, kiosk, token, "anna", "cert-birth", "en", "R-9")
    move(backend, case_id, "rejected")
    rejected = document(backend, case_id, token, "anna")
    assert rejected.status_code == 404
    assert rejected.json()["detail"] == "the certificate is not ready: the case is rejected"
    missing = document(backend, str(uuid.uuid4()), backend.admin)
    assert missing.status_code == 404 and missing.json()["detail"] == "no such case"


def test_a_case_ready_before_documents_existed_is_issued_on_first_request(backend):
    # The demo data has Sophie's residence certificate ready, requested at the counter.
    _, token = backend.device()
    sophie = demo_citizen("sophie").identity.national_number
    [case] = requests.post(f"{backend.url}/api/v1/cases:lookup",
                           json={"national_number": sophie},
                           headers=backend.card_headers(token, sophie),
                           timeout=T).json()
    assert case["status"] == "ready"
    # Not a kiosk's request: refused even under Sophie's own card session.
    assert document(backend, case["id"], token, "sophie").status_code == 403
    first = document(backend, case["id"], backend.admin)
    assert first.status_code == 200
    assert b"(BXL-CENTRE-" in assert_pdf(first.content)
    assert document(backend, case["id"], backend.admin).content == first.content


def test_the_catalog_says_which_certificates_are_issued_at_once(tmp_path):
    """The kiosk offers "printed here" only for what the catalog marks as issued at
    once; the backend refuses (409) to issue any other at once, whatever a kiosk asks."""
    catalog = demo_catalog()
    slower = dataclasses.replace(catalog, services=tuple(
        dataclasses.replace(s, issued_at_once=False) if s.id == "cert-life" else s
        for s in catalog.services))
    db = f"sqlite:///{tmp_path / 'b.db'}"
    with threaded_backend(db, BackendSettings(db_url=db, catalog=slower,
                                              **shared_card_trust())) as backend:
        kiosk, token = backend.device()
        served = requests.get(f"{backend.url}/api/v1/catalog", headers=bearer(token),
                              timeout=T).json()
        at_once = {s["id"]: s["issued_at_once"] for s in served["services"]}
        assert at_once["cert-residence"] is True and at_once["cert-life"] is False
        assert at_once["queue-ticket"] is False and at_once["appt-passport"] is False
        headers = backend.card_headers(token, demo_citizen("anna").identity.national_number)
        for service, expected in (("cert-life", 409), ("cert-residence", 200)):
            request_id = str(uuid.uuid4())
            request_certificate(backend, kiosk, token, "anna", service, "fr", f"R-{service}",
                                request_id=request_id)
            answer = requests.post(
                f"{backend.url}/api/v1/certificate-requests/{request_id}/document",
                headers=headers, timeout=T)
            assert answer.status_code == expected, (service, answer.text)
        assert answer.content.startswith(b"%PDF")
        refused = requests.post(
            f"{backend.url}/api/v1/certificate-requests/{uuid.uuid4()}/document",
            headers=headers, timeout=T)
        assert refused.status_code == 404


def test_a_missing_font_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(documents, "FONT", tmp_path / "DejaVuSans.ttf")
    cert = documents.Certificate(
        title="Certificat de vie", language="fr", surname="Dubois", first_names="Sophie",
        national_number="85073012487", reference="R-1", issued_on=datetime.now(UTC).date(),
        verification_code=documents.new_verification_code())
    with pytest.raises(documents.FontMissingError, match="fonts-dejavu-core"):
        documents.render(cert, datetime.now(UTC))
