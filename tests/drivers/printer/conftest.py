"""Printer simulators on real TCP sockets and ptys, stopped after each test."""

from __future__ import annotations

import pytest

from drivers.printer.escpos_driver import EscposReceiptPrinter
from drivers.printer.simulator.device import SimulatedPrinterDevice
from drivers.printer.simulator.server import PtyPrinterSimulator, TcpPrinterSimulator
from drivers.printer.transports import connection_for
from drivers.uri import parse_device_uri


@pytest.fixture
def sim_device() -> SimulatedPrinterDevice:
    return SimulatedPrinterDevice(columns=42, width_px=512)


@pytest.fixture(params=["tcp", "pty"])
def simulator(request, sim_device):
    cls = TcpPrinterSimulator if request.param == "tcp" else PtyPrinterSimulator
    sim = cls(sim_device).start()
    yield sim
    sim.stop()


@pytest.fixture
def tcp_simulator(sim_device):
    with TcpPrinterSimulator(sim_device) as sim:
        yield sim


def driver_for(uri: str, status_timeout_s: float = 1.0) -> EscposReceiptPrinter:
    return EscposReceiptPrinter(connection_for(parse_device_uri(uri), timeout_s=2.0),
                                status_timeout_s=status_timeout_s)
