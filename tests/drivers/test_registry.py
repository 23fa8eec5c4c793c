"""The device registry: URIs to drivers, spelled out, with clear refusals."""

from __future__ import annotations

import pytest

from drivers.camera.simulated import SimulatedCamera
from drivers.cash.simulated import SimulatedCashDevice
from drivers.eid.simulated import SimulatedEidReader
from drivers.errors import DeviceUnavailableError, DeviceUriError
from drivers.payment.simulated import SimulatedCardTerminal
from drivers.printer.simulated import SimulatedReceiptPrinter
from drivers.registry import DeviceRegistry, DriverSpec
from drivers.uri import parse_device_uri

GOOD = [
    ("eid_reader", "pcsc://"),
    ("eid_reader", "pcsc://?reader=ACS*"),
    ("printer", "escpos+tcp://127.0.0.1:9100"),
    ("printer", "escpos+tcp://printer.local"),
    ("printer", "escpos+usb://04b8:0e28"),
    ("printer", "escpos+serial:///dev/ttyS0?baud=38400"),
    ("card_terminal", "zvt+tcp://127.0.0.1:20007"),
    ("card_terminal", "zvt+serial:///dev/ttyUSB0"),
    ("cash", "essp+serial:///dev/ttyACM0"),
    ("camera", "v4l2:///dev/video0"),
    ("printer", "sim://printer?fault=paper_out,cover_open"),
]


@pytest.mark.parametrize(("kind", "uri"), GOOD)
def test_known_uris_validate(registry, kind, uri):
    assert registry.validate(kind, uri).text == uri


BAD = [
    ("printer", "", "empty device URI"),
    ("printer", "usb", "not a device URI"),
    ("printer", "lpt://1", "scheme 'lpt' is not a printer driver"),
    ("printer", "escpos+tcp://:9100", "a host is required"),
    ("printer", "escpos+tcp://h:0", "out of range"),
    ("printer", "escpos+usb://4b8:e28", "vendor:product"),
    ("printer", "escpos+serial:///dev/ttyS0?baud=fast", "baud must be a number"),
    ("cash", "essp+serial://ttyACM0", "absolute device path"),
    ("eid_reader", "pcsc://reader-1", "pcsc://?reader="),
    ("eid_reader", "sim://printer", "expected sim://eid"),
    ("camera", "sim://camera?fault=blurry", "unknown fault 'blurry'"),
    ("scanner", "sim://camera", "unknown device kind"),
]


@pytest.mark.parametrize(("kind", "uri", "reason"), BAD)
def test_bad_uris_are_refused_with_the_reason(registry, kind, uri, reason):
    with pytest.raises(DeviceUriError, match=reason.replace("?", r"\?").replace("*", r"\*")):
        registry.validate(kind, uri)


@pytest.mark.parametrize(("kind", "uri", "cls"), [
    ("eid_reader", "sim://eid", SimulatedEidReader),
    ("printer", "sim://printer", SimulatedReceiptPrinter),
    ("card_terminal", "sim://payment", SimulatedCardTerminal),
    ("cash", "sim://cash", SimulatedCashDevice),
    ("camera", "sim://camera", SimulatedCamera),
])
def test_simulators_open_from_their_uri(registry, kind, uri, cls):
    assert isinstance(registry.open(kind, uri), cls)


def test_faults_in_the_uri_are_injected(registry):
    printer = registry.open("printer", "sim://printer?fault=paper_out")
    assert printer.status().paper == "out"


def test_a_scheme_without_a_driver_in_this_build_fails_clearly_when_opened():
    registry = DeviceRegistry([DriverSpec("zvt+tcp", "card_terminal", lambda u: None, None, "")])
    registry.validate("card_terminal", "zvt+tcp://127.0.0.1:20007")
    with pytest.raises(DeviceUnavailableError, match="zvt\\+tcp driver is not part"):
        registry.open("card_terminal", "zvt+tcp://127.0.0.1:20007")


def test_a_scheme_cannot_be_registered_twice():
    spec = DriverSpec("sim", "printer", lambda u: None, None, "x")
    with pytest.raises(ValueError, match="registered twice"):
        DeviceRegistry([spec, spec])


def test_uri_parts():
    uri = parse_device_uri("escpos+serial:///dev/ttyS0?baud=38400&x=1")
    assert (uri.scheme, uri.path, uri.param("baud"), uri.param("y", "d")) == (
        "escpos+serial", "/dev/ttyS0", "38400", "d")
