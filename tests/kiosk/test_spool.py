"""Durable receipts: stored before printing, owed when printing fails, reprintable."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

from drivers.printer.document import ReceiptDocument, TextLine
from drivers.printer.simulated import SimulatedReceiptPrinter
from kiosk.cli import build_parser
from kiosk.devices import DeviceOwner
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.queue import Site
from kiosk.domain.tickets import TicketService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.models import PrintedReceipt

DOC = ReceiptDocument((TextLine("Bonjour"),), width=42, title="t")


@pytest.fixture
def printer():
    owner = DeviceOwner("printer", SimulatedReceiptPrinter(columns=32))
    yield owner
    owner.close()


def test_a_failed_receipt_is_owed_and_reprinted_when_paper_is_back(store, printer):
    spool = ReceiptSpool(store, printer)
    tickets = TicketService(store, demo_catalog(), Site("laeken", "Laeken", "k1"), spool)
    printer.device.faults.inject("paper_out")
    outcome = tickets.issue("population", "nl")
    assert not outcome.printed
    owed = spool.owed()
    assert [(o.kind, o.language, o.attempts, o.error) for o in owed] == [
        ("queue_ticket", "nl", 1, "printer out of paper")]
    reference = owed[0].reference
    assert reference is not None and reference.endswith("-P-001")

    with pytest.raises(KeyError, match="no receipt for reference"):
        spool.reprint_by_reference("nope")
    still_out = spool.reprint_by_reference(reference)
    assert [o.printed for o in still_out] == [False]
    assert spool.owed()[0].attempts == 2

    printer.device.faults.clear()
    assert [o.printed for o in spool.reprint_by_reference(reference)] == [True]
    assert spool.owed() == []
    assert "P - 0 0 1" in printer.device.printed[-1]


def test_receipts_are_laid_out_for_the_printers_width(store, printer):
    spool = ReceiptSpool(store, printer)
    tickets = TicketService(store, demo_catalog(), Site("laeken", "Laeken", "k1"), spool)
    tickets.issue("social", "fr")
    lines = printer.device.printed[-1].splitlines()
    assert spool.columns == 32
    assert max(len(line) for line in lines) <= 32


def test_submit_stores_then_prints_and_reprint_by_id(store, printer):
    spool = ReceiptSpool(store, printer)
    outcome = spool.submit(kind="test_page", language="en", document=DOC)
    assert outcome.printed
    again = spool.print(outcome.receipt_id)
    assert again.printed and len(printer.device.printed) == 2
    with pytest.raises(KeyError, match="no stored receipt"):
        spool.print("missing")


def test_without_a_printer_everything_is_owed(store, tmp_path, capsys, monkeypatch):
    spool = ReceiptSpool(store, None)
    outcome = spool.submit(kind="test_page", language="en", document=DOC)
    assert (outcome.printed, outcome.error) == (False, "no printer configured")
    assert len(spool.owed()) == 1
    # `kiosk receipts owed` lists it in Brussels time: 22:06 UTC in July is 00:06 there.
    with store.write() as session:
        row = session.get(PrintedReceipt, outcome.receipt_id)
        row.created_at = datetime(2026, 7, 6, 22, 6, tzinfo=UTC)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[store]\npath = "{store.path}"\n')
    for name in [k for k in os.environ if k.startswith("KIOSK_")]:
        monkeypatch.delenv(name)
    args = build_parser().parse_args(["receipts", "--config", str(config), "owed"])
    assert args.handler(args) == 0
    assert f"{outcome.receipt_id}  2026-07-07 00:06  test_page" in capsys.readouterr().out
