"""A kiosk offline for a day of demo traffic syncs everything, once, when the backend
comes back; meanwhile the UI reads "offline" and gates the online-only services."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from drivers.printer.simulated import SimulatedReceiptPrinter
from kiosk.devices import DeviceOwner
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.queue import Site
from kiosk.domain.tickets import TicketService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store
from sync.status import OFFLINE_REASON, read_status, service_unavailable_reason
from tests.backend.harness import free_port, issue, threaded_backend
from tests.sync.helpers import assert_exactly_once, write_config

pytestmark = pytest.mark.e2e


def test_a_day_offline_then_everything_exactly_once(tmp_path):
    port = free_port()
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    with threaded_backend(db_url, port=port):
        pass  # schema and demo data, then the backend goes away for the day
    kiosk_id = "bxl-centre-03"
    token = issue(db_url, "device", kiosk_id, "bxl-centre")
    kiosk_db = tmp_path / "kiosk.db"
    config = write_config(tmp_path, f"http://127.0.0.1:{port}", token, kiosk_id, kiosk_db)

    store = Store(kiosk_db)
    printer = DeviceOwner("printer", SimulatedReceiptPrinter())
    clock = [datetime.now(UTC).replace(hour=7, minute=0)]
    tickets = TicketService(store, demo_catalog(), Site("bxl-centre", "City Hall", kiosk_id),
                            ReceiptSpool(store, printer), now=lambda: clock[0])
    try:
        sent = []
        for i in range(240):  # a ticket every two minutes for eight hours
            clock[0] += timedelta(minutes=2)
            sent.append(tickets.issue(("population", "civil-status")[i % 2], "fr")
                        .ticket.event_id)
        offline = subprocess.run([sys.executable, "-m", "kiosk", "sync", "--config",
                                  str(config), "once", "--json"],
                                 capture_output=True, text=True, timeout=60)
        assert offline.returncode == 1
        status = read_status(store)
        assert (status.state, status.pending) == ("offline", 240)
        assert service_unavailable_reason(demo_catalog().service("appt-id-card"),
                                          status) == OFFLINE_REASON
        with threaded_backend(db_url, port=port):
            back = subprocess.run([sys.executable, "-m", "kiosk", "sync", "--config",
                                   str(config), "once", "--json"],
                                  capture_output=True, text=True, timeout=60)
            assert back.returncode == 0, back.stderr
            assert json.loads(back.stdout)["delivered"] == 240
        assert_exactly_once(store, db_url, kiosk_id, sent)
        assert read_status(store).online
    finally:
        printer.close()
        store.close()
