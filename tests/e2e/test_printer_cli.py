"""``kiosk device printer …`` and ``kiosk receipts …`` as a technician runs them,
against the printer simulator on a real TCP socket."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from drivers.printer.simulator.device import SimulatedPrinterDevice
from drivers.printer.simulator.server import TcpPrinterSimulator
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.queue import Site
from kiosk.domain.tickets import TicketService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store


@pytest.fixture
def printer():
    device = SimulatedPrinterDevice()
    with TcpPrinterSimulator(device) as simulator:
        yield device, simulator


def kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, timeout=60, env=environment)


@pytest.mark.parametrize(("fault", "expected", "code"), [
    (None, {"online": True, "paper": "ok", "cover_open": False}, 0),
    ("near_end", {"online": True, "paper": "near_end", "cover_open": False}, 0),
    ("paper_out", {"online": False, "paper": "out", "cover_open": False}, 1),
    ("cover_open", {"online": False, "paper": "ok", "cover_open": True}, 1),
])
def test_status_json(printer, fault, expected, code):
    device, simulator = printer
    if fault:
        device.faults.inject(fault)
    result = kiosk("device", "printer", "status", "--uri", simulator.uri, "--json")
    assert result.returncode == code, result.stderr
    assert json.loads(result.stdout) == expected


def test_status_of_an_unreachable_printer_is_json_too():
    result = kiosk("device", "printer", "status", "--uri", "escpos+tcp://127.0.0.1:9", "--json")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["online"] is False and "unreachable" in report["error"]


def test_test_page_in_dutch_with_the_kiosk_identity(printer, tmp_path):
    device, simulator = printer
    config = tmp_path / "kiosk.toml"
    config.write_text('[kiosk]\nid = "bxl-haren-02"\nsite = "haren"\nsite_name = "Haren"\n',
                      encoding="utf-8")
    result = kiosk("device", "printer", "test", "--uri", simulator.uri, "--config",
                   str(config), "--language", "nl")
    assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 5
    while not device.receipts and time.monotonic() < deadline:
        time.sleep(0.02)
    text = device.receipts[0].text
    assert "Testpagina" in text and "bxl-haren-02" in text and "Haren" in text
    assert "àâçéèêëîïôùûü ÀÉÈÇ € äöü ñ" in text
    assert device.receipts[0].unknown_commands == ()


def test_test_page_on_a_printer_without_paper_fails_clearly(printer):
    device, simulator = printer
    device.faults.inject("paper_out")
    result = kiosk("device", "printer", "test", "--uri", simulator.uri)
    assert result.returncode == 1
    assert "test page not printed: printer out of paper" in result.stderr
    assert "Traceback" not in result.stderr


def test_owed_receipts_are_listed_and_reprinted_by_reference(printer, tmp_path):
    device, simulator = printer
    db = tmp_path / "kiosk.db"
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[store]\npath = "{db}"\n[devices]\nprinter = "{simulator.uri}"\n',
                      encoding="utf-8")
    store = Store(db)
    try:
        # A ticket issued while the printer had no paper: committed, receipt owed.
        tickets = TicketService(store, demo_catalog(), Site("laeken", "Laeken", "k1"),
                                ReceiptSpool(store, None))
        reference = f"laeken-{tickets.issue('population', 'fr').ticket.issued_local.date()}-P-001"
    finally:
        store.close()
    owed = kiosk("receipts", "--config", str(config), "owed", "--json")
    assert owed.returncode == 0, owed.stderr
    [entry] = json.loads(owed.stdout)
    assert entry["reference"] == reference and entry["kind"] == "queue_ticket"

    reprint = kiosk("receipts", "--config", str(config), "reprint", "--reference", reference)
    assert reprint.returncode == 0, reprint.stderr
    assert "printed" in reprint.stdout
    deadline = time.monotonic() + 5
    while not device.receipts and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "P - 0 0 1" in device.receipts[0].text
    assert json.loads(kiosk("receipts", "--config", str(config), "owed", "--json").stdout) == []
    missing = kiosk("receipts", "--config", str(config), "reprint", "--reference", "nope")
    assert missing.returncode == 2 and "no receipt for reference 'nope'" in missing.stderr
