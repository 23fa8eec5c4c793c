"""Central IT sees the A4 printer: its IPP state, polled through its owner thread on
ippeveprinter, reaches the fleet view in the heartbeat and opens the A4 alerts."""

from __future__ import annotations

import pytest

from drivers.docprinter.interface import DocumentPrinterStatus
from drivers.docprinter.ipp.printer import IppDocumentPrinter
from drivers.docprinter.ippeveprinter import IppEvePrinter, missing_tools
from kiosk.devices import DeviceOwner
from kiosk.devicestate import DevicePoller, DeviceStateRecorder, a4_state, read_device_state
from tests.sync.test_heartbeat import _admin, _sender

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.mark.e2e
@pytest.mark.skipif(bool(missing_tools()), reason=f"missing {missing_tools()}")
def test_paper_out_and_toner_low_on_the_a4_printer_reach_the_fleet_view(tmp_path, backend,
                                                                       kiosk):
    kiosk_id, token = kiosk
    sender, store, client = _sender(tmp_path, backend.url, kiosk_id, token)
    with IppEvePrinter(tmp_path / "ippeve") as peer:
        owner = DeviceOwner("document_printer", IppDocumentPrinter(peer.uri))
        try:
            recorder = DeviceStateRecorder(store)
            recorder.opened({"document_printer": owner}, {})
            poller = DevicePoller(recorder, None, None, interval_s=60, document_printer=owner)
            poller.poll_once()
            state = read_device_state(store)["devices"]["document_printer"]
            assert state["online"] and state["paper"] == "ok" and state["state"] == "idle"
            assert sender.beat().answer["open_alerts"] == []

            peer.report("+media-empty", "+toner-low")
            owner.call(lambda p: p.wait(p.submit(PDF, "last.pdf"), 30), 40)
            poller.poll_once()
            result = sender.beat()
            assert result.ok, result.error
            assert sorted(result.answer["open_alerts"]) == ["a4_paper_out", "a4_toner_low"]
            detail = _admin(backend, "GET", f"/api/v1/admin/fleet/kiosks/{kiosk_id}").json()
            beat = detail["history"][0]["body"]["devices"]["document_printer"]
            assert beat["paper"] == "out" and beat["toner"] == "low"
            assert "media-empty" in beat["reasons"]
        finally:
            owner.close()
    poller.poll_once()  # the printer is gone: offline, said so
    gone = read_device_state(store)["devices"]["document_printer"]
    assert gone["online"] is False and gone["state"] == "offline"
    client.close()
    store.close()


def test_jam_and_open_door_are_named_in_the_state():
    state = a4_state(DocumentPrinterStatus(state="stopped",
                                           reasons=("media-jam", "door-open", "media-low")))
    assert (state["jam"], state["door_open"], state["paper"]) == (True, True, "low")
