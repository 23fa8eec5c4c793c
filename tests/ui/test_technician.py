"""Technician mode through the real QML: the hidden gesture, the PIN pad, the kiosk's
insides, reprint, self-test, end of day, and the exit with the PIN again."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from drivers.printer.document import ReceiptDocument, TextLine
from kiosk.i18n import Translator
from kiosk.technician import hash_pin
from tests.backend.card_proof import shared_test_pki
from tests.ui.harness import running_kiosk
from ui.scripted import find_item, tap, wait_until
from ui.shown_texts import uncatalogued_texts
from ui.viewmodels.technician import EXIT_TECHNICIAN

PIN = "2468"


@pytest.fixture
def kiosk(qapp, tmp_path, registry):
    exits: list[int] = []
    # The citizen CA's CRL kept for offline hours, issued an hour ago (its age is shown).
    crl = tmp_path / "citizen-ca.crl"
    crl.write_bytes(shared_test_pki().crl(this_update=datetime.now(UTC) - timedelta(hours=1)))
    with running_kiosk(
        qapp, tmp_path, registry, ui_section={"technician_pin_hash": hash_pin(PIN)}, exits=exits,
        sections={"eid": {"crl": str(crl)}},
    ) as ui:
        yield ui, exits


def long_press_corner(ui) -> None:
    corner = find_item(ui.window, "technicianCorner")
    assert corner is not None, "the hidden corner is on the attract screen"
    point = corner.mapToScene(QPointF(10, 10)).toPoint()
    QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    try:
        wait_until(
            lambda: find_item(ui.window, "technicianPinView") is not None,
            10,
            "the PIN pad after a long press",
        )
    finally:
        QTest.mouseRelease(
            ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )


def type_pin(ui, pin: str) -> None:
    for digit in pin:
        tap(ui.window, f"pin_{digit}")
    tap(ui.window, "pin_ok")


def pin_message(ui) -> str:
    item = find_item(ui.window, "pinMessage")
    return item.property("text") if item is not None else ""


def test_a_short_tap_on_the_corner_starts_a_citizen_session_not_technician_mode(kiosk):
    ui, _ = kiosk
    tap(ui.window, "technicianCorner")
    assert ui.tech.stage == ""


def test_wrong_pin_is_refused_and_logged_without_the_digits(kiosk, caplog):
    ui, _ = kiosk
    long_press_corner(ui)
    with caplog.at_level(logging.INFO):
        type_pin(ui, "1357")
        wait_until(lambda: pin_message(ui) == "Code incorrect", 10, "the refusal")
    assert ui.tech.stage == "pin"
    assert "wrong technician PIN" in caplog.text
    assert "1357" not in caplog.text and PIN not in caplog.text
    tap(ui.window, "technicianClose")
    wait_until(lambda: find_item(ui.window, "technicianPinView") is None, 5, "the pad to close")


def test_technician_screens_show_the_insides_and_act_on_the_devices(kiosk):
    ui, exits = kiosk
    services = ui.services
    printer = services.devices["printer"].device
    # A receipt that did not come out (no paper): owed, and an error logged.
    printer.faults.inject("paper_out")
    owed = services.spool.submit(
        kind="ticket", language="fr", document=ReceiptDocument((TextLine("owed receipt"),))
    )
    assert not owed.printed
    printer.faults.clear()

    long_press_corner(ui)
    type_pin(ui, PIN)
    wait_until(
        lambda: find_item(ui.window, "technicianView") is not None, 10, "the technician screen"
    )
    wait_until(lambda: ui.tech.status.get("owed"), 10, "the status")
    status = ui.tech.status
    assert [d["name"] for d in status["devices"]] == [
        "eid_reader",
        "printer",
        "card_terminal",
        "cash",
    ]
    assert (status["pending"], status["deadLetters"]) == (0, 0)
    # the devices in the screen's language, not their internal names (issue 24, defect 4)
    language = ui.view_model.language
    reader = find_item(ui.window, "device_eid_reader").property("text")
    assert "eid_reader" not in reader
    assert Translator(language)("device.eid_reader") in reader
    assert find_item(ui.window, "outboxLine").property("text").endswith(": 0")
    # eID revocation: the cached CRL's state and age, read from [eid] crl.
    assert status["revocation"]["crl"] == "fresh" and status["revocation"]["ageHours"] == 1
    crl_line = find_item(ui.window, "crlLine").property("text")
    assert crl_line.startswith("✔ Liste de révocation (CRL) à jour — émise il y a 1 h")
    assert any("out of paper" in line for line in status["errors"])

    tap(ui.window, "reprint_0")
    wait_until(lambda: ui.tech.report and "imprimé" in ui.tech.report[0]["text"], 10,
               "the reprint")
    assert ui.tech.report[0]["text"] == f"✔ Reçu {owed.receipt_id[:8]} imprimé"
    assert "owed receipt" in printer.printed[-1]
    wait_until(lambda: ui.tech.status.get("owed") == [], 10, "nothing owed any more")

    tap(ui.window, "techSelfTest")
    wait_until(lambda: ui.tech.busy == "" and len(ui.tech.report) >= 3, 20, "the self-test")
    # The same checks as `kiosk provision selftest` (kiosk/selftest.py), in the screen's
    # language (issue 24, defect 4): French here, then Dutch.
    report = [line["text"] for line in ui.tech.report]
    assert "✔ Imprimante de reçus — en ligne, papier OK, page de test imprimée" in report
    assert "✔ Terminal de paiement — en ligne (demande d'état : réponse reçue)" in report
    assert any(line.startswith("✔ Monnayeur — en ligne, 5 valeurs, monnaie disponible ")
               and line.endswith("\u00a0€") for line in report), report
    assert "– Caméra — non configuré" in report
    assert find_item(ui.window, "technicianReport") is not None
    assert [m for m in uncatalogued_texts(ui.window, "fr")
            if m.name == "technicianReport"] == []
    # (the check reads these lines: French ones are not in the English catalog)
    assert [m for m in uncatalogued_texts(ui.window, "en") if m.name == "technicianReport"]
    assert "Imprimante de reçus" in printer.printed[-1]  # the test page, in French too

    ui.view_model.switchLanguage("nl")
    tap(ui.window, "techSelfTest")
    wait_until(lambda: ui.tech.busy == "" and "Bonnenprinter" in str(ui.tech.report), 20,
               "the self-test in Dutch")
    report = [line["text"] for line in ui.tech.report]
    assert "✔ Bonnenprinter — online, papier ok, testpagina afgedrukt" in report
    assert "– Camera — niet geconfigureerd" in report
    assert [m for m in uncatalogued_texts(ui.window, "nl")
            if m.name == "technicianReport"] == []
    assert "Testpagina" in printer.printed[-1]
    ui.view_model.switchLanguage("fr")

    tap(ui.window, "techEndOfDay")
    wait_until(
        lambda: ui.tech.busy == "" and any("carte" in r["text"] for r in ui.tech.report),
        20,
        "the end of day",
    )
    # The day's totals in French too; what did not add up, in the journal's own words apart.
    report = [line["text"] for line in ui.tech.report]
    assert report[0] == "Paiements par carte : 0, 0,00\u00a0€", report
    assert report[-1] in ("✔ OK", "✖ Écart"), report
    assert all(line["detail"] for line in ui.tech.report if line["text"] == "✖ Écart")
    assert [m for m in uncatalogued_texts(ui.window, "fr")
            if m.name == "technicianReport"] == []

    # Leaving for the desktop asks for the PIN again.
    tap(ui.window, "techExit")
    wait_until(lambda: ui.tech.stage == "exit_pin", 5, "the exit PIN")
    type_pin(ui, "9999")
    wait_until(lambda: pin_message(ui) == "Code incorrect", 10, "the refusal")
    assert exits == []
    type_pin(ui, PIN)
    wait_until(lambda: exits, 10, "the exit")
    assert exits == [EXIT_TECHNICIAN]


def test_without_a_configured_pin_the_pad_says_so(qapp, tmp_path, registry):
    with running_kiosk(qapp, tmp_path, registry) as ui:
        long_press_corner(ui)
        type_pin(ui, "0000")
        wait_until(lambda: "configur" in pin_message(ui), 10, "the message")
        assert ui.tech.stage == "pin"
