"""The IPP driver against an ippeveprinter that speaks TLS only through our test CA
(``ipps://…?ca=``) and takes PWG raster only (``-f image/pwg-raster``): the PDF is rendered
by ghostscript, on A4, at the resolution the printer announces."""

from __future__ import annotations

import shutil
import struct

import pytest

from drivers.docprinter import pwgraster
from drivers.docprinter.ippeveprinter import IppEvePrinter, missing_tools
from drivers.registry import default_registry
from tests.security.tls import Authority

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(bool(missing_tools()), reason=f"missing {missing_tools()}")]
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
       b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.fixture(scope="module")
def tls_raster_peer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ipps")
    ca = Authority(folder / "ca", "A4 printer test CA")
    server = ca.issue("localhost", server=True, hosts=("localhost", "127.0.0.1"))
    keys = folder / "keys"  # ippeveprinter -K: <folder>/<its host name>.crt and .key
    keys.mkdir()
    shutil.copy(server.cert, keys / "localhost.crt")
    shutil.copy(server.key, keys / "localhost.key")
    with IppEvePrinter(folder / "ippeve", formats=("image/pwg-raster",),
                       tls_dir=keys) as printer:
        yield printer, ca


def opened(uri: str):
    return default_registry().open("document_printer", uri)


@pytest.mark.skipif(bool(pwgraster.converter_missing()), reason="ghostscript is not installed")
def test_a_pdf_goes_over_tls_as_a4_pwg_raster_and_completes(tls_raster_peer):
    peer, ca = tls_raster_peer
    assert peer.uri.startswith("ipps://127.0.0.1:")
    printer = opened(f"{peer.uri}?ca={ca.pem.cert}")
    try:
        status = printer.status()
        assert "image/pwg-raster" in status.formats and "application/pdf" not in status.formats
        assert status.can_print, status
        before = len(peer.received("pwg"))
        result = printer.wait(printer.submit(PDF, "certificate-R-2.pdf"), timeout_s=60)
    finally:
        printer.close()
    assert result.completed, result
    received = peer.received("pwg")
    assert len(received) == before + 1 and peer.received("pdf") == []
    raster = received[-1].read_bytes()
    assert raster[:4] == b"RaS2"
    header = raster[4:]
    resolution = struct.unpack(">II", header[276:284])
    width, height = struct.unpack(">II", header[372:380])
    # A4 (595 × 842 pt, PostScript's 210 × 297 mm) at the resolution rendered.
    assert resolution[0] == resolution[1] and resolution[0] in (150, 300, 600)
    assert (width, height) == (595 * resolution[0] // 72, 842 * resolution[0] // 72)


def test_a_printer_whose_certificate_is_not_trusted_is_not_promised(tls_raster_peer, tmp_path):
    peer, _ = tls_raster_peer
    stranger = Authority(tmp_path / "other", "Someone else's CA")
    printer = opened(f"{peer.uri}?ca={stranger.pem.cert}")
    try:
        status = printer.status()
    finally:
        printer.close()
    assert status.state == "offline" and not status.can_print
    assert "SSLError" in status.error


def test_a_raster_only_printer_without_ghostscript_says_why(tls_raster_peer, monkeypatch,
                                                             tmp_path):
    peer, ca = tls_raster_peer
    monkeypatch.setenv("PATH", str(tmp_path))  # no gs to be found
    printer = opened(f"{peer.uri}?ca={ca.pem.cert}")
    try:
        status = printer.status()
    finally:
        printer.close()
    assert not status.can_print
    assert "ghostscript" in status.error and "PWG raster" in status.error
