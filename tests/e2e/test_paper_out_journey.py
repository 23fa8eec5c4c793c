"""A citizen's ticket journey meets an empty printer over the real ESC/POS path:
the journey completes, the request is stored, the receipt is owed, and it prints
once paper is back."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from drivers.printer.simulator.device import SimulatedPrinterDevice
from drivers.printer.simulator.server import TcpPrinterSimulator
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.services import build_services
from kiosk.store.models import OutboxEvent, RequestRow
from tests.ui.harness import screen_of
from ui.app import start_ui
from ui.scripted import find_item, tap, wait_until


def test_paper_out_then_reprint(qapp, tmp_path, registry):
    device = SimulatedPrinterDevice()
    with TcpPrinterSimulator(device) as simulator:
        config = config_from_mapping({
            "store": {"path": str(tmp_path / "kiosk.db")},
            "devices": {"printer": simulator.uri},
        }, registry)
        core = build_journey_core(config)
        ui = start_ui(qapp, core, 540, 960, False,
                      lambda: build_services(config, registry, core.catalog))
        try:
            wait_until(lambda: ui.services is not None, 15, "the kiosk's services")
            device.faults.inject("paper_out")
            ui.services.printer_monitor.poll_once()
            tap(ui.window, "startButton")
            tap(ui.window, "language_en")
            tap(ui.window, "skipIdentification")
            tap(ui.window, "service_queue-ticket")
            # Told before the ticket, not at the end (issue 24, defect 2).
            wait_until(lambda: find_item(ui.window, "ticketPaperNotice") is not None, 5,
                       "the no-paper notice on the counter choice")
            assert "remember" in find_item(ui.window, "ticketPaperNotice").property("text")
            tap(ui.window, "desk_foreigners")
            wait_until(lambda: screen_of(ui, "done"), 15, "the done screen")
            assert find_item(ui.window, "printMessage").property("text") == (
                "The ticket could not be printed. Please remember your number.")
            services = ui.services
            with services.store.read() as session:
                assert session.scalar(select(func.count()).select_from(RequestRow)) == 1
                assert session.scalar(select(func.count()).select_from(OutboxEvent)) == 1
            [owed] = services.spool.owed()
            assert owed.error == "printer out of paper"
            assert device.receipts == []  # nothing was sent to the empty printer

            device.faults.clear()
            assert [o.printed for o in services.spool.reprint_by_reference(owed.reference)] == [
                True]
            deadline = time.monotonic() + 5
            while not device.receipts and time.monotonic() < deadline:
                time.sleep(0.02)
            assert "F - 0 0 1" in device.receipts[0].text
            assert services.spool.owed() == []
        finally:
            ui.close()
