"""The printer monitor polls on its own thread and reports changes only."""

from __future__ import annotations

import threading

from drivers.printer.interface import PrinterStatus
from drivers.printer.simulated import SimulatedReceiptPrinter
from kiosk.devices import DeviceOwner
from kiosk.domain.availability import Availability, DeviceState
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.fulfilment import Fulfilment
from kiosk.printing.monitor import PrinterMonitor


def test_changes_are_published_from_the_monitor_thread():
    printer = SimulatedReceiptPrinter()
    owner = DeviceOwner("printer", printer)
    monitor = PrinterMonitor(owner, interval_s=0.02)
    seen: list[tuple[str, str]] = []
    changed = threading.Event()

    def listener(status):
        seen.append((status.paper, threading.current_thread().name))
        changed.set()

    monitor.subscribe(listener)
    monitor.start()
    try:
        assert changed.wait(5)
        changed.clear()
        printer.faults.inject("paper_out")
        assert changed.wait(5)
    finally:
        monitor.stop()
        owner.close()
    assert [paper for paper, _ in seen] == ["ok", "out"]  # no repeats of an unchanged state
    assert {thread for _, thread in seen} == {"printer-monitor"}
    assert monitor.latest.paper == "out"


def test_availability_gates_paid_services_on_the_printer():
    catalog = demo_catalog()
    devices = DeviceState()
    availability = Availability(Fulfilment({"certificate": lambda lang, d: {},
                                            "queue_ticket": lambda lang, d: {}}), devices)
    paid, free = catalog.service("cert-residence"), catalog.service("queue-ticket")
    assert availability.reason(paid) == "payment_unavailable"  # nothing takes money yet
    devices.set_payment_methods(frozenset({"card"}))
    assert availability.reason(paid) == ""  # not polled yet: the job checks again itself
    devices.set_printer(PrinterStatus(online=False, paper="out"))
    assert (availability.reason(paid), availability.reason(free)) == ("no_paper", "")
    devices.set_printer(PrinterStatus(online=True, cover_open=True))
    assert availability.reason(paid) == "printer_unavailable"
    devices.set_printer(None, configured=False)
    assert availability.reason(paid) == "printer_unavailable"
    devices.set_printer(PrinterStatus(online=True, paper="near_end"))
    assert availability.reason(paid) == ""


def test_online_only_services_follow_the_platform():
    catalog = demo_catalog()
    devices = DeviceState()
    availability = Availability(Fulfilment({"appointment": lambda lang, d: {},
                                            "queue_ticket": lambda lang, d: {}}), devices)
    booking, ticket = catalog.service("appt-id-card"), catalog.service("queue-ticket")
    assert (availability.reason(booking), availability.reason(ticket)) == (
        "backend_offline", "")  # a ticket queues offline; a booking cannot
    devices.set_platform_online(True)
    assert availability.reason(booking) == ""
