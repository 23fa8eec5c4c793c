"""`kiosk provision detect` on this machine (nothing plugged in) and with a private
pcscd whose virtual reader it must list and propose."""

from __future__ import annotations

import json

import pytest

from drivers.eid.private_pcscd import PrivatePcscd
from provisioning.detect import Probes, detect
from tests.provisioning.helpers import kiosk


def test_a_bare_machine_gives_empty_lists_and_no_traceback(tmp_path):
    env = {**__import__("os").environ, "PCSCLITE_CSOCK_NAME": str(tmp_path / "none.comm")}
    result = kiosk("provision", "detect", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    found = json.loads(result.stdout)
    assert found["readers"] == [] and found["printers"] == [] and found["cameras"] == []
    pcsc_notes = [note for note in found["notes"] if note.startswith("PC/SC readers:")]
    assert pcsc_notes and "Service not available" in pcsc_notes[0]
    assert "fix: pcscd is not running: `systemctl enable --now pcscd.socket`" in pcsc_notes[0]
    text = kiosk("provision", "detect", env=env)
    assert text.returncode == 0 and "PC/SC readers: 0" in text.stdout


def test_usb_and_serial_devices_get_uris():
    found = detect(
        Probes(
            readers=lambda: ["ACS ACR39U ICC Reader 00 00"],
            serial=lambda: [
                ("/dev/ttyACM0", 0x191C, 0x4104, "NV200"),
                ("/dev/ttyUSB0", 0x0403, 0x6001, "FT232R"),
                ("/dev/ttyS0", None, None, "n/a"),
            ],
            printers=lambda: [(0x04B8, 0x0E28, "TM-T88V")],
            cameras=lambda: ["/dev/video0"],
        )
    )
    assert found.proposed() == {
        "eid_reader": "pcsc://?reader=ACS%20ACR39U%20ICC%20Reader*",
        "printer": "escpos+usb://04b8:0e28",
        "cash": "essp+serial:///dev/ttyACM0",
        "card_terminal": "zvt+serial:///dev/ttyUSB0",
        "camera": "v4l2:///dev/video0",
    }
    assert found.usb_ids() == {
        "printer": "04b8:0e28",
        "cash": "191c:4104",
        "card_terminal": "0403:6001",
    }


@pytest.mark.e2e
def test_the_virtual_reader_of_a_private_pcscd_is_listed(tmp_path):
    with PrivatePcscd(tmp_path / "pcscd") as pcscd:
        result = kiosk("provision", "detect", "--json", env=pcscd.env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    names = [r["name"] for r in found["readers"]]
    assert pcscd.reader_name(0) in names and pcscd.reader_name(1) in names  # vpcd's slots
    assert found["proposed"]["eid_reader"] == "pcsc://?reader=Virtual%20PCD*"
