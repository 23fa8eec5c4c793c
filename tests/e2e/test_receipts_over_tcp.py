"""The issue's bar: a queue ticket, a request confirmation and a payment receipt print
through the TCP printer simulator in all three languages, accents intact."""

from __future__ import annotations

import time

import pytest

from drivers.printer.document import render_text
from drivers.printer.simulator.device import SimulatedPrinterDevice
from drivers.printer.simulator.server import TcpPrinterSimulator
from drivers.registry import default_registry
from tests.kiosk.receipts.test_templates import build

EXPECTED = {
    ("ticket", "fr"): ["Ticket de file d'attente", "Émis le :"],
    ("ticket", "nl"): ["Wachtrijticket", "Uitgegeven op:"],
    ("ticket", "en"): ["Queue ticket", "Issued:"],
    ("confirmation", "fr"): ["Certificat de résidence", "réseau", "ouvrables", "Suivez"],
    ("confirmation", "nl"): ["Bevestiging van uw aanvraag", "Certificat de résidence"],
    ("confirmation", "en"): ["Confirmation of your request", "Certificat de résidence"],
    ("payment-card", "fr"): ["Reçu de paiement", "Composition de ménage", "Code d'autorisation"],
    ("payment-card", "nl"): ["Betalingsbewijs", "Autorisatiecode:", "€ \u00a0 3 , 0 0"],
    ("payment-card", "en"): ["Payment receipt", "Authorisation code:", "€ 3 . 0 0"],
}


@pytest.fixture(scope="module")
def printed():
    device = SimulatedPrinterDevice()
    with TcpPrinterSimulator(device) as simulator:
        printer = default_registry().open("printer", simulator.uri)
        try:
            for template, language in EXPECTED:
                printer.print_receipt(build(template, language))
        finally:
            printer.close()
        deadline = time.monotonic() + 10
        while len(device.receipts) < len(EXPECTED) and time.monotonic() < deadline:
            time.sleep(0.02)
    return dict(zip(EXPECTED, device.receipts, strict=True))


@pytest.mark.parametrize(("template", "language"), list(EXPECTED))
def test_printed_through_tcp(printed, template, language):
    receipt = printed[(template, language)]
    assert receipt.unknown_commands == ()
    assert receipt.text == render_text(build(template, language))
    for text in EXPECTED[(template, language)]:
        assert text in receipt.text
