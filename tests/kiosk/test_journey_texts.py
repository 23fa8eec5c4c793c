"""The journeys' texts: every key in FR, NL and EN, and the receipts that use them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from drivers.printer.document import QrCode, render_text
from kiosk.domain.cases import CASE_STATUSES
from kiosk.domain.journey import STEPS
from kiosk.domain.queue import QueueTicket
from kiosk.i18n import Translator
from kiosk.receipts.layout import ReceiptHeader
from kiosk.receipts.templates import AppointmentConfirmation, appointment_receipt
from kiosk.receipts.ticket import queue_ticket_receipt


def test_every_step_and_case_status_has_its_words():
    names = {n for steps in STEPS.values() for n in steps}
    names |= {"identify", "service", "details", "review", "pay", "result"}
    for language in ("fr", "nl", "en"):
        tr = Translator(language)
        for name in names:
            assert tr(f"step.{name}")
        for status in CASE_STATUSES:
            assert tr(f"case.status.{status}")


def test_the_appointment_receipt_carries_its_qr_code():
    starts = datetime(2026, 3, 2, 9, 15, tzinfo=ZoneInfo("Europe/Brussels"))
    document = appointment_receipt(
        AppointmentConfirmation(
            "Afspraak identiteitskaart", starts, "c1", "Antenne Laeken", "BXLAPPT:abc"
        ),
        ReceiptHeader("Antenne Laeken", "k1"),
        Translator("nl"),
    )
    assert QrCode("BXLAPPT:abc") in document.blocks
    text = render_text(document)
    assert "Uw afspraak" in text and "0 2 / 0 3 / 2 0 2 6   0 9 : 1 5" in text


def ticket(wait: int | None, checked: bool) -> QueueTicket:
    at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    return QueueTicket(
        "P-004",
        "population",
        "Population",
        "queue-ticket",
        "laeken",
        "Antenne Laeken",
        "k1",
        at,
        at,
        "fr",
        "r",
        "e",
        wait,
        checked,
    )


def test_the_ticket_says_the_estimate_or_that_there_is_none():
    tr = Translator("fr")
    assert "~15 min" in render_text(queue_ticket_receipt(ticket(15, True), tr))
    offline = render_text(queue_ticket_receipt(ticket(None, True), tr))
    assert "pas d'estimation" in offline
    unasked = render_text(queue_ticket_receipt(ticket(None, False), tr))
    assert "estimation" not in unasked and "Attente" not in unasked
