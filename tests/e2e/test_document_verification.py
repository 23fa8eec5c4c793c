"""Anyone holding a sealed certificate checks it: the public page its QR code opens (in
headless Debian chromium), the upload form, and ``kiosk document verify``."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.backend.demo_citizens import demo_citizen
from tests.backend.sealed import issue_residence, sealed_backend

pytestmark = pytest.mark.e2e
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with sealed_backend(tmp_path_factory.mktemp("verify")) as (backend, seal):
        issued = issue_residence(backend, "BXL-CENTRE-20261206-0042", language="en")
        folder = tmp_path_factory.mktemp("files")
        genuine = folder / "certificate.pdf"
        genuine.write_bytes(issued.pdf)
        tampered = folder / "tampered.pdf"
        changed = bytearray(issued.pdf)
        changed[len(changed) // 4] ^= 0x01
        tampered.write_bytes(bytes(changed))
        yield backend, seal, issued, genuine, tampered


def kiosk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
def test_the_qr_page_says_what_the_document_is_in_three_languages_and_checks_uploads(world):
    from playwright.sync_api import expect, sync_playwright

    backend, _, issued, genuine, tampered = world
    personal = demo_citizen("mateo").identity
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(locale="nl-BE")
            page.goto(f"{backend.url}/verify/{issued.document_id}", timeout=30_000)
            expect(page.locator("html")).to_have_attribute("lang", "nl")  # Accept-Language
            expect(page.locator("#verdict")).to_have_text(
                "Echt document, afgeleverd door de Stad Brussel.")
            expect(page.locator("#kind")).to_have_text("Bewijs van woonst")
            expect(page.locator("#reference")).to_have_text(issued.reference)
            expect(page.locator("#sealed")).to_have_text("ja")
            page.click("a[hreflang=fr]")
            expect(page.locator("#kind")).to_have_text("Certificat de résidence")
            expect(page.locator("#sealed")).to_have_text("oui")
            page.click("a[hreflang=en]")
            expect(page.locator("#verdict")).to_have_text(
                "Genuine document, issued by the City of Brussels.")
            text = page.locator("body").inner_text()
            for secret in (personal.national_number, "García", "Mateo", "Rue Haute"):
                assert secret not in text

            page.set_input_files("input[name=file]", str(genuine))
            page.click("button[type=submit]")
            expect(page.locator("#file-verdict")).to_have_text(
                "The seal of this file is intact and it is a document issued by the City.")
            expect(page.locator("#reference")).to_have_text(issued.reference)

            page.set_input_files("input[name=file]", str(tampered))
            page.click("button[type=submit]")
            expect(page.locator("#file-verdict")).to_contain_text(
                "This file is not a genuine document of the City")
            expect(page.locator("#file-verdict")).to_contain_text("changed after sealing")
            expect(page.locator("#kind")).to_have_count(0)

            missing = page.goto(f"{backend.url}/verify/0f5e7c8a-1d2b-4c3d-9e8f-0a1b2c3d4e5f"
                                "?lang=fr", timeout=30_000)
            assert missing.status == 404
            expect(page.locator("#verdict")).to_have_text(
                "Aucun document de la Ville ne porte cet identifiant.")
        finally:
            browser.close()


def test_the_command_accepts_only_an_intact_seal_on_a_document_the_city_issued(world, tmp_path):
    backend, seal, issued, genuine, tampered = world
    roots = str(seal.root_cert)

    online = kiosk("document", "verify", "--roots", roots, str(genuine), "--backend",
                   backend.url, "--json")
    assert online.returncode == 0, online.stdout + online.stderr
    answer = json.loads(online.stdout)
    assert answer["verdict"] == "GENUINE" and answer["document_id"] == issued.document_id
    assert answer["reference"] == issued.reference

    # Exactly as documented: no --backend, no --offline → the seal alone, said so.
    offline = kiosk("document", "verify", "--roots", roots, str(genuine))
    assert offline.returncode == 0, offline.stdout + offline.stderr
    assert offline.stdout.startswith("SEAL OK")
    assert "offline: only the seal was checked" in offline.stdout

    broken = kiosk("document", "verify", "--roots", roots, str(tampered))
    assert broken.returncode == 1 and "REFUSED" in broken.stdout

    # Sealed with the city's key and naming the issued document, but another file.
    from kiosk.backend import documents
    from kiosk.seal.signer import SealConfig, Sealer

    other = documents.render(documents.Certificate(
        title="Certificate of residence", language="en", surname="Someone", first_names="Else",
        national_number="85073012487", reference=issued.reference,
        issued_on=datetime.now(UTC).date(), verification_code="ABCD-EFGH-JKMN",
        verify_url=f"https://city.test/verify/{issued.document_id}"), datetime.now(UTC))
    resealed = tmp_path / "resealed.pdf"
    resealed.write_bytes(Sealer.from_config(SealConfig(seal.seal_key, seal.seal_cert))
                         .seal(other))
    forged = kiosk("document", "verify", "--roots", roots, str(resealed), "--backend",
                   backend.url)
    assert forged.returncode == 1
    assert "not the file the city issued" in forged.stdout

    other_roots = tmp_path / "other"
    from kiosk.seal import pki

    stranger = pki.generate(other_roots, label="OTHER")
    untrusted = kiosk("document", "verify", "--roots", str(stranger.root_cert), str(genuine),
                      "--offline")
    assert untrusted.returncode == 1 and "does not chain" in untrusted.stdout

    gone = kiosk("document", "verify", "--roots", roots, str(genuine), "--backend",
                 "http://127.0.0.1:9")
    assert gone.returncode == 3 and "could not be reached" in gone.stdout

    missing = kiosk("document", "verify", "--roots", roots, str(tmp_path / "nope.pdf"),
                    "--offline")
    assert missing.returncode == 2 and "nope.pdf" in missing.stdout
