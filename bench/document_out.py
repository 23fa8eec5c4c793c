"""Card in to sealed certificate out: the machine time of a residence certificate.

A demo citizen's virtual eID is read through a real private pcscd + vpcd (card in), the
paid request is committed with its outbox event, then the kiosk's DocumentDelivery asks
the sealing backend (uvicorn on 127.0.0.1) to issue it, fetches it and prints it on
CUPS's ippeveprinter, waiting for the job to complete. The printer's own time (submit to
job completed) is measured apart and left out of the target: < 2 s median.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ holds the backend harness

from drivers.docprinter.interface import DocumentPrinterStatus, JobResult
from drivers.docprinter.ipp.printer import IppDocumentPrinter
from drivers.docprinter.ippeveprinter import IppEvePrinter, missing_tools
from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.pcsc import PcscEidReader
from drivers.eid.private_pcscd import PrivatePcscd
from drivers.eid.virtual_card import VirtualEidCard
from drivers.eid.vpcd import VpcdCardLink
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.devices import DeviceOwner
from kiosk.documents.delivery import DocumentDelivery
from kiosk.documents.requests import commit_certificate_request
from kiosk.store.database import Store
from sync.client import BackendClient
from sync.documents import BackendDocumentSource
from sync.outbox import Outbox
from tests.backend.sealed import sealed_backend

TARGET_S = 2.0


class TimedPrinter:
    """The IPP driver, with the time the printer spends on each job kept apart."""

    def __init__(self, inner: IppDocumentPrinter) -> None:
        self.inner = inner
        self.printer_s: list[float] = []
        self._submitted = 0.0

    def status(self) -> DocumentPrinterStatus:
        return self.inner.status()

    def submit(self, pdf: bytes, name: str) -> int:
        job = self.inner.submit(pdf, name)
        self._submitted = time.perf_counter()  # the document is the printer's from here
        return job

    def wait(self, job_id: int, timeout_s: float) -> JobResult:
        result = self.inner.wait(job_id, timeout_s)
        self.printer_s.append(time.perf_counter() - self._submitted)
        return result

    def close(self) -> None:
        self.inner.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if missing_tools():
        print(json.dumps({"benchmark": "document_out", "ok": False,
                          "error": f"not installed: {', '.join(missing_tools())}"}))
        return 1
    citizen = demo_citizen("mateo")
    identity, address, photo = citizen_card(citizen)
    card = VirtualEidCard(build_card_image(identity, address, photo,
                                           authority=TestRrnAuthority(),
                                           language=citizen.card_language,
                                           applet_18=citizen.applet_18))
    with tempfile.TemporaryDirectory(prefix="document-bench-") as tmp:
        root = Path(tmp)
        os.environ["PCSCLITE_CSOCK_NAME"] = str(root / "pcscd" / "pcscd.comm")
        with (PrivatePcscd(root / "pcscd") as pcscd, sealed_backend(root) as (backend, _),
              IppEvePrinter(root / "ippeve") as peer,
              VpcdCardLink(card, lambda: pcscd.connect_card(0))):
            kiosk_id, token = backend.device(kiosk_id="bxl-centre-bench")
            store = Store(root / "kiosk.db")
            client = BackendClient(backend.url, token, 10.0)
            timed = TimedPrinter(IppDocumentPrinter(peer.uri))
            owner = DeviceOwner("document_printer", timed)
            reader = PcscEidReader(pcscd.reader_name(0))
            try:
                deadline = time.monotonic() + 15
                while not reader.card_present():
                    if time.monotonic() > deadline:
                        raise SystemExit("the virtual card never showed up")
                    reader.wait_for_event(0.5)
                delivery = DocumentDelivery(store, BackendDocumentSource(client, Outbox(store)),
                                            owner, print_timeout_s=30)
                totals, reads, outcomes = [], [], []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    data = reader.read_card()
                    reads.append(time.perf_counter() - start)
                    request = commit_certificate_request(
                        store, kiosk_id=kiosk_id, site="bxl-centre",
                        service_id="cert-residence", language="fr",
                        national_number=data.identity.national_number,
                        reference=f"BENCH-{uuid.uuid4().hex[:8].upper()}")
                    # The citizen's card session (the backend serves the document to
                    # the kiosk only under it): a test-PKI card of the same citizen
                    # signs the backend's challenge.
                    card_session = backend.card_headers(
                        token, data.identity.national_number)["X-Card-Session"]
                    outcomes.append(delivery.deliver(request, card_session).outcome)
                    totals.append(time.perf_counter() - start)
            finally:
                reader.close()
                owner.close()
                client.close()
                store.close()
    machine = [total - printer for total, printer in zip(totals, timed.printer_s, strict=True)]
    median = statistics.median(machine)
    result = {
        "benchmark": "document_out",
        "runs": args.runs,
        "median_machine_s": round(median, 3),
        "median_card_read_s": round(statistics.median(reads), 3),
        "median_printer_s": round(statistics.median(timed.printer_s), 3),
        "median_total_s": round(statistics.median(totals), 3),
        "target_s": TARGET_S,
        "all_printed": all(o == "printed" for o in outcomes),
    }
    result["ok"] = result["all_printed"] and median < TARGET_S
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
