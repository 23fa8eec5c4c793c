"""Sealed certificates: the backend seals what it issues, puts a QR code to the public
verification on page 1, and answers the public status without any personal data."""

from __future__ import annotations

import subprocess
import uuid

import pytest
import requests
import zxingcpp
from PIL import Image

from kiosk.backend.demo_citizens import demo_citizen
from kiosk.seal.verify import check_seal, load_roots_file
from tests.backend.sealed import PUBLIC_URL, issue_residence, sealed_backend

T = 10


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with sealed_backend(tmp_path_factory.mktemp("sealed")) as (backend, seal):
        yield backend, seal, issue_residence(backend, "BXL-CENTRE-20261206-0007")


def test_the_issued_certificate_is_sealed_under_the_city_root(world):
    _, seal, issued = world
    check = check_seal(issued.pdf, load_roots_file(seal.root_cert))
    assert check.ok, check.reason


def test_page_one_carries_a_qr_code_to_the_verification_page(world, tmp_path):
    _, _, issued = world
    pdf = tmp_path / "cert.pdf"
    pdf.write_bytes(issued.pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-f", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=60)
    [code] = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    assert code.text == f"{PUBLIC_URL}/verify/{issued.document_id}"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          check=True, timeout=60, text=True).stdout
    assert "scellé électroniquement" in text and f"/verify/{issued.document_id}" in text
    assert "Valable jusqu'au" in text
    # The register's answer: the residence is the address (below the QR-free area).
    assert "Rue Haute 120, 1000 Bruxelles" in text and "05/08/2001" in text


def test_a_household_composition_lists_the_household(world, tmp_path):
    backend, _, _ = world
    from tests.backend.test_documents import document, move, request_certificate

    kiosk, token = backend.device()
    case_id = request_certificate(backend, kiosk, token, "jan", "cert-household", "nl", "H-1")
    move(backend, case_id, "in_progress")
    move(backend, case_id, "ready")
    pdf = tmp_path / "household.pdf"
    pdf.write_bytes(document(backend, case_id, token, "jan").content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          check=True, timeout=60, text=True).stdout
    jan = demo_citizen("jan").identity
    assert "Leden van het gezin" in text and jan.surname in text


def test_the_public_status_shows_what_the_document_is_and_nothing_personal(world):
    backend, _, issued = world
    answer = requests.get(f"{backend.url}/api/v1/documents/{issued.document_id}/status",
                          params={"lang": "nl"}, timeout=T)
    assert answer.status_code == 200
    body = answer.json()
    assert body["kind"] == "Bewijs van woonst"
    assert body["reference"] == issued.reference
    assert body["sealed"] is True and body["revoked"] is False
    assert body["verdict"] == "genuine"
    assert body["valid_until"] > body["issued_on"]
    citizen = demo_citizen("mateo").identity
    for personal in (citizen.national_number, "García", "Mateo", "Rue Haute"):
        assert personal not in answer.text


def test_unknown_and_malformed_document_ids_are_clear_errors(world):
    backend, _, _ = world
    unknown = requests.get(f"{backend.url}/api/v1/documents/{uuid.uuid4()}/status", timeout=T)
    assert unknown.status_code == 404 and unknown.json()["detail"] == "no document with this id"
    malformed = requests.get(f"{backend.url}/api/v1/documents/not-an-id/status", timeout=T)
    assert malformed.status_code == 422
