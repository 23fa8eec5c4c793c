"""Every receipt template: exact ESC/POS bytes (python-escpos Dummy) and the printer
simulator's rendering, in French, Dutch and English.

The golden byte files were produced by this code and checked by eye through the
simulator's text and PNG; regenerate them with UPDATE_GOLDEN=1 after an intended
layout change.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from escpos.printer import Dummy

from drivers.printer.document import ReceiptDocument, render_text
from drivers.printer.escpos_writer import write_document
from drivers.printer.logo import draw_city_logo
from drivers.printer.simulator.parser import EscPosParser
from kiosk.domain.queue import QueueTicket
from kiosk.i18n import Translator
from kiosk.receipts.layout import ReceiptHeader
from kiosk.receipts.templates import (
    CardPayment,
    CashPayment,
    LibrarySlip,
    PaymentReceipt,
    RequestConfirmation,
    TechnicianPage,
    library_slip,
    payment_receipt,
    request_confirmation_receipt,
    technician_test_page,
)
from kiosk.receipts.ticket import queue_ticket_receipt
from kiosk.selftest import Outcome, page_states

GOLDEN = Path(__file__).with_name("golden")
HEADER = ReceiptHeader("Antenne Laeken", "bxl-laeken-01")
WHEN = datetime(2026, 11, 22, 14, 5)
TICKET = QueueTicket("P-007", "population", "Population", "queue-ticket", "laeken",
                     "Antenne Laeken", "bxl-laeken-01", WHEN, WHEN, "fr", "r", "e")


def build(template: str, language: str) -> ReceiptDocument:
    tr = Translator(language)
    if template == "ticket":
        return queue_ticket_receipt(TICKET, tr)
    if template == "confirmation":
        return request_confirmation_receipt(RequestConfirmation(
            "BXL-2026-000123", "Certificat de résidence", WHEN, "portal",
            "https://e-services.brussels/c/BXL-2026-000123", queued_offline=True), HEADER, tr)
    if template == "payment-card":
        return payment_receipt(PaymentReceipt(
            "BXL-2026-000123", "Composition de ménage", 300, WHEN,
            CardPayment("6703 XXXX XXXX XXX1 234", "Bancontact", "52501234", "A1B2C3",
                        "000042")), HEADER, tr)
    if template == "payment-cash":
        return payment_receipt(PaymentReceipt(
            "BXL-2026-000124", "Certificat de nationalité belge", 300, WHEN,
            CashPayment(inserted_cents=1000, change_cents=500, owed_cents=200)), HEADER, tr)
    if template == "library":
        return library_slip(LibrarySlip(
            "••••4821", [("Le Petit Prince", date(2026, 12, 13)),
                         ("De Avonden", date(2026, 12, 13))],
            ["Tintin au Tibet"], 150, WHEN), HEADER, tr)
    # The states as the self-test words them (kiosk/selftest.py), in the page's language;
    # the terminal's own error words stay as it said them.
    states = page_states({
        "printer": Outcome("device.state.ok"),
        "eid_reader": Outcome("selftest.reader.empty"),
        "card_terminal": Outcome("selftest.offline", detail="no link"),
        "cash": Outcome("selftest.cash.online", {"n": 6, "amount": 125050}),
    }, tr)
    return technician_test_page(TechnicianPage("bxl-laeken-01", "Antenne Laeken", "0.1.0",
                                               states, WHEN), HEADER, tr)


TEMPLATES = ["ticket", "confirmation", "payment-card", "payment-cash", "library", "test-page"]
CASES = [(t, lang) for t in TEMPLATES for lang in ("fr", "nl", "en")]


def escpos_bytes(document: ReceiptDocument, logo=None) -> bytes:
    printer = Dummy(profile="TM-T88V")
    write_document(printer, document, logo)
    return printer.output


@pytest.mark.parametrize(("template", "language"), CASES)
def test_exact_bytes(template, language):
    output = escpos_bytes(build(template, language))
    golden = GOLDEN / f"{template}-{language}.bin"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(output)
    assert output == golden.read_bytes()
    assert output.startswith(b"\x1b@\x1bt\x13")  # initialise, CP858
    assert output.endswith(b"\x1dVB\x00")  # feed to the cutter and cut


@pytest.mark.parametrize(("template", "language"), CASES)
def test_the_simulator_renders_what_the_layout_says(template, language):
    document = build(template, language)
    receipts = []
    parser = EscPosParser(document.width, lambda n: None, receipts.append)
    parser.feed(escpos_bytes(document, logo=draw_city_logo(384)))
    assert parser.unknown == []
    assert len(receipts) == 1
    assert receipts[0].text() == render_text(document)


def test_accents_are_printed_in_cp858():
    output = escpos_bytes(build("confirmation", "fr"))
    assert "Certificat de résidence".encode("cp858") in output
    assert b"\xe9" not in output  # é is 0x82 in CP858, never Latin-1's 0xe9
    nl = escpos_bytes(build("payment-cash", "nl"))
    assert "€\u00a02,00".encode("cp858") in nl and b"\xd5" in nl  # the euro sign


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_texts_follow_the_language(language):
    text = render_text(build("payment-card", language))
    expected = {"fr": "Reçu de paiement", "nl": "Betalingsbewijs", "en": "Payment receipt"}
    assert expected[language] in text
    assert "6703 XXXX XXXX XXX1 234" in text and "A1B2C3" in text and "000042" in text


def test_cash_receipt_records_what_is_owed_with_a_voucher_code():
    text = render_text(build("payment-cash", "en"))
    assert "Cash inserted:" in text and "€10.00" in text
    assert "Change given:" in text and "€5.00" in text
    assert "Still owed by the City:" in text and "€2.00" in text
    assert "[CODE128: BXL-2026-000124]" in text


def test_the_logo_is_sent_as_a_raster_image():
    output = escpos_bytes(build("ticket", "fr"), logo=draw_city_logo(384))
    assert b"\x1dv0\x00" in output


def test_58mm_paper_gets_a_narrower_layout():
    document = queue_ticket_receipt(TICKET, Translator("fr"), width=32)
    assert all(len(line) <= 32 for line in render_text(document).splitlines())


CARD = CardPayment("6703 XXXX XXXX XXX1 234", "Bancontact", "52501234", "A1B2C3", "000123")


def test_every_receipt_prints_brussels_time_whatever_zone_it_is_given():
    # 22:06 UTC on a December evening is 23:06 in Brussels (issue 24, defect 9).
    utc = datetime(2026, 12, 6, 22, 6, tzinfo=UTC)
    page = render_text(technician_test_page(
        TechnicianPage("k1", "Antenne Laeken", "0.1.0", {"printer": "ok"}, utc),
        HEADER, Translator("en")))
    paid = render_text(payment_receipt(PaymentReceipt(
        "BXL-2026-000124", "Certificate", 300, utc, CARD),
        HEADER, Translator("fr")))
    for text in (page, paid):
        assert "06/12/2026 23:06" in text and "22:06" not in text


def test_a_reference_too_long_for_double_width_stays_on_one_line():
    # The confirmation's headline: 24 characters, and double width fits 21 on 42 columns
    # (issue 24, defect 6: "BXL-CENTRE-20261206-0" / "002").
    reference = "BXL-CENTRE-20261206-0002"
    text = render_text(request_confirmation_receipt(RequestConfirmation(
        reference, "Certificat", WHEN, "portal", "https://example.invalid/x"),
        HEADER, Translator("nl")))
    assert any(line.strip() == reference for line in text.splitlines()), text
    short = render_text(request_confirmation_receipt(RequestConfirmation(
        "BXL-2026-000124", "Certificat", WHEN, "portal", "https://example.invalid/x"),
        HEADER, Translator("nl")))
    assert "B X L - 2 0 2 6 - 0 0 0 1 2 4" in short  # short enough: still double width


def test_the_test_page_names_devices_in_its_language_not_by_config_key():
    text = render_text(build("test-page", "nl"))
    assert "eID-kaartlezer:" in text and "Bonnenprinter:" in text
    assert "eid_reader" not in text and "\nprinter:" not in text
    # a state the catalog does not have (a self-test's own words) is printed as it is
    page = render_text(technician_test_page(
        TechnicianPage("k1", "Antenne Laeken", "0.1.0", {"cash": "online, 6 denominations"},
                       WHEN), HEADER, Translator("fr")))
    assert "Monnayeur :" in page and "online, 6 denominations" in " ".join(page.split())


def test_field_labels_take_the_colon_as_each_language_writes_it():
    """French puts a space before the colon, Dutch and English do not (issue 24, defect 10)."""
    lines = {lang: render_text(build("payment-card", lang)).splitlines()
             for lang in ("fr", "nl", "en")}
    assert any(line.startswith("Terminal :") for line in lines["fr"])
    for lang in ("nl", "en"):
        assert any(line.startswith("Terminal:") for line in lines[lang]), lang
        assert not any(" :" in line for line in lines[lang]), lang
