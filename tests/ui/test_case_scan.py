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
from tests.ui.harness import scene_rect, screen_of
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


def type_on_keyboard(ui, text: str) -> None:
    """Tap the on-screen keyboard's keys, one per character (no text is set directly)."""
    for character in text:
        tap(ui.window, "key_space" if character == " " else f"key_{character.lower()}")


def keyboard_leaves_visible(ui, field_name: str) -> None:
    """The keyboard docked at the bottom never hides the field it types into."""
    field = scene_rect(find_item(ui.window, field_name))
    keyboard = scene_rect(find_item(ui.window, "keyboard"))
    assert field.bottom() <= keyboard.top(), (field, keyboard)


def test_the_reference_and_code_typed_on_the_keyboard_find_the_case(kiosk, backend):
    """A crumpled receipt the camera cannot read: the citizen types the reference and
    the follow-up code printed under the QR, on the kiosk's own keyboard."""
    ui = kiosk
    running, _, token = backend
    set_online(ui, True)
    start(ui, "nl")
    tap(ui.window, "service_cert-birth")
    tap(ui.window, "confirmData")
    tap(ui.window, "delivery_portal")
    state_is(ui, "done")
    with ui.services.store.read() as session:
        request = session.scalars(select(RequestRow).order_by(RequestRow.created_at.desc())).first()
        reference, request_id = request.reference, request.id
    code = verification_code(request_id)
    printed = device(ui, "printer").printed[-1]
    # In clear under the QR, for typing.
    line = [row for row in printed.splitlines() if row.startswith("Opvolgcode:")]
    assert line and line[0].endswith(f"{code[:4]} {code[4:]}"), printed
    send_outbox(ui, running, token)
    tap(ui.window, "finishButton")
    state_is(ui, "attract")

    to_identify(ui, "nl")
    scan_panel_up(ui)
    tap(ui.window, "typeCaseReference")
    tap(ui.window, "caseReferenceField")
    keyboard_leaves_visible(ui, "caseReferenceField")
    type_on_keyboard(ui, reference.lower())  # typed in lower case, kept in upper case
    expect_text(ui, "caseReferenceField", reference)
    tap(ui.window, "key_ok")  # on to the code
    keyboard_leaves_visible(ui, "caseCodeField")
    type_on_keyboard(ui, "zz")  # a malformed code first: said before asking the City
    tap(ui.window, "key_ok")  # OK on the last field looks the case up
    expect_text(ui, "caseScanMessage", "De opvolgcode heeft 8 letters en cijfers: "
                "controleer hem op uw bewijs.")
    tap(ui.window, "caseCodeField")
    tap(ui.window, "key_erase")
    tap(ui.window, "key_erase")
    type_on_keyboard(ui, f"{code[:4]} {code[4:]}".lower())
    tap(ui.window, "key_ok")
    wait_until(lambda: find_item(ui.window, "keyboard") is None, 5, "the keyboard to close")
    state_is(ui, "done", 15)
    assert [c["state"] for c in ui.view_model.cases] == ["received"]
    assert ui.view_model.citizenName == ""  # nobody identified


def test_a_typed_code_that_matches_no_case_says_so_and_reveals_nothing(kiosk):
    ui = kiosk
    set_online(ui, True)
    to_identify(ui, "en")
    scan_panel_up(ui)
    tap(ui.window, "typeCaseReference")
    tap(ui.window, "caseReferenceField")
    type_on_keyboard(ui, "bxl-centre-20260301-9999")
    tap(ui.window, "key_ok")
    type_on_keyboard(ui, verification_code("nobody").lower())
    tap(ui.window, "key_ok")  # the keyboard closes; the button does the same
    wait_until(lambda: find_item(ui.window, "keyboard") is None, 5, "the keyboard to close")
    tap(ui.window, "findTypedCase")
    expect_text(
        ui, "caseScanMessage", "No case matches this code. Check the letter or ask at the counter."
    )
    assert ui.view_model.state == "identify"
    tap(ui.window, "stopCaseScan")  # back to the card: the typed form goes with the branch
    wait_until(lambda: not ui.view_model.caseScan.active, 5, "the branch to close")
    assert find_item(ui.window, "typedCaseForm") is None
