"""The IPP driver against CUPS's ippeveprinter on 127.0.0.1 (no mock printer): state,
a print followed to completion, paper out reported by the printer, a printer that
vanishes mid-job, and ``kiosk device document-printer``."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from drivers.docprinter.ipp.printer import IppDocumentPrinter
from drivers.docprinter.ippeveprinter import IppEvePrinter, missing_tools
from drivers.errors import DeviceError, DeviceUnavailableError

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(bool(missing_tools()), reason=f"missing {missing_tools()}")]
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
       b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.fixture(scope="module")
def peer(tmp_path_factory):
    with IppEvePrinter(tmp_path_factory.mktemp("ippeve")) as printer:
        yield printer


@pytest.fixture
def printer(peer):
    driver = IppDocumentPrinter(peer.uri, timeout_s=10)
    yield driver
    driver.close()


def kiosk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "device", "document-printer", *args],
                          capture_output=True, text=True, timeout=120)


def test_the_printer_says_it_is_idle_and_takes_pdf(printer):
    status = printer.status()
    assert status.state == "idle" and status.reasons == ()
    assert "application/pdf" in status.formats and status.can_print


def test_a_document_is_printed_and_followed_to_completion(peer, printer):
    before = len(peer.received())
    job = printer.submit(PDF, "certificate-R-1.pdf")
    result = printer.wait(job, timeout_s=30)
    assert result.completed and result.job_id == job
    received = peer.received()
    assert len(received) == before + 1 and received[-1].read_bytes() == PDF


def test_paper_out_is_seen_before_a_print_is_promised(tmp_path):
    with IppEvePrinter(tmp_path / "empty") as peer:
        printer = IppDocumentPrinter(peer.uri, timeout_s=10)
        try:
            peer.report("+media-empty", "+toner-low")  # as the last sheet goes out
            assert printer.wait(printer.submit(PDF, "last-sheet.pdf"), timeout_s=30).completed
            status = printer.status()
            assert status.blocking == ("media-empty",) and status.warnings == ("toner-low",)
            assert not status.can_print

            out = kiosk("status", "--uri", peer.uri, "--json")
            assert out.returncode == 1, out.stderr
            reported = json.loads(out.stdout)
            assert reported["can_print"] is False and "media-empty" in reported["reasons"]
            refused = kiosk("print", "--uri", peer.uri, str(peer.received()[-1]), "--json")
            assert refused.returncode == 1 and json.loads(refused.stdout)["printed"] is False

            # Sent anyway, the job waits for paper: never reported as printed.
            stuck = printer.wait(printer.submit(PDF, "no-paper.pdf"), timeout_s=2)
            assert not stuck.completed and stuck.state in ("pending", "processing")
        finally:
            printer.close()


def test_the_cli_prints_a_file_and_waits_for_the_job(peer, tmp_path):
    document = tmp_path / "certificate.pdf"
    document.write_bytes(PDF)
    out = kiosk("print", "--uri", peer.uri, str(document), "--json")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["printed"] is True and answer["state"] == "completed"
    assert kiosk("status", "--uri", "http://x/ipp").returncode == 2


def test_a_printer_that_vanishes_mid_job_is_a_clear_error(tmp_path):
    with IppEvePrinter(tmp_path / "gone") as peer:
        driver = IppDocumentPrinter(peer.uri, timeout_s=5)
        try:
            peer.delay_jobs(30)
            job = driver.submit(PDF, "interrupted.pdf")
            threading.Timer(0.5, peer.stop).start()
            with pytest.raises(DeviceUnavailableError, match="stopped answering during job"):
                driver.wait(job, timeout_s=20)
            gone = driver.status()
            assert gone.state == "offline" and not gone.can_print and "no answer" in gone.error
        finally:
            driver.close()


class _OddPrinter(BaseHTTPRequestHandler):
    """Answers every IPP request with a status code no RFC defines."""

    def do_POST(self) -> None:
        request = self.rfile.read(int(self.headers["Content-Length"]))
        body = b"\x02\x00\x0c\x42" + request[4:8] + b"\x01\x03"  # the same request-id
        self.send_response(200)
        self.send_header("Content-Type", "application/ipp")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_an_unknown_ipp_status_is_reported_not_guessed():
    server = HTTPServer(("127.0.0.1", 0), _OddPrinter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        driver = IppDocumentPrinter(f"ipp://127.0.0.1:{server.server_port}/ipp/print")
        status = driver.status()
        assert status.state == "stopped" and "status 0x0c42" in status.error
        with pytest.raises(DeviceError, match="status 0x0c42"):
            driver.submit(PDF, "x.pdf")
        driver.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_nothing_listens_beyond_the_loopback(peer):
    with socket.socket() as probe:
        probe.settimeout(2)
        assert probe.connect_ex(("127.0.0.1", peer.port)) == 0


def test_the_printer_goes_with_a_process_killed_without_cleanup(tmp_path):
    # A demo or test killed by a timeout must not leave ippeveprinter or its bus behind.
    script = ("import os, sys\n"
              "from drivers.docprinter.ippeveprinter import IppEvePrinter\n"
              f"printer = IppEvePrinter({str(tmp_path / 'orphan')!r}).__enter__()\n"
              "print(printer.port, flush=True)\n"
              "os._exit(9)\n")
    dying = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=60)
    port = int(dying.stdout.strip())
    gone = threading.Event()
    for _ in range(200):  # bounded: 10 s
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                gone.set()
                break
        gone.wait(0.05)
    assert gone.is_set(), f"ippeveprinter still listens on {port}"
