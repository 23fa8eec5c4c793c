"""Queue tickets: numbering, what is committed, what is printed, in each language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from drivers.printer.document import document_from_dict, render_text
from drivers.printer.simulated import SimulatedReceiptPrinter
from kiosk.devices import DeviceOwner
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.queue import Site
from kiosk.domain.tickets import TicketService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.models import OutboxEvent, PrintedReceipt, RequestRow

SITE = Site("laeken", "Antenne Laeken", "bxl-laeken-01")


class Clock:
    def __init__(self) -> None:
        # 23:30 in Brussels on 21 November = 22:30 UTC
        self.now = datetime(2026, 11, 21, 22, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def printer():
    device = SimulatedReceiptPrinter()
    owner = DeviceOwner("printer", device)
    yield owner
    owner.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def tickets(store, printer, clock) -> TicketService:
    return TicketService(store, demo_catalog(), SITE, ReceiptSpool(store, printer), now=clock)


def test_numbers_run_per_desk_and_restart_each_local_day(tickets, clock):
    assert tickets.issue("population", "fr").ticket.number == "P-001"
    assert tickets.issue("population", "fr").ticket.number == "P-002"
    assert tickets.issue("civil-status", "nl").ticket.number == "C-001"
    clock.now += timedelta(minutes=45)  # 00:15 in Brussels: a new day there
    assert tickets.issue("population", "en").ticket.number == "P-001"


def test_ticket_row_event_and_receipt_are_committed_together(tickets, store):
    outcome = tickets.issue("foreigners", "nl")
    ticket = outcome.ticket
    with store.read() as session:
        request = session.get(RequestRow, ticket.request_id)
        event = session.get(OutboxEvent, ticket.event_id)
        receipt = session.scalars(select(PrintedReceipt)).one()
    assert request.kind == "queue_ticket"
    assert request.reference == "laeken-2026-11-21-F-001"
    assert event.state == "pending" and event.attempts == 0
    assert event.type == "queue_ticket.issued"
    assert event.request_id == request.id
    assert event.payload["number"] == "F-001"
    assert event.payload["day"] == "2026-11-21"
    assert receipt.request_id == request.id
    assert receipt.status == "printed" and receipt.printed_at is not None


def test_the_printed_ticket_carries_number_desk_site_and_time_in_the_language(tickets, printer):
    tickets.issue("population", "nl")
    text = printer.device.printed[-1]
    assert "P - 0 0 1" in text  # double-width number
    assert "Loket:" in text and "Bevolking" in text
    assert "Antenne Laeken" in text
    assert "21/11/2026 23:30" in text  # Brussels wall clock, not UTC
    assert "Wacht tot uw nummer wordt afgeroepen." in text
    tickets.issue("social", "en")
    english = printer.device.printed[-1]
    assert "Counter:" in english and "Social affairs" in english


def test_stored_receipt_reprints_identically(tickets, store, printer):
    tickets.issue("population", "fr")
    with store.read() as session:
        stored = session.scalars(select(PrintedReceipt)).one()
    assert render_text(document_from_dict(stored.document)) == printer.device.printed[-1]


def test_paper_out_still_commits_the_ticket_and_says_so(tickets, store, printer):
    printer.device.faults.inject("paper_out")
    outcome = tickets.issue("population", "fr")
    assert outcome.printed is False
    assert outcome.print_error == "printer out of paper"
    assert printer.device.printed == []
    with store.read() as session:
        receipt = session.scalars(select(PrintedReceipt)).one()
        assert session.get(RequestRow, outcome.ticket.request_id) is not None
        assert session.get(OutboxEvent, outcome.ticket.event_id) is not None
    assert receipt.status == "failed" and receipt.error == "printer out of paper"


def test_no_printer_configured(store, clock):
    tickets = TicketService(store, demo_catalog(), SITE, ReceiptSpool(store, None), now=clock)
    outcome = tickets.issue("social", "fr")
    assert (outcome.printed, outcome.print_error) == (False, "no printer configured")


def test_unknown_desk_is_refused_before_anything_is_written(tickets, store):
    with pytest.raises(KeyError, match="no desk 'nope'"):
        tickets.issue("nope", "fr")
    with store.read() as session:
        assert session.scalars(select(RequestRow)).all() == []
