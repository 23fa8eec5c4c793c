"""The virtual eID checked with a third-party client: OpenSC's BELPIC driver
(``pkcs15-tool``, ``pkcs11-tool``) through the REAL private pcscd + vpcd.

OpenSC finds keys and certificates only through the card's application directory and
PKCS#15 files, and signs with MSE SET + PSO after VERIFY: if our card were shaped wrong,
or our PIN/signature commands differed from the applet's, these would fail.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.pkcs15 import AUTH_CERT, CA_CERT
from drivers.eid.virtual_card import VirtualEidCard
from drivers.eid.vpcd import VpcdCardLink
from kiosk.backend.demo_citizens import DEMO_CITIZENS, citizen_card
from tests.e2e.test_eid_pcsc import insert, pcscd  # noqa: F401 - the shared pcscd fixture

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("pkcs15-tool") is None, reason="opensc is not installed"),
]
PKCS11_MODULE = next((p for p in (Path("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
                                  Path("/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so"),
                                  Path("/usr/lib/opensc-pkcs11.so")) if p.exists()), None)
PIN = "2580"
TIMEOUT = 60


@pytest.fixture(scope="module")
def card_in_reader(pcscd):  # noqa: F811
    citizen = next(c for c in DEMO_CITIZENS if not c.applet_18)  # BELPIC in OpenSC: RSA
    identity, address, photo = citizen_card(citizen)
    image = build_card_image(identity, address, photo, authority=TestRrnAuthority(), pin=PIN)
    card = VirtualEidCard(image)
    link = VpcdCardLink(card, pcscd.connect_card)
    insert(link)
    try:
        yield card
    finally:
        link.remove()


def opensc(pcscd, *args: str) -> subprocess.CompletedProcess[str]:  # noqa: F811
    return subprocess.run(list(args), env=pcscd.env, capture_output=True, text=True,
                          timeout=TIMEOUT)


def test_pkcs15_tool_lists_the_four_certificates_at_their_file_ids(pcscd, card_in_reader):  # noqa: F811
    result = opensc(pcscd, "pkcs15-tool", "--list-certificates")
    assert result.returncode == 0, result.stderr
    blocks = {b.split("]")[0].split("[")[1]: b for b in result.stdout.split("X.509 Certificate")
              if "[" in b}
    assert {name: next(line.split(":")[1].strip() for line in block.splitlines()
                       if "Path" in line) for name, block in blocks.items()} == {
        "Authentication": "3f00df005038", "Signature": "3f00df005039",
        "CA": "3f00df00503a", "Root": "3f00df00503b"}
    assert "Authority      : yes" in blocks["CA"]


def test_pkcs15_tool_reads_back_the_authentication_certificate(pcscd, card_in_reader):  # noqa: F811
    result = opensc(pcscd, "pkcs15-tool", "--read-certificate", "02")
    assert result.returncode == 0, result.stderr
    read = x509.load_pem_x509_certificate(result.stdout.encode())
    assert read == x509.load_der_x509_certificate(card_in_reader.image.files[AUTH_CERT])
    assert read.issuer == x509.load_der_x509_certificate(
        card_in_reader.image.files[CA_CERT]).subject


@pytest.mark.skipif(PKCS11_MODULE is None, reason="opensc-pkcs11.so not found")
def test_pkcs11_tool_logs_in_and_signs_with_the_authentication_key(
        pcscd, card_in_reader, tmp_path):  # noqa: F811
    data = tmp_path / "data"
    data.write_bytes(b"proof of presence, checked by OpenSC")
    signature = tmp_path / "sig"
    result = opensc(pcscd, "pkcs11-tool", "--module", str(PKCS11_MODULE), "--login",
                    "--pin", PIN, "--sign", "--id", "02", "-m", "SHA256-RSA-PKCS",
                    "-i", str(data), "-o", str(signature))
    assert result.returncode == 0, result.stderr
    cert = x509.load_der_x509_certificate(card_in_reader.image.files[AUTH_CERT])
    cert.public_key().verify(signature.read_bytes(), data.read_bytes(), padding.PKCS1v15(),
                             hashes.SHA256())
    assert card_in_reader.crypto.tries_left == 3


@pytest.mark.skipif(PKCS11_MODULE is None, reason="opensc-pkcs11.so not found")
def test_pkcs11_tool_with_a_wrong_pin_costs_one_try(pcscd, card_in_reader, tmp_path):  # noqa: F811
    data = tmp_path / "data"
    data.write_bytes(b"x")
    result = opensc(pcscd, "pkcs11-tool", "--module", str(PKCS11_MODULE), "--login",
                    "--pin", "9999", "--sign", "--id", "02", "-m", "SHA256-RSA-PKCS",
                    "-i", str(data), "-o", str(tmp_path / "sig"))
    assert result.returncode != 0
    assert "CKR_PIN_INCORRECT" in result.stderr
    assert card_in_reader.crypto.tries_left == 2
    # The right PIN gives the tries back (and the next module starts from a fresh card).
    ok = opensc(pcscd, "pkcs11-tool", "--module", str(PKCS11_MODULE), "--login",
                "--pin", PIN, "--sign", "--id", "02", "-m", "SHA256-RSA-PKCS",
                "-i", str(data), "-o", str(tmp_path / "sig"))
    assert ok.returncode == 0, ok.stderr
    assert card_in_reader.crypto.tries_left == 3
