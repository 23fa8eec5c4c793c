"""The demo's sealed certificate: a paid residence certificate issued by the sealing
backend, printed on CUPS's ippeveprinter (the A4 printer), what the printer received
saved as ``documents/*.pdf`` beside the demo's seal root ``documents/seal-root.pem``.

It runs through the kiosk's own DocumentDelivery and HTTP client; the QML journey that
prints one (``certificate`` in demo/journeys.py) runs on the demo kiosk's own A4
printer, started by :func:`start_kiosk_a4`.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from demo.journeys import demo_backend
from drivers.docprinter.ipp.printer import IppDocumentPrinter
from drivers.docprinter.ippeveprinter import IppEvePrinter, missing_tools
from kiosk.backend.demo_citizens import demo_citizen
from kiosk.devices import DeviceOwner
from kiosk.documents.delivery import DocumentDelivery
from kiosk.documents.requests import commit_certificate_request
from kiosk.seal import pki
from kiosk.seal.signer import SealConfig, Sealer
from kiosk.seal.verify import check_seal, load_roots_file
from kiosk.store.database import Store
from sync.client import BackendClient
from sync.documents import BackendDocumentSource
from sync.outbox import Outbox

KIOSK_ID = "bxl-centre-demo-a4"
SITE = "bxl-centre"


@dataclass
class KioskA4:
    """The demo kiosk's A4 printer and what its backend needs to seal certificates."""

    printer: IppEvePrinter
    backend_settings: dict[str, Any]


def start_kiosk_a4(resources: contextlib.ExitStack) -> KioskA4 | None:
    """ippeveprinter for the demo kiosk's certificate journeys, and a throwaway seal PKI
    for its backend; None (the journeys then offer no "printed here") without the tools."""
    if missing_tools():
        return None
    work = Path(resources.enter_context(tempfile.TemporaryDirectory(prefix="kiosk-a4-")))
    seal = pki.generate(work / "pki")
    printer = resources.enter_context(IppEvePrinter(work / "ippeve", name="Kiosk A4"))
    return KioskA4(printer, {
        "sealer": Sealer.from_config(SealConfig(seal.seal_key, seal.seal_cert)),
        "seal_roots_pem": seal.root_cert.read_bytes()})


@dataclass
class DocumentDemo:
    documents: list[Path] = field(default_factory=list)
    seal_root: Path | None = None
    notes: list[str] = field(default_factory=list)


def run_document_demo(out_dir: Path) -> DocumentDemo:
    """Print sealed certificates (FR and NL) into ``out_dir/documents``."""
    result = DocumentDemo()
    target = out_dir / "documents"
    target.mkdir(parents=True, exist_ok=True)
    for old in [*target.glob("*.pdf"), *target.glob("*.pem")]:
        old.unlink()
    if missing_tools():
        result.notes.append("the A4 printer was not started: "
                            f"{', '.join(missing_tools())} not installed (Debian "
                            "cups-ipp-utils, dbus-daemon); no document printed")
        return result
    with tempfile.TemporaryDirectory(prefix="kiosk-demo-a4-") as tmp:
        work = Path(tmp)
        seal = pki.generate(work / "pki")
        result.seal_root = target / "seal-root.pem"
        shutil.copy(seal.root_cert, result.seal_root)
        sealer = Sealer.from_config(SealConfig(seal.seal_key, seal.seal_cert))
        with (demo_backend(KIOSK_ID, SITE, sealer=sealer,
                           seal_roots_pem=seal.root_cert.read_bytes()) as backend,
              IppEvePrinter(work / "ippeve", name="Kiosk A4 (demo)") as printer):
            store = Store(work / "kiosk.db")
            client = BackendClient(backend.url, backend.token, 10.0)
            owner = DeviceOwner("document_printer", IppDocumentPrinter(printer.uri))
            try:
                delivery = DocumentDelivery(store, BackendDocumentSource(client, Outbox(store)),
                                            owner, print_timeout_s=60)
                ready, why = delivery.preflight()
                if not ready:
                    result.notes.append(f"the A4 printer cannot print: {why}")
                    return result
                citizen = demo_citizen("mateo").identity.national_number
                for number, (service, language) in enumerate(
                        (("cert-residence", "fr"), ("cert-household", "nl")), start=1):
                    request = commit_certificate_request(
                        store, kiosk_id=KIOSK_ID, site=SITE, service_id=service,
                        national_number=citizen, language=language,
                        reference=f"BXL-CENTRE-DEMO-{number:04d}")
                    done = delivery.deliver(request)
                    if done.outcome != "printed":
                        result.notes.append(f"{request.reference}: owed ({done.reason})")
                        continue
                    received = printer.received()[-1]
                    saved = target / f"certificate-{number:02d}-{service}-{language}.pdf"
                    shutil.copy(received, saved)
                    check = check_seal(saved.read_bytes(), load_roots_file(result.seal_root))
                    result.documents.append(saved)
                    result.notes.append(
                        f"{saved.name}: {done.pages} page(s), seal "
                        f"{'intact' if check.ok else 'BROKEN: ' + check.reason}, "
                        f"verify at /verify/{done.document_id}")
            finally:
                owner.close()
                client.close()
                store.close()
    return result
