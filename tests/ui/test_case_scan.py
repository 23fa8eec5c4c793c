"""Case follow-up by scanning the QR of a confirmation instead of the eID, through the real
QML: the certificate confirmation carries the case QR, the camera simulator shows it on the
identify screen, the real backend (uvicorn on 127.0.0.1, SQLite) finds the case."""

from __future__ import annotations

import json

import pytest
import requests
from sqlalchemy import select

from kiosk.domain.cases import case_qr_payload, verification_code
from kiosk.store.models import PrintedReceipt, RequestRow
from sync.outbox import Outbox
from tests.backend.harness import threaded_backend
from tests.ui.harness import screen_of
from tests.ui.test_citizen_journeys import (
    SITE,
    device,
    expect_text,
    make_kiosk,
    set_online,
    start,
    state_is,
    text_of,
)
from ui.scripted import find_item, tap, wait_until


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    db = tmp_path_factory.mktemp("backend") / "backend.db"
    with threaded_backend(f"sqlite:///{db}") as running:
        kiosk_id, token = running.device(site=SITE, kiosk_id="k-case-scan")
        yield running, kiosk_id, token


@pytest.fixture
def kiosk(qapp, tmp_path, registry, backend):
    running, kiosk_id, token = backend
    ui = make_kiosk(qapp, tmp_path, registry, running.url, token, kiosk_id)
    yield ui
    ui.close()


def send_outbox(ui, running, token: str) -> None:
    """What the sync process does: the pending events, as sent, to the backend."""
    events = Outbox(ui.services.store).pending(10)
    response = requests.post(
        f"{running.url}/api/v1/events:batch",
        json={"events": events},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    assert {r["status"] for r in response.json()["results"]} == {"accepted"}


def to_identify(ui, language: str) -> None:
    tap(ui.window, "startButton")
    tap(ui.window, f"language_{language}")
    state_is(ui, "identify")


def scan_panel_up(ui) -> None:
    tap(ui.window, "scanCaseQr")
    wait_until(lambda: ui.view_model.caseScan.scanning, 5, "the camera to look")
    assert find_item(ui.window, "caseScanPanel").property("visible") is True


def test_the_confirmation_qr_scanned_instead_of_the_eid_shows_the_case(kiosk, backend):
    ui = kiosk
    running, _, token = backend
    set_online(ui, True)
    # A free certificate with the eID: its confirmation carries the case QR.
    start(ui, "en")
    tap(ui.window, "service_cert-birth")
    tap(ui.window, "confirmData")
    tap(ui.window, "delivery_portal")
    state_is(ui, "done")
    with ui.services.store.read() as session:
        (request,) = session.scalars(select(RequestRow))
        (receipt,) = session.scalars(select(PrintedReceipt))
        reference, request_id = request.reference, request.id
        document = json.dumps(receipt.document)
    qr = case_qr_payload(reference, request_id)
    assert json.dumps(qr) in document
    assert request.payload["national_number"] not in qr  # the QR names nobody
    send_outbox(ui, running, token)
    tap(ui.window, "finishButton")
    state_is(ui, "attract")

    # Another visit, without the card: the QR on the receipt instead.
    to_identify(ui, "en")
    scan_panel_up(ui)
    device(ui, "camera").show(qr)
    state_is(ui, "done", 15)
    assert [c["state"] for c in ui.view_model.cases] == ["received"]
    assert ui.view_model.cases[0]["service"] == "Birth certificate extract"
    expect_text(ui, "caseStatus_0", "Received, not handled yet")
    assert ui.view_model.citizenName == ""  # nobody identified
    tap(ui.window, "switch_fr")  # plain words in the citizen's language
    wait_until(lambda: text_of(ui, "caseStatus_0") == "Reçu, pas encore traité", 5, "FR")


def test_a_bad_or_unknown_case_qr_says_why_and_keeps_looking(kiosk):
    ui = kiosk
    set_online(ui, True)
    to_identify(ui, "en")
    scan_panel_up(ui)
    camera = device(ui, "camera")
    camera.show("https://example.org/not-a-case")
    expect_text(ui, "caseScanMessage", "This is not a City case follow-up code.")
    camera.show("BXLCASE:BXL-CENTRE-20260301-0001:lower")
    expect_text(
        ui,
        "caseScanMessage",
        "This follow-up code is damaged or incomplete. Please ask at the counter.",
    )
    # Well formed, but no case has it: the City says nothing more than "no".
    unknown = f"BXLCASE:BXL-CENTRE-20260301-9999:{verification_code('nobody')}"
    camera.show(unknown)
    expect_text(
        ui, "caseScanMessage", "No case matches this code. Check the letter or ask at the counter."
    )
    assert ui.view_model.state == "identify" and ui.view_model.caseScan.scanning
    tap(ui.window, "stopCaseScan")  # back to the card, the camera stops
    wait_until(lambda: not ui.view_model.caseScan.scanning, 5, "the camera to stop")
    assert find_item(ui.window, "scanCaseQr").property("visible") is True
    assert screen_of(ui, "identify")
