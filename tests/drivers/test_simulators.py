"""The in-process simulator twins and their fault injection."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from common.eid.model import Address, EidCardData, Identity
from drivers.camera.simulated import SimulatedCamera
from drivers.cash.simulated import SimulatedCashDevice
from drivers.eid.simulated import SimulatedEidReader
from drivers.errors import DeviceError, DeviceTimeoutError, DeviceUnavailableError, DeviceUriError
from drivers.payment.simulated import SimulatedCardTerminal
from drivers.printer.document import ReceiptDocument, TextLine
from drivers.printer.simulated import SimulatedReceiptPrinter

DOC = ReceiptDocument((TextLine("Bonjour"),), width=20, title="t")


@pytest.mark.parametrize(("fault", "status", "error"), [
    ("offline", {"online": False}, "offline"),
    ("paper_out", {"paper": "out"}, "out of paper"),
    ("cover_open", {"cover_open": True}, "cover open"),
    ("jam", {"error": "paper jam"}, "paper jam"),
])
def test_printer_faults_show_in_status_and_stop_printing(fault, status, error):
    printer = SimulatedReceiptPrinter([fault])
    current = printer.status()
    for key, value in status.items():
        assert getattr(current, key) == value
    assert not current.can_print
    with pytest.raises(DeviceError, match=error):
        printer.print_receipt(DOC)
    assert printer.printed == []
    printer.faults.clear()
    printer.print_receipt(DOC)
    assert printer.printed == [render := printer.printed[0]] and "Bonjour" in render


def test_printer_near_end_still_prints_and_reports_it():
    seen = []
    printer = SimulatedReceiptPrinter(["near_end"], on_print=lambda d, t: seen.append(t))
    assert printer.status().paper == "near_end" and printer.status().can_print
    printer.print_receipt(DOC)
    assert seen == printer.printed


def test_unknown_fault_is_refused():
    with pytest.raises(DeviceUriError, match="unknown fault 'smoke'"):
        SimulatedReceiptPrinter().faults.inject("smoke")


def card() -> EidCardData:
    return EidCardData(
        Identity("1", "2", "S", "F", "Belge", "X", date(2000, 1, 1), "M", "1", "X",
                 date(2020, 1, 1), date(2030, 1, 1)),
        Address("s", "1000", "Bruxelles"), b"")


def test_eid_reader_events_and_faults():
    reader = SimulatedEidReader(slow_seconds=0.01)
    assert reader.wait_for_event(0.01) is None
    assert not reader.card_present()
    with pytest.raises(DeviceError, match="no card"):
        reader.read_card()
    reader.insert(card())
    assert reader.wait_for_event(1).kind == "inserted"
    assert reader.read_card().address.zip == "1000"
    reader.faults.inject("unreadable")
    with pytest.raises(DeviceError, match="unreadable"):
        reader.read_card()
    reader.remove()
    assert reader.wait_for_event(1).kind == "removed"
    reader.faults.inject("unplugged")
    with pytest.raises(DeviceUnavailableError):
        reader.card_present()


def test_card_terminal_approves_declines_and_times_out():
    terminal = SimulatedCardTerminal()
    prompts: list[str] = []
    result = terminal.authorise(300, prompts.append)
    assert result.approved and result.amount_cents == 300 and result.trace == "000001"
    assert prompts == ["insert_card", "enter_pin", "processing"]
    assert "6703" not in repr(result)  # the masked PAN stays out of repr too
    terminal.faults.inject("decline")
    declined = terminal.authorise(300)
    assert not declined.approved and declined.reason == "declined by issuer"
    terminal.faults.clear()
    terminal.faults.inject("timeout")
    with pytest.raises(DeviceTimeoutError):
        terminal.authorise(300)
    terminal.faults.clear()
    terminal.reverse("000001")
    assert terminal.reversed == ["000001"]
    with pytest.raises(ValueError, match="positive"):
        terminal.authorise(0)


def test_cash_device_credits_rejects_and_pays_out_from_levels():
    cash = SimulatedCashDevice(levels={200: 1, 100: 2})
    cash.insert(500)  # not enabled yet
    cash.enable(frozenset({500, 1000}))
    cash.insert(500)
    cash.insert(5000)
    assert [(e.kind, e.value_cents) for e in cash.poll()] == [
        ("rejected", 500), ("credit", 500), ("rejected", 5000)]
    assert cash.levels()[500] == 1
    assert cash.payout(350) == 300  # 200 + 100: no 50-cent coins to finish
    assert cash.levels() == {200: 0, 100: 1, 500: 1}
    cash.faults.inject("jam")
    cash.insert(1000)
    assert cash.poll()[-1].kind == "jam"
    with pytest.raises(DeviceError, match="jammed"):
        cash.payout(100)


def test_camera_returns_codes_of_the_asked_formats():
    camera = SimulatedCamera()
    assert camera.read_code(0.01) is None
    camera.show("BXL-2026-000123", "QR")
    assert camera.read_code(1, frozenset({"QR"})).text == "BXL-2026-000123"
    camera.show("5410000000000", "EAN13")
    assert camera.read_code(1, frozenset({"QR"})) is None
    camera.faults.inject("unplugged")
    with pytest.raises(DeviceUnavailableError):
        camera.read_code(0.01)


def test_fault_set_is_safe_across_threads():
    printer = SimulatedReceiptPrinter()
    threads = [threading.Thread(target=lambda: [printer.faults.inject("near_end"),
                                                printer.faults.clear("near_end")] * 100)
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert "near_end" not in printer.faults
