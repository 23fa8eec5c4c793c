"""Booking at another site of the city through the real QML (taps by objectName): a kiosk
at Laeken lists every site from the cached reference data, its own first and marked
"here", and books at the City Hall; the printed confirmation names the City Hall while
its header still names the Laeken kiosk. Simulated devices, a real backend (uvicorn on
127.0.0.1, SQLite)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.backend.settings import BackendSettings
from kiosk.backend.tables import BookingRow
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.services import build_services
from sync.city_client import CityClient
from sync.reference import ReferenceCache, pull_reference
from tests.backend.harness import threaded_backend
from tests.ui.test_citizen_journeys import device, set_online, start, state_is
from ui.app import KioskUi, start_ui
from ui.scripted import find_item, iter_items, tap, wait_until

OWN, OWN_NAME, KIOSK = "laeken", "Antenne Laeken", "laeken-journeys"
OTHER, OTHER_NAME = "bxl-centre", "Brussels City Hall"


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    db = tmp_path_factory.mktemp("backend") / "backend.db"
    # The simulated reader proves no presence (no PIN, no card session): the demo
    # backend behind it lets a kiosk without a card session book, as
    # test_citizen_journeys' does (a real card's session: tests/e2e/test_eid_pin_step.py).
    settings = BackendSettings(db_url=f"sqlite:///{db}", require_card_session=False)
    with threaded_backend(f"sqlite:///{db}", settings) as running:
        yield running, running.device(site=OWN, kiosk_id=KIOSK)[1]


@pytest.fixture
def kiosk(qapp, tmp_path, registry, backend):
    running, token = backend
    config = config_from_mapping(
        {
            "kiosk": {"id": KIOSK, "site": OWN, "site_name": OWN_NAME},
            "journey": {"inactivity_timeout_s": 60, "done_timeout_s": 15},
            "store": {"path": str(tmp_path / "kiosk.db")},
            "devices": {"eid_reader": "sim://eid", "printer": "sim://printer"},
        },
        registry,
    )
    core = build_journey_core(config)
    ui = start_ui(
        qapp,
        core,
        540,
        960,
        False,
        lambda: build_services(config, registry, core.catalog),
        city_platform=lambda: CityClient(running.url, token, 5.0),
    )
    try:
        wait_until(lambda: ui.running is not None, 10, "the services")
        assert ui.running.platform is not None, "no client for the City's platform"
        # What the sync process does: pull the reference data into the shared store.
        client = CityClient(running.url, token, 5.0)
        try:
            pull_reference(client, ReferenceCache(ui.services.store), lambda: datetime.now(UTC))
        finally:
            client.close()
        yield ui
    finally:
        ui.close()


def texts_under(ui: KioskUi, name: str) -> list[str]:
    item = find_item(ui.window, name)
    assert item is not None, name
    return [str(i.property("text")) for i in iter_items(item) if i.property("text")]


def test_a_laeken_kiosk_books_at_the_city_hall_in_dutch(kiosk, backend):
    ui = kiosk
    set_online(ui, True)
    start(ui, "nl")
    tap(ui.window, "service_appt-id-card")
    wait_until(lambda: ui.view_model.detailsStep == "site", 5, "the site step")
    # Every site of the city; this kiosk's own first, marked "here" in words.
    wait_until(lambda: find_item(ui.window, f"site_{OTHER}") is not None, 5, "the other sites")
    shown = {
        str(i.objectName())
        for i in iter_items(ui.window.contentItem())
        if str(i.objectName()).startswith("site_") and i.isVisible()
    }
    assert shown == {f"site_{s}" for s in (OWN, "haren", "neder-over-heembeek", OTHER)}
    own = find_item(ui.window, f"site_{OWN}")
    other = find_item(ui.window, f"site_{OTHER}")
    assert own.property("label") == OWN_NAME and own.property("trailing") == "Hier"
    assert other.property("label") == OTHER_NAME and other.property("trailing") == ""
    wait_until(lambda: own.y() < other.y(), 5, "this kiosk's site above the others")

    tap(ui.window, f"site_{OTHER}")
    day = ui.view_model.appointment.days[0]["iso"]
    tap(ui.window, f"day_{day}")
    wait_until(lambda: ui.view_model.appointment.slots, 10, "the City Hall's free slots")
    first = ui.view_model.appointment.slots[0]
    tap(ui.window, f"slot_{first['id']}")
    state_is(ui, "review")
    assert texts_under(ui, "reviewLine_2") == ["Plaats", OTHER_NAME]
    tap(ui.window, "acceptButton")
    state_is(ui, "done", 15)

    result = ui.view_model.result
    assert result["site"] == OTHER and result["site_name"] == OTHER_NAME
    place = find_item(ui.window, "appointmentPlace")  # the done screen says where to come
    assert place is not None and place.isVisible() and place.property("text") == OTHER_NAME
    receipt = device(ui, "printer").printed[-1]
    place = [line for line in receipt.splitlines() if line.startswith("Plaats:")]
    assert place and place[0].endswith(OTHER_NAME), receipt
    assert receipt.index(OWN_NAME) < receipt.index("Uw afspraak")  # the header: this kiosk
    assert KIOSK in receipt and f"[QR: BXLAPPT:{result['booking_id']}]" in receipt
    running, _ = backend
    with running.database.read() as session:
        booked = session.get(BookingRow, result["booking_id"])
        assert booked is not None and booked.device_id == KIOSK and booked.slot_id == first["id"]


def test_offline_the_appointment_says_it_needs_the_connection_even_with_sites_cached(kiosk):
    ui = kiosk
    set_online(ui, False)
    start(ui, "fr")
    item = find_item(ui.window, "service_appt-id-card")
    wait_until(
        lambda: (
            item.property("sublabel") == "Indisponible hors ligne : la borne n'atteint pas la Ville"
        ),
        5,
        "the reason",
    )
    assert item.property("enabledForUse") is False


def test_sites_that_cannot_be_read_leave_the_kiosks_own_site_to_book_at(kiosk, caplog):
    ui = kiosk
    appointment = ui.view_model.appointment
    appointment.refresh_sites()  # the app's own wiring reads the cached reference data
    wait_until(lambda: len(appointment.sites) == 4, 5, "the city's four sites")

    def unreadable() -> list:
        raise OSError("database is locked")

    appointment.set_platform(ui.running.platform, ui.services.site, unreadable)
    wait_until(lambda: "sites could not be read: OSError" in caplog.text, 5, "the failure")
    assert appointment.sites == [{"id": OWN, "name": OWN_NAME, "address": "", "here": True}]
