"""The sealed certificate printed at the kiosk, through the real QML screens: card in,
the card's language, "printed here" beside the amount, paid, printed by CUPS's
ippeveprinter, "take your document (N pages)" — and, when the A4 printer cannot, the
warning before paying or the money's fate after. Taps are counted by the screens' own
tap counter (ui/taps.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from common.eid.model import EidCardData, Verification
from demo.journeys import demo_backend
from drivers.docprinter.ipp.printer import IppDocumentPrinter
from drivers.docprinter.ippeveprinter import IppEvePrinter, missing_tools
from drivers.registry import default_registry
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.seal import pki
from kiosk.seal.signer import SealConfig, Sealer
from kiosk.seal.verify import check_seal, load_roots_file
from kiosk.services import build_services
from kiosk.store.models import DocumentPrint
from sync.city_client import CityClient
from tests.backend.card_proof import (
    card_of,
    card_session_headers,
    shared_card_trust,
    shared_test_pki,
)
from tests.ui.harness import screen_of
from ui.app import start_ui
from ui.scripted import find_item, tap, wait_until

pytestmark = pytest.mark.skipif(bool(missing_tools()),
                                reason="ippeveprinter (cups-ipp-utils) is not installed")
KIOSK_ID = "bxl-test-a4"
WORLD_BACKEND: list = []


def identified_with_pin(ui, citizen: str) -> None:
    """What the PIN step leaves in the session after the card signed the platform's
    challenge: the simulated reader cannot sign, so a test-PKI card of the same citizen
    opens the card session through the backend's real endpoints."""
    backend = WORLD_BACKEND[0]
    card = card_of(shared_test_pki(), demo_citizen(citizen).identity.national_number)
    headers = card_session_headers(backend.url, backend.token, card)
    ui.core.journey.session.card_session = headers["X-Card-Session"]


@pytest.fixture(scope="module")
def world(qapp, tmp_path_factory):
    """One sealing backend, one ippeveprinter and one kiosk UI for the module's journeys
    (each ends back on the attract screen)."""
    folder = tmp_path_factory.mktemp("a4-journey")
    seal = pki.generate(folder / "pki")
    sealer = Sealer.from_config(SealConfig(seal.seal_key, seal.seal_cert))
    # Card sessions required, as on a real platform: the document is served to the kiosk
    # only under the citizen's card session (PIN + card signature).
    with (demo_backend(KIOSK_ID, "bxl-centre", sealer=sealer,
                       seal_roots_pem=seal.root_cert.read_bytes(),
                       **shared_card_trust()) as backend,
          IppEvePrinter(folder / "ippeve") as printer):
        registry = default_registry()
        config = config_from_mapping({
            "kiosk": {"id": KIOSK_ID, "site": "bxl-centre"},
            "store": {"path": str(folder / "kiosk.db")},
            "devices": {"eid_reader": "sim://eid", "printer": "sim://printer",
                        "card_terminal": "sim://payment", "cash": "sim://cash",
                        "document_printer": printer.uri},
        }, registry)
        core = build_journey_core(config)
        ui = start_ui(qapp, core, 540, 960, False,
                      lambda: build_services(config, registry, core.catalog),
                      city_platform=lambda: CityClient(backend.url, backend.token, 10.0))
        try:
            wait_until(lambda: ui.running is not None, 15, "the services")
            wait_until(lambda: ui.view_model.document.prints_documents(), 10,
                       "the A4 printer to be wired")
            wait_until(lambda: ui.core.devices.payment_methods(), 10, "payments")
            WORLD_BACKEND[:] = [backend]
            yield ui, printer, seal.root_cert
        finally:
            ui.close()


def card_in_to_pay(ui, citizen: str, pin: bool = True) -> None:
    """The citizen inserts the card on the attract screen (no tap), picks the residence
    certificate, confirms the card's data: the pay screen with the delivery choice.
    ``pin``: the session holds the citizen's card session, as after the PIN step."""
    wait_until(lambda: screen_of(ui, "attract"), 10, "the attract screen")
    identity, address, photo = citizen_card(demo_citizen(citizen))
    ui.services.devices["eid_reader"].device.insert(
        EidCardData(identity, address, photo, Verification(True, True, True)))
    wait_until(lambda: screen_of(ui, "choose_service"), 10, "identification")
    if pin:
        identified_with_pin(ui, citizen)
    tap(ui.window, "service_cert-residence")
    tap(ui.window, "confirmData")
    wait_until(lambda: screen_of(ui, "pay"), 5, "the pay screen")


def end_session(ui) -> None:
    ui.services.devices["eid_reader"].device.remove()
    wait_until(lambda: screen_of(ui, "attract"), 10, "the attract screen")


def text(ui, name: str) -> str:
    item = find_item(ui.window, name)
    assert item is not None, name
    return item.property("text")


def enabled(ui, name: str) -> bool:
    """Whether the button is on screen and can be used (False while it is not there)."""
    item = find_item(ui.window, name)
    return item is not None and item.property("enabledForUse") is True


def shown(ui, name: str) -> str:
    """The item's text, "" while it is not on screen (for waiting: a screen is rebuilt
    when the language changes)."""
    item = find_item(ui.window, name)
    return item.property("text") if item is not None else ""


def journal(ui) -> list[tuple[str, str]]:
    with ui.services.store.read() as session:
        return [(r.status, r.reason or "") for r in session.scalars(
            select(DocumentPrint).order_by(DocumentPrint.created_at))]


def test_card_in_to_a_printed_sealed_certificate_in_four_taps(world):
    ui, printer, root = world
    before = len(printer.received())
    card_in_to_pay(ui, "jan")  # a Dutch card: the screens speak Dutch without asking
    assert ui.view_model.language == "nl"
    wait_until(lambda: enabled(ui, "delivery_kiosk"), 10, "the A4 printer's yes")
    assert find_item(ui.window, "payCard").property("enabledForUse") is False  # choose first
    tap(ui.window, "delivery_kiosk")
    wait_until(lambda: enabled(ui, "payCard"), 5,
               "paying to be offered")
    tap(ui.window, "payCard")
    wait_until(lambda: screen_of(ui, "done"), 60, "the document to be printed")

    assert text(ui, "documentTitle") == "Neem uw document (1 pagina) uit de A4-lade."
    assert "elektronische zegel" in text(ui, "documentDetail")
    received = printer.received()
    assert len(received) == before + 1
    assert check_seal(received[-1].read_bytes(), load_roots_file(root)).ok
    assert journal(ui)[-1] == ("printed", "")
    # After the PIN (the card read): service, confirm the data, delivery, pay.
    assert ui.taps.since_identified() == ["service_cert-residence", "confirmData",
                                          "delivery_kiosk", "payCard"]
    end_session(ui)


def test_a_free_certificate_is_printed_here_from_its_delivery_step(world):
    ui, printer, _ = world
    before = len(printer.received())
    wait_until(lambda: screen_of(ui, "attract"), 10, "the attract screen")
    identity, address, photo = citizen_card(demo_citizen("mateo"))
    ui.services.devices["eid_reader"].device.insert(
        EidCardData(identity, address, photo, Verification(True, True, True)))
    wait_until(lambda: screen_of(ui, "choose_service"), 10, "identification")
    identified_with_pin(ui, "mateo")
    tap(ui.window, "service_cert-birth")  # free: no pay screen, a delivery step
    tap(ui.window, "confirmData")
    wait_until(lambda: enabled(ui, "delivery_kiosk"), 10,
               "the A4 printer's yes")
    tap(ui.window, "delivery_kiosk")
    wait_until(lambda: screen_of(ui, "done"), 60, "the document to be printed")
    assert ui.view_model.language == "fr"
    assert text(ui, "documentTitle") == "Prenez votre document (1 page) dans le bac A4."
    assert len(printer.received()) == before + 1
    assert ui.taps.since_identified() == ["service_cert-birth", "confirmData",
                                          "delivery_kiosk"]
    end_session(ui)


def test_without_the_citizens_card_session_the_document_is_owed_not_printed(world):
    """The kiosk credential alone gets no citizen's document: printed only under the
    session's card-session token (here the session has none), else owed."""
    ui, printer, _ = world
    before = len(printer.received())
    card_in_to_pay(ui, "jan", pin=False)
    wait_until(lambda: enabled(ui, "delivery_kiosk"), 10, "the A4 printer's yes")
    tap(ui.window, "delivery_kiosk")
    wait_until(lambda: enabled(ui, "payCard"), 5, "paying to be offered")
    tap(ui.window, "payCard")
    wait_until(lambda: screen_of(ui, "done"), 60, "the done screen")
    status, reason = journal(ui)[-1]
    assert status == "owed" and "eID and PIN" in reason
    assert len(printer.received()) == before
    end_session(ui)


def test_a_print_that_fails_after_paying_states_the_moneys_fate(world):
    ui, printer, _ = world
    printer.fail_next_job()  # the job ends aborted…
    printer.report("+media-empty")  # …and the tray is empty after it
    card_in_to_pay(ui, "sophie")
    assert ui.view_model.language == "fr"
    wait_until(lambda: enabled(ui, "delivery_kiosk"), 10,
               "the A4 printer's yes")
    tap(ui.window, "delivery_kiosk")
    tap(ui.window, "payCard")
    wait_until(lambda: screen_of(ui, "done"), 60, "the done screen")

    assert text(ui, "documentTitle") == "Votre document n'a pas pu être imprimé ici."
    detail = text(ui, "documentDetail")
    reference = ui.view_model.result["reference"]
    assert "Votre paiement de 3,00\u00a0€ est enregistré" in detail
    assert "une seconde fois" in detail and reference in detail
    status, reason = journal(ui)[-1]
    assert status == "owed" and "aborted" in reason  # a technician can reprint it
    ui.view_model.switchLanguage("nl")  # the language buttons: the same words in Dutch
    wait_until(lambda: shown(ui, "documentTitle") == "Uw document kon hier niet afgedrukt "
               "worden.", 5, "the Dutch text")
    assert "Uw betaling van €\u00a03,00 is geregistreerd" in text(ui, "documentDetail")
    end_session(ui)


def test_an_empty_tray_is_said_before_paying_and_print_here_cannot_be_chosen(world):
    ui, printer, _ = world
    a4 = IppDocumentPrinter(printer.uri)
    try:  # the tray emptied after the previous journey's job (ippeveprinter's state)
        assert "media-empty" in a4.status().blocking
    finally:
        a4.close()
    card_in_to_pay(ui, "sophie")
    ui.view_model.switchLanguage("en")
    wait_until(lambda: shown(ui, "deliveryUnavailable").startswith("Printing here"), 10,
               "the printer's no, in English")
    assert text(ui, "deliveryUnavailable") == (
        "Printing here is not possible right now (out of paper). Choose the portal or the "
        "post before you pay.")
    assert find_item(ui.window, "delivery_kiosk").property("enabledForUse") is False
    tap(ui.window, "delivery_kiosk")  # nothing happens: still to choose
    assert ui.view_model.document.property("choice") == ""
    tap(ui.window, "delivery_post")
    assert ui.view_model.document.property("choice") == "post"
    assert find_item(ui.window, "payCard").property("enabledForUse") is True
    end_session(ui)
    assert ui.taps.taps() == []  # a new session counts from zero
