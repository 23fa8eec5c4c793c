"""Technician mode with the technician's own eID, through the real QML: the card opens
technician mode from the attract screen (or the PIN pad), its removal closes it and
wipes what it showed, a citizen's card still starts the citizen journey, and the exit
to the desktop still asks for the PIN."""

from __future__ import annotations

import logging

import pytest

from common.eid.model import EidCardData, Verification
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.technician import hash_card, hash_pin
from tests.ui.harness import running_kiosk, screen_of
from ui.scripted import find_item, tap, wait_until
from ui.viewmodels.technician import EXIT_TECHNICIAN

PIN = "2468"
TECHNICIAN = "jan"  # the demo citizen whose card the tests enrol as a technician's


def card(key: str) -> EidCardData:
    identity, address, photo = citizen_card(demo_citizen(key))
    return EidCardData(identity, address, photo, Verification(True, True, True))


@pytest.fixture
def kiosk(qapp, tmp_path, registry):
    exits: list[int] = []
    number = demo_citizen(TECHNICIAN).identity.card_number
    section = {"technician_pin_hash": hash_pin(PIN), "technician_card_hashes": [hash_card(number)]}
    with running_kiosk(qapp, tmp_path, registry, ui_section=section, exits=exits) as ui:
        wait_until(lambda: ui.running is not None, 10, "the card watcher")
        yield ui, ui.services.devices["eid_reader"].device, exits


def technician_view_shown(ui) -> bool:
    return find_item(ui.window, "technicianView") is not None


def test_the_technician_card_opens_technician_mode_and_its_removal_closes_it(kiosk, caplog):
    ui, reader, exits = kiosk
    with caplog.at_level(logging.DEBUG):
        reader.insert(card(TECHNICIAN))
        wait_until(lambda: technician_view_shown(ui), 10, "the technician screen")
        assert find_item(ui.window, "techByCard").property("visible")
        wait_until(lambda: ui.tech.status.get("devices"), 10, "the status")
        # The technician's identity is not a citizen's identification.
        assert ui.view_model.state == "attract" and ui.core.journey.session.card is None

        reader.remove()
        wait_until(
            lambda: find_item(ui.window, "technicianOverlay").property("active") is False,
            10,
            "technician mode to close",
        )
    assert ui.tech.stage == "" and ui.tech.status == {} and ui.tech.report == []
    assert screen_of(ui, "attract")
    # Audited as a card login, with no card number anywhere.
    number = demo_citizen(TECHNICIAN).identity.card_number
    logins = [e for e in ui.services.audit.entries() if e.kind == "technician.login"]
    assert [(e.actor, e.details["method"], e.details["result"]) for e in logins] == [
        ("technician:card", "card", "ok")
    ]
    assert number not in "".join(str(e.details) for e in logins)
    assert number not in caplog.text and "technician card" in caplog.text
    assert exits == []


def test_the_card_on_the_pin_pad_opens_and_the_exit_still_asks_the_pin(kiosk):
    ui, reader, exits = kiosk
    ui.tech.openPin()  # the hidden long press is covered by tests/ui/test_technician.py
    wait_until(lambda: find_item(ui.window, "technicianPinView") is not None, 5, "the PIN pad")
    assert find_item(ui.window, "pinCardHint").property("visible")
    reader.insert(card(TECHNICIAN))
    wait_until(lambda: technician_view_shown(ui), 10, "the technician screen")

    tap(ui.window, "techExit")
    wait_until(lambda: find_item(ui.window, "technicianPinView") is not None, 5, "the exit PIN")
    assert ui.tech.stage == "exit_pin" and exits == []
    assert find_item(ui.window, "pinCardHint") is None  # the card does not exit
    for digit in PIN:
        tap(ui.window, f"pin_{digit}")
    tap(ui.window, "pin_ok")
    wait_until(lambda: exits, 10, "the exit")
    assert exits == [EXIT_TECHNICIAN]


def test_a_citizen_card_is_a_citizen_starting_and_a_technician_card_mid_session_is_ignored(
    kiosk, caplog
):
    ui, reader, _ = kiosk
    tap(ui.window, "startButton")
    tap(ui.window, "language_fr")
    wait_until(lambda: screen_of(ui, "identify"), 5, "the identify screen")
    with caplog.at_level(logging.INFO, logger="ui.viewmodels.technician"):
        reader.insert(card(TECHNICIAN))
        wait_until(lambda: "technician card ignored" in caplog.text, 10, "the card to be seen")
    # Neither technician mode nor an identification with the technician's card.
    assert ui.tech.stage == "" and screen_of(ui, "identify")
    assert ui.core.journey.session.card is None
    reader.remove()
    tap(ui.window, "cancelButton")
    wait_until(lambda: screen_of(ui, "attract"), 5, "the attract screen")

    # An unlisted card is a citizen starting the normal journey, in the language the
    # card is written in (no language screen).
    reader.insert(card("sophie"))
    wait_until(lambda: screen_of(ui, "choose_service"), 10, "the citizen journey")
    stated = ui.core.journey.session.card.identity.card_language
    assert stated in ("fr", "nl") and ui.core.journey.session.language == stated
    assert ui.tech.stage == ""
    assert (
        ui.core.journey.session.card.identity.card_number
        != demo_citizen(TECHNICIAN).identity.card_number
    )
