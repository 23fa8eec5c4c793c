"""Every event the kiosk writes is one the backend accepts: queue tickets, free
certificate requests, and paid ones with their payment — no dead letters."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import select

from drivers.payment.simulated import SimulatedCardTerminal
from drivers.printer.simulated import SimulatedReceiptPrinter
from kiosk.backend.demo_citizens import DEMO_CITIZENS
from kiosk.devices import DeviceOwner
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.certificates import CertificateService
from kiosk.domain.queue import Site
from kiosk.domain.tickets import TicketService
from kiosk.payments.delivery import certificate_delivery
from kiosk.payments.service import PaymentService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent
from tests.backend.harness import free_port, issue, threaded_backend
from tests.sync.helpers import write_config

pytestmark = pytest.mark.e2e


def test_the_backend_accepts_everything_the_kiosk_sends(tmp_path):
    port = free_port()
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    kiosk_id = "bxl-centre-07"
    catalog = demo_catalog()
    site = Site("bxl-centre", "City Hall", kiosk_id)
    with threaded_backend(db_url, port=port):
        token = issue(db_url, "device", kiosk_id, "bxl-centre")
        config = write_config(tmp_path, f"http://127.0.0.1:{port}", token, kiosk_id,
                              tmp_path / "kiosk.db")
        store = Store(tmp_path / "kiosk.db")
        printer = DeviceOwner("printer", SimulatedReceiptPrinter())
        terminal = DeviceOwner("card_terminal", SimulatedCardTerminal())
        try:
            spool = ReceiptSpool(store, printer)
            certificates = CertificateService(store, catalog, site, spool,
                                              "https://services.brussels.example/f/{reference}")
            TicketService(store, catalog, site, spool).issue("population", "nl")
            national_number = DEMO_CITIZENS[0].identity.national_number
            certificates.request(service_id="cert-birth", national_number=national_number,
                                 delivery="portal", language="fr")
            payments = PaymentService(store, spool, site, terminal, None)
            paid = payments.card.pay(300, language="en", deliver=certificate_delivery(
                certificates, catalog, service_id="cert-residence",
                national_number=national_number, delivery="post", language="en"))
            assert paid.ok, paid
            with store.read() as session:
                types = sorted(e.type for e in session.scalars(select(OutboxEvent)))
            assert types == ["certificate_request.submitted", "certificate_request.submitted",
                             "payment.completed", "queue_ticket.issued"]

            result = subprocess.run([sys.executable, "-m", "kiosk", "sync", "--config",
                                     str(config), "once", "--json"],
                                    capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, result.stderr
            report = json.loads(result.stdout)
            assert report["delivered"] == 4, report
            with store.read() as session:
                left = session.scalars(select(OutboxEvent)).all()
            assert [(e.type, e.dead_letter_reason) for e in left] == []
        finally:
            terminal.close()
            printer.close()
            store.close()
