""""Printed here" is offered only for a certificate the catalog says the register issues
at once: for any other the kiosk never asks the A4 printer and never promises a print
(the citizen would learn only after paying that it is owed on the portal)."""

from __future__ import annotations

import dataclasses
import time

import pytest
from PySide6.QtCore import QThreadPool

from drivers.docprinter.ipp.printer import IppDocumentPrinter
from kiosk.devices import DeviceOwner
from kiosk.documents.delivery import DocumentDelivery
from kiosk.domain.catalog import Catalog, demo_catalog
from kiosk.domain.journey import Journey, State, Timeouts
from kiosk.store.database import Store
from sync.client import BackendClient
from sync.documents import BackendDocumentSource
from sync.outbox import Outbox
from tests.kiosk.test_journey import a_card
from ui.operations import BackgroundRunner
from ui.scripted import wait_until
from ui.viewmodels.document import DocumentViewModel


def portal_only(service_id: str) -> Catalog:
    """The demo catalog with ``service_id`` no longer issued at once."""
    catalog = demo_catalog()
    return dataclasses.replace(catalog, services=tuple(
        dataclasses.replace(s, issued_at_once=False) if s.id == service_id else s
        for s in catalog.services))


@pytest.fixture
def delivery(tmp_path):
    """A real A4 delivery whose printer and backend are unreachable (ports nobody
    listens on): asking the printer answers "offline", which shows it was asked."""
    store = Store(tmp_path / "kiosk.db")
    client = BackendClient("http://127.0.0.1:9", "token", 2.0)
    owner = DeviceOwner("document_printer", IppDocumentPrinter("ipp://127.0.0.1:9/ipp/print"))
    try:
        yield DocumentDelivery(store, BackendDocumentSource(client, Outbox(store)), owner,
                               call_timeout_s=5.0)
    finally:
        owner.close()
        client.close()
        store.close()


def at_the_pay_screen(qapp, catalog: Catalog, delivery: DocumentDelivery,
                      service_id: str) -> tuple[Journey, DocumentViewModel]:
    journey = Journey(catalog, time.monotonic, Timeouts(inactivity_s=60, done_s=15),
                      is_available=lambda service: "")
    model = DocumentViewModel(journey, BackgroundRunner(QThreadPool.globalInstance()))
    model.set_delivery(delivery)
    journey.start()
    journey.choose_language("fr")
    journey.identified(a_card())
    journey.choose_service(service_id)
    journey.confirm_details(journey.requester_details())
    assert journey.state is State.PAY
    return journey, model


def test_a_certificate_issued_at_once_asks_the_printer_before_offering(qapp, delivery):
    _, model = at_the_pay_screen(qapp, demo_catalog(), delivery, "cert-residence")
    assert model.property("offered") is True
    model.check()
    wait_until(lambda: model.property("printState") == "unavailable", 15, "the printer's answer")
    assert "imprimante hors service" in model.property("unavailableText")  # said before paying


def test_a_certificate_not_issued_at_once_is_never_offered_printed_here(qapp, delivery):
    _, model = at_the_pay_screen(qapp, portal_only("cert-residence"), delivery,
                                 "cert-residence")
    assert model.prints_documents() is True  # the kiosk has an A4 printer…
    assert model.property("offered") is False  # …but not for this certificate
    model.check()
    assert model.property("printState") == ""  # the printer is not even asked
    assert model.property("unavailableText") == ""
    # The print after paying is not attempted either: it goes by portal or post.
    assert model.print_here({"kind": "certificate", "request_id": "r"}, lambda _: None) is False
