"""The ESC/POS driver against the printer simulator over real TCP and a real pty."""

from __future__ import annotations

import time

import pytest

from drivers.errors import DeviceError, DeviceUnavailableError, DeviceUriError
from drivers.printer.document import (
    Barcode,
    Feed,
    QrCode,
    ReceiptDocument,
    Rule,
    TextLine,
    render_text,
)
from drivers.printer.simulator.parser import EscPosParser
from drivers.registry import default_registry
from tests.drivers.printer.conftest import driver_for

DOC = ReceiptDocument((
    TextLine("Ville de Bruxelles", align="center", bold=True),
    Rule(),
    TextLine("P-001", align="center", bold=True, double=True),
    TextLine("Émis le: 22/11/2026 — œuvre à 3 €"),
    TextLine("Wacht tot uw nummer wordt afgeroepen, alstublieft dank u wel"),
    TextLine(""),
    QrCode("https://e-services.brussels/c/BXL-2026-000123"),
    Barcode("LIB-0001"),
    Feed(2),
), width=42)


def wait_for(predicate, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_receipt_comes_out_exactly_as_laid_out(simulator, sim_device):
    printer = driver_for(simulator.uri)
    try:
        printer.print_receipt(DOC)
        wait_for(lambda: sim_device.receipts)
    finally:
        printer.close()
    receipt = sim_device.receipts[0]
    assert receipt.unknown_commands == ()
    assert receipt.text == render_text(DOC)
    assert "Émis le: 22/11/2026 - oeuvre à 3 €" in receipt.text  # CP858 + fallbacks
    assert receipt.png.startswith(b"\x89PNG")


@pytest.mark.parametrize(("fault", "expected"), [
    ((), {"online": True, "paper": "ok", "cover_open": False}),
    (("near_end",), {"online": True, "paper": "near_end", "cover_open": False}),
    (("paper_out",), {"online": False, "paper": "out", "cover_open": False}),
    (("cover_open",), {"online": False, "paper": "ok", "cover_open": True}),
    (("offline",), {"online": False, "paper": "ok", "cover_open": False}),
    (("jam",), {"online": True, "paper": "ok", "error": "printer error"}),
])
def test_status_under_each_fault(simulator, sim_device, fault, expected):
    for name in fault:
        sim_device.faults.inject(name)
    printer = driver_for(simulator.uri)
    try:
        status = printer.status()
    finally:
        printer.close()
    for key, value in expected.items():
        assert getattr(status, key) == value, (key, status)


@pytest.mark.parametrize(("fault", "reason"), [
    ("paper_out", "printer out of paper"),
    ("cover_open", "printer cover open"),
    ("offline", "printer offline"),
    ("jam", "printer error"),
])
def test_nothing_is_sent_to_a_printer_that_cannot_print(tcp_simulator, sim_device, fault,
                                                       reason):
    sim_device.faults.inject(fault)
    printer = driver_for(tcp_simulator.uri)
    try:
        with pytest.raises(DeviceError, match=reason):
            printer.print_receipt(DOC)
        sim_device.faults.clear()
        printer.print_receipt(DOC)  # and it recovers once the fault is gone
        wait_for(lambda: len(sim_device.receipts) == 1)
    finally:
        printer.close()
    assert sim_device.dropped == 0


def test_a_printer_that_never_answers_is_reported_within_the_timeout(tcp_simulator,
                                                                    sim_device):
    sim_device.faults.inject("silent")
    printer = driver_for(tcp_simulator.uri, status_timeout_s=0.5)
    try:
        started = time.monotonic()
        status = printer.status()
        elapsed = time.monotonic() - started
        with pytest.raises(DeviceUnavailableError, match="does not answer"):
            printer.print_receipt(DOC)
        sim_device.faults.clear()
        assert printer.status().online  # a fresh connection after the timeout
    finally:
        printer.close()
    assert (status.online, status.error) == (False, "printer does not answer status queries")
    assert elapsed < 2.0


def test_an_unreachable_printer_is_reported_not_raised():
    printer = driver_for("escpos+tcp://127.0.0.1:9")  # discard port: nobody listens
    status = printer.status()
    assert not status.online and "unreachable" in status.error
    with pytest.raises(DeviceUnavailableError, match="unreachable"):
        printer.print_receipt(DOC)


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(DeviceUriError, match="unknown printer profile 'TM-NOPE'"):
        default_registry().open("printer", "escpos+tcp://127.0.0.1:9100?profile=TM-NOPE")


def test_profile_sets_the_line_width():
    registry = default_registry()
    assert registry.open("printer", "escpos+tcp://127.0.0.1:9?profile=ZJ-5870").columns == 32
    assert registry.open("printer", "escpos+tcp://127.0.0.1:9").columns == 42


def test_the_parser_waits_for_commands_cut_in_half_and_flags_unknown_ones():
    answers = []
    receipts = []
    parser = EscPosParser(20, lambda n: answers.append(n) or b"\x12", receipts.append)
    stream = b"\x1b@\x1bt\x13" + "été".encode("cp858") + b"\n\x10\x04\x04\x1b\x99\x1dVB\x00"
    replies = b"".join(parser.feed(stream[i:i + 1]) for i in range(len(stream)))
    assert replies == b"\x12" and answers == [4]
    assert receipts[0].text().splitlines()[0] == "été"
    assert parser.unknown == ["offset 12: unknown command 1b 99"]
