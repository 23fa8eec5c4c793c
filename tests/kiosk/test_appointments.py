"""Appointments at any site of the city: the sites from the cached reference data (this
kiosk's first), and a booking at another site whose confirmation names that site, against
a real backend (uvicorn on 127.0.0.1, SQLite) and a simulated printer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from drivers.printer.simulated import SimulatedReceiptPrinter
from kiosk.backend.demo_citizens import demo_citizen
from kiosk.devices import DeviceOwner
from kiosk.domain.appointments import AppointmentService, appointment_handler, cached_sites
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.city import PlatformUnavailableError, bookable_sites, booking_days, free_slots
from kiosk.domain.queue import Site
from kiosk.printing.spool import ReceiptSpool
from sync.city_client import CityClient
from sync.reference import ReferenceCache, pull_reference
from tests.backend.harness import threaded_backend

LAEKEN = Site("laeken", "Antenne Laeken (borne)", "laeken-01")


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    db = tmp_path_factory.mktemp("appointments") / "backend.db"
    with threaded_backend(f"sqlite:///{db}") as running:
        yield running


@pytest.fixture(scope="module")
def kiosk_token(backend) -> str:
    return backend.device(site=LAEKEN.id, kiosk_id=LAEKEN.kiosk_id)[1]


@pytest.fixture(scope="module")
def client(backend, kiosk_token):
    city = CityClient(backend.url, kiosk_token, 5.0)
    yield city
    city.close()


@pytest.fixture
def printer():
    owner = DeviceOwner("printer", SimulatedReceiptPrinter())
    yield owner
    owner.close()


def test_without_reference_data_the_kiosks_own_site_is_the_only_choice(store):
    assert cached_sites(store, LAEKEN) == [LAEKEN]
    assert bookable_sites({"sites": "not a list"}, LAEKEN) == [LAEKEN]


def test_the_cached_reference_data_lists_every_site_the_kiosks_own_first(store, client):
    assert pull_reference(client, ReferenceCache(store), lambda: datetime.now(UTC))
    sites = cached_sites(store, LAEKEN)
    assert sites[0] == LAEKEN  # the configured name, this kiosk's id
    # The others by name, as the citizen reads them.
    assert [(s.id, s.name) for s in sites[1:]] == [
        ("haren", "Antenne Haren"),
        ("neder-over-heembeek", "Antenne Neder-Over-Heembeek"),
        ("bxl-centre", "Brussels City Hall"),
    ]
    assert all(s.kiosk_id == LAEKEN.kiosk_id for s in sites)


def test_addresses_come_with_the_reference_data_and_bad_entries_are_skipped(caplog):
    reference = {
        "sites": [
            {
                "id": "laeken",
                "name": "Laeken",
                "timezone": "Europe/Brussels",
                "address": "Bd Émile Bockstael 246",
            },
            {"id": "bxl-centre", "name": "Hôtel de Ville", "address": "Grand-Place 1"},
            {"id": "", "name": "nameless"},
            "junk",
            {"id": "bxl-centre", "name": "a duplicate"},
        ]
    }
    sites = bookable_sites(reference, LAEKEN)
    assert [(s.id, s.name, s.address) for s in sites] == [
        ("laeken", LAEKEN.name, "Bd Émile Bockstael 246"),
        ("bxl-centre", "Hôtel de Ville", "Grand-Place 1"),
    ]
    assert "site #2" in caplog.text and "site #3" in caplog.text


def test_booking_at_another_site_prints_a_confirmation_naming_that_site(store, client, printer,
                                                                       backend, kiosk_token):
    nn = demo_citizen("sophie").identity.national_number
    # The citizen's card session (PIN + card signature), as the journey's details carry it.
    card_session = backend.card_headers(kiosk_token, nn)["X-Card-Session"]
    now = datetime.now(UTC)
    day = booking_days(now.date())[0]
    slot = free_slots(client, "bxl-centre", day, "appt-id-card", now)[0]
    service = AppointmentService(
        client, store, demo_catalog(), LAEKEN, ReceiptSpool(store, printer)
    )
    handle = appointment_handler(service)
    result = handle(
        "nl",
        {
            "service_id": "appt-id-card",
            "site": "bxl-centre",
            "site_name": "Brussels City Hall",
            "slot_id": slot.id,
            "national_number": nn,
            "card_session": card_session,
        },
    )
    assert result["site"] == "bxl-centre" and result["site_name"] == "Brussels City Hall"
    assert result["printed"] is True and result["counter"] == slot.counter
    receipt = printer.device.printed[-1]
    lines = receipt.splitlines()
    place = [line for line in lines if line.startswith("Plaats")]
    assert place and "Brussels City Hall" in place[0], receipt
    # The header still says where the receipt was printed: this kiosk.
    assert LAEKEN.name in receipt and LAEKEN.kiosk_id in receipt
    assert receipt.index(LAEKEN.name) < receipt.index("Brussels City Hall")
    assert f"[QR: BXLAPPT:{result['booking_id']}]" in receipt
    # The slot is taken now, at the City Hall, not at Laeken.
    assert slot.id not in [s.id for s in free_slots(client, "bxl-centre", day, "appt-id-card", now)]


def test_booking_without_the_citizens_card_session_is_refused_and_prints_nothing(
        store, client, printer, backend, kiosk_token):
    """The kiosk credential alone books in nobody's name: without the card session, or
    with another citizen's, the platform refuses and the slot stays free."""
    nn = demo_citizen("jan").identity.national_number
    other = backend.card_headers(kiosk_token, demo_citizen("sophie").identity.national_number)
    now = datetime.now(UTC)
    day = booking_days(now.date())[1]
    slot = free_slots(client, "laeken", day, "appt-passport", now)[0]
    handle = appointment_handler(AppointmentService(
        client, store, demo_catalog(), LAEKEN, ReceiptSpool(store, printer)))
    printed_before = len(printer.device.printed)
    details = {"service_id": "appt-passport", "site": "laeken", "slot_id": slot.id,
               "national_number": nn}
    for session in ({}, {"card_session": other["X-Card-Session"]}):
        with pytest.raises(PlatformUnavailableError, match="HTTP 403"):
            handle("en", {**details, **session})
    assert len(printer.device.printed) == printed_before
    assert slot.id in [s.id for s in free_slots(client, "laeken", day, "appt-passport", now)]
