"""The city's seal on certificates: sealed with pyHanko, checked with pyHanko's validator."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kiosk.backend import documents
from kiosk.seal import pki
from kiosk.seal.signer import SealConfig, Sealer, SealError
from kiosk.seal.verify import check_seal, load_roots_file


@pytest.fixture(scope="module")
def demo_pki(tmp_path_factory) -> pki.SealPki:
    return pki.generate(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def unsealed() -> bytes:
    cert = documents.Certificate(
        title="Certificat de résidence", language="fr", surname="Dubois", first_names="Sophie",
        national_number="85073012487", reference="BXL-CENTRE-20261206-0001",
        issued_on=date(2026, 12, 6), verification_code="ABCD-EFGH-JKMN",
        verify_url="https://city.test/verify/0f5e7c8a-1d2b-4c3d-9e8f-0a1b2c3d4e5f",
        valid_until=date(2027, 3, 6))
    return documents.render(cert, datetime(2026, 12, 6, 10, tzinfo=UTC))


@pytest.fixture(scope="module")
def sealed(demo_pki, unsealed) -> bytes:
    return Sealer.from_config(SealConfig(demo_pki.seal_key, demo_pki.seal_cert)).seal(unsealed)


def test_a_sealed_certificate_verifies_under_its_root(demo_pki, unsealed, sealed):
    assert sealed.startswith(unsealed), "the seal is an incremental update of the issued PDF"
    check = check_seal(sealed, load_roots_file(demo_pki.root_cert))
    assert check.ok, check.reason
    assert "Brussels DEMO Document Seal" in check.signer
    assert not check.timestamped
    assert b"/SubFilter /ETSI.CAdES.detached" in sealed  # PAdES, not adbe.pkcs7


def test_one_changed_byte_breaks_the_seal(demo_pki, unsealed, sealed):
    roots = load_roots_file(demo_pki.root_cert)
    for at in (len(unsealed) // 3, len(unsealed) // 2):
        tampered = bytearray(sealed)
        tampered[at] ^= 0x01
        check = check_seal(bytes(tampered), roots)
        assert not check.ok
        assert "changed after sealing" in check.reason or "cannot be" in check.reason


def test_content_appended_after_sealing_is_refused(demo_pki, sealed):
    check = check_seal(sealed + b"\n1 0 obj\n(forged)\nendobj\n",
                       load_roots_file(demo_pki.root_cert))
    assert not check.ok and "does not cover the whole file" in check.reason


def test_a_seal_under_other_roots_is_refused(tmp_path, sealed):
    stranger = pki.generate(tmp_path / "other", label="OTHER")
    check = check_seal(sealed, load_roots_file(stranger.root_cert))
    assert not check.ok and "does not chain to the given roots" in check.reason


def test_unsealed_and_non_pdf_input_is_refused_with_the_reason(demo_pki, unsealed):
    roots = load_roots_file(demo_pki.root_cert)
    assert check_seal(unsealed, roots).reason == "the PDF carries no seal"
    assert check_seal(b"GIF89a...", roots).reason == "not a PDF file"
    assert not check_seal(b"%PDF-1.7\n garbage", roots).ok


def test_a_missing_or_bad_key_file_names_the_file(tmp_path, demo_pki):
    with pytest.raises(SealError, match=r"nope\.pem does not exist"):
        Sealer.from_config(SealConfig(tmp_path / "nope.pem", demo_pki.seal_cert))
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key")
    with pytest.raises(SealError, match=r"bad\.pem"):
        Sealer.from_config(SealConfig(bad, demo_pki.seal_cert))
    with pytest.raises(ValueError, match=r"bad\.pem"):
        load_roots_file(bad)
