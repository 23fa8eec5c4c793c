"""Data minimisation enforced: after each service's journey against a real SQLite store,
every personal field stored or queued for the backend is one its service declares
(kiosk/domain/personal_data.py); nothing of the card's photo, names or address is
anywhere in the store; an undeclared field raises in strict mode and is dropped with a
warning naming only the key in production."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from common.eid.model import EidCardData
from drivers.payment.simulated import SimulatedCardTerminal
from kiosk.backend.demo_citizens import DEMO_CITIZENS, citizen_card
from kiosk.devices import DeviceOwner
from kiosk.domain.appointments import AppointmentService, appointment_handler
from kiosk.domain.cases import case_followup_handler
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.certificates import CertificateService, certificate_handler
from kiosk.domain.city import booking_days, free_slots
from kiosk.domain.journey import Journey, State, Timeouts
from kiosk.domain.letters import letter_delivery, make_communication
from kiosk.domain.personal_data import (
    DECLARATIONS,
    PERSONAL_KEYS,
    UndeclaredPersonalDataError,
    declaration,
    minimise,
    undeclared_keys,
)
from kiosk.domain.tickets import TicketService
from kiosk.payments.delivery import certificate_delivery
from kiosk.payments.service import PaymentService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store
from kiosk.store.models import (
    OutboxEvent,
    PaymentJournalEntry,
    PrintedReceipt,
    RequestRow,
    SyncState,
)
from sync.city_client import CityClient
from tests.backend.card_proof import card_of, shared_test_pki
from tests.backend.harness import threaded_backend
from tests.kiosk.payments.conftest import FAST, SITE

CITIZEN = DEMO_CITIZENS[0]
FOLLOW = "https://example.test/{reference}"


@pytest.fixture
def strict_store(tmp_path: Path):
    store = Store(tmp_path / "kiosk.db", strict_minimisation=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    db = tmp_path_factory.mktemp("minimisation") / "backend.db"
    with threaded_backend(f"sqlite:///{db}") as running:
        _, token = running.device(site=SITE.id, kiosk_id=SITE.kiosk_id)
        client = CityClient(running.url, token, 5.0)
        try:
            yield client
        finally:
            client.close()


def photo_card() -> EidCardData:
    identity, address, photo = citizen_card(CITIZEN)
    assert len(photo) > 500  # a real JPEG: the journey below carries a photo
    return EidCardData(identity=identity, address=address, photo=photo)


def personal_keys(value: Any) -> set[str]:
    """Every key of ``value`` (nested too) that carries personal data."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in PERSONAL_KEYS:
                found.add(key)
            found |= personal_keys(item)
    elif isinstance(value, list):
        for item in value:
            found |= personal_keys(item)
    return found


def assert_only_declared(store: Store) -> dict[str, int]:
    """Every stored request and queued event holds only its service's declared
    personal fields; returns how many rows were checked per service."""
    checked: dict[str, int] = {}
    with store.read() as session:
        requests = {r.id: r for r in session.scalars(select(RequestRow))}
        events = list(session.scalars(select(OutboxEvent)))
    rows = [(r.service_id, r.payload) for r in requests.values()]
    rows += [
        (requests[e.request_id].service_id if e.request_id in requests else None, e.payload)
        for e in events
    ]
    for service, payload in rows:
        declared = set(declaration(service).fields) if service else set()
        fields = {PERSONAL_KEYS[k] for k in personal_keys(payload)}
        assert fields <= declared, f"{service} stores undeclared {fields - declared}"
        assert undeclared_keys(service, payload) == []
        checked[str(service)] = checked.get(str(service), 0) + 1
    return checked


def card_needles(card: EidCardData) -> dict[str, bytes]:
    """What of the card must never be in the store: the photo (bytes, hashes, base64),
    the names, the address, the card number."""
    photo = card.photo
    return {
        "photo bytes": photo[64:128],
        "photo sha256": hashlib.sha256(photo).hexdigest().encode(),
        "photo sha1": hashlib.sha1(photo).hexdigest().encode(),
        "photo base64": base64.b64encode(photo)[16:64],
        "surname": card.identity.surname.encode(),
        "first names": card.identity.first_names.encode(),
        "street": card.address.street.encode(),
        "card number": card.identity.card_number.encode(),
    }


def found_in_store(store: Store, needles: dict[str, bytes]) -> list[str]:
    """Needles in any decrypted document of the store, and in the raw file bytes."""
    found = []
    with store.read() as session:
        documents = [
            *session.scalars(select(RequestRow.payload)),
            *session.scalars(select(OutboxEvent.payload)),
            *session.scalars(select(PrintedReceipt.document)),
            *session.scalars(select(PaymentJournalEntry.detail)),
            *session.scalars(select(SyncState.value)),
        ]
    for document in documents:
        text = json.dumps(document, ensure_ascii=False).encode()
        found += [name for name, needle in needles.items() if needle in text]
    raw = sqlite3.connect(store.path)
    try:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in raw.execute(f'SELECT * FROM "{table}"'):
                for cell in row:
                    data = cell if isinstance(cell, bytes) else str(cell).encode()
                    found += [f"{table}: {n}" for n, needle in needles.items() if needle in data]
    finally:
        raw.close()
    for path in Path(store.path).parent.glob(Path(store.path).name + "*"):
        data = path.read_bytes()
        found += [f"{path.name}: {n}" for n, needle in needles.items() if needle in data]
    return found


def identified_details(journey: Journey) -> dict[str, Any]:
    """What the UI hands the fulfil step (ui/viewmodels/journey.py): the session's
    details, the service and, from the card, the national number only."""
    card = journey.session.card
    assert card is not None and journey.session.service_id is not None
    return {
        **journey.session.details,
        "service_id": journey.session.service_id,
        "national_number": card.identity.national_number,
    }


def test_certificate_journeys_with_a_photo_card_store_only_the_national_number(strict_store):
    card = photo_card()
    catalog = demo_catalog()
    certificates = CertificateService(
        strict_store, catalog, SITE, ReceiptSpool(strict_store, None), FOLLOW
    )
    handle = certificate_handler(certificates)
    services = [s.id for s in catalog.services if s.kind == "certificate"]
    assert len(services) == 5
    for service_id in services:
        journey = Journey(catalog, lambda: 0.0, Timeouts(), is_available=lambda _s: "")
        journey.start()
        journey.choose_language("fr")
        journey.identified(card)
        journey.choose_service(service_id)
        journey.confirm_details({"delivery": "post"})
        assert journey.state in (State.REVIEW, State.PAY, State.FULFIL)
        handle("fr", identified_details(journey))
        journey.cancel()  # the session is wiped; the store keeps what was declared
    checked = assert_only_declared(strict_store)
    assert checked == {s: 2 for s in services}  # a request row and its event each
    with strict_store.read() as session:
        payloads = list(session.scalars(select(RequestRow.payload)))
    assert {p["national_number"] for p in payloads} == {card.identity.national_number}
    assert found_in_store(strict_store, card_needles(card)) == []


def test_paid_certificate_and_letter_payment_store_only_their_declared_fields(strict_store):
    nn = CITIZEN.identity.national_number
    catalog = demo_catalog()
    spool = ReceiptSpool(strict_store, None)
    certificates = CertificateService(strict_store, catalog, SITE, spool, FOLLOW)
    owner = DeviceOwner("card_terminal", SimulatedCardTerminal())
    try:
        payments = PaymentService(strict_store, spool, SITE, owner, None, FAST)
        paid_certificate = certificate_delivery(
            certificates,
            catalog,
            service_id="cert-birth",
            national_number=nn,
            delivery="portal",
            language="nl",
        )
        assert payments.card.pay(300, language="nl", deliver=paid_certificate).ok
        letter = letter_delivery(
            catalog,
            SITE,
            language="fr",
            details={
                "communication": make_communication(4242),
                "amount_cents": 2500,
                "iban": "BE68539007547034",
            },
        )
        assert payments.card.pay(2500, language="fr", deliver=letter).ok
    finally:
        owner.close()
    checked = assert_only_declared(strict_store)
    # Each: its request, the payment's completed event; the certificate's submitted event.
    assert (checked["cert-birth"], checked["letter-payment"]) == (3, 2)
    assert found_in_store(strict_store, card_needles(photo_card())) == []


def test_queue_tickets_store_nothing_personal(strict_store):
    catalog = demo_catalog()
    tickets = TicketService(strict_store, catalog, SITE, ReceiptSpool(strict_store, None))
    tickets.issue(catalog.desks[0].id, "en")
    assert assert_only_declared(strict_store) == {"queue-ticket": 2}
    with strict_store.read() as session:
        assert not any(personal_keys(p) for p in session.scalars(select(RequestRow.payload)))


def test_appointments_and_case_lookups_send_the_number_and_store_none_of_it(strict_store, city):
    card = photo_card()
    nn = card.identity.national_number
    now = datetime.now(UTC)
    day = booking_days(now.date())[0]
    slot = free_slots(city, SITE.id, day, "appt-id-card", now)[0]
    booking = appointment_handler(
        AppointmentService(
            city, strict_store, demo_catalog(), SITE, ReceiptSpool(strict_store, None)
        )
    )
    # The card session the citizen's PIN and card signature open: booking and lookups
    # in the citizen's name need it.
    session = city.open_card_session(card_of(shared_test_pki(), nn).prove)
    booked = booking(
        "fr",
        {"service_id": "appt-id-card", "site": SITE.id, "slot_id": slot.id, "national_number": nn,
         "card_session": session},
    )
    assert booked["kind"] == "appointment"
    cases = case_followup_handler(city)(
        "fr", {"service_id": "case-followup", "national_number": nn, "card_session": session}
    )
    assert cases["kind"] == "case_followup"
    assert assert_only_declared(strict_store) == {}  # read, not stored: nothing queued
    needles = {**card_needles(card), "national number": nn.encode()}
    assert found_in_store(strict_store, needles) == []


def request_row(service_id: str, payload: dict[str, Any]) -> RequestRow:
    return RequestRow(
        id=str(uuid.uuid4()),
        kind="certificate_request",
        service_id=service_id,
        reference=f"REF-{uuid.uuid4().hex[:8]}",
        site=SITE.id,
        kiosk_id=SITE.kiosk_id,
        language="fr",
        status="committed",
        payload=payload,
        created_at=datetime.now(UTC),
    )


@pytest.mark.parametrize(
    "extra",
    [
        {"surname": "X"},
        {"photo_sha256": "ab" * 32},
        {"birth_date": "1985-07-30"},
        {"favourite_colour": "blue"},
        {"payment": {"masked_pan": "****1234"}},
    ],
)
def test_an_undeclared_field_in_a_payload_fails_in_strict_mode(strict_store, extra):
    payload = {"service_id": "cert-residence", "national_number": "85073003328", **extra}
    refused = pytest.raises(UndeclaredPersonalDataError, match="cert-residence holds undeclared")
    with refused, strict_store.write() as session:
        session.add(request_row("cert-residence", payload))
    # An event tied to the request is checked against the same service.
    ok = request_row("cert-residence", {"national_number": "85073003328"})
    refused = pytest.raises(UndeclaredPersonalDataError, match="outbox event")
    with refused, strict_store.write() as session:
        session.add(ok)
        session.flush()
        session.add(
            OutboxEvent(
                event_id=str(uuid.uuid4()),
                type="certificate_request.submitted",
                request_id=ok.id,
                payload=payload,
                created_at=datetime.now(UTC),
                attempts=0,
                state="pending",
            )
        )
    with strict_store.read() as session:
        assert session.scalars(select(RequestRow)).all() == []  # nothing half-written


def test_production_drops_an_undeclared_field_and_warns_without_its_value(tmp_path, caplog):
    store = Store(tmp_path / "kiosk.db", strict_minimisation=False)
    try:
        payload = {"national_number": "85073003328", "surname": "Peeters", "delivery": "post"}
        with caplog.at_level(logging.WARNING), store.write() as session:
            row = request_row("cert-residence", payload)
            session.add(row)
            session.flush()
            session.add(
                OutboxEvent(
                    event_id=str(uuid.uuid4()),
                    type="address_change.submitted",
                    request_id=None,
                    payload={"street": "Rue de la Loi 16", "reference": "R"},
                    created_at=datetime.now(UTC),
                    attempts=0,
                    state="pending",
                )
            )
        with store.read() as session:
            assert session.get(RequestRow, row.id).payload == {
                "national_number": "85073003328",
                "delivery": "post",
            }
            assert session.scalars(select(OutboxEvent.payload)).one() == {"reference": "R"}
    finally:
        store.close()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("surname" in w and "cert-residence" in w for w in warnings), warnings
    assert any("street" in w for w in warnings), warnings
    assert not any("Peeters" in w or "Rue de la Loi" in w for w in warnings)


def test_minimise_names_keys_and_walks_nested_documents():
    payload = {"national_number": "1", "payment": {"method": "card", "photo": "x"}}
    assert undeclared_keys("cert-life", payload) == ["payment.photo"]
    assert minimise("cert-life", payload, strict=False) == {
        "national_number": "1",
        "payment": {"method": "card"},
    }
    # No service (an event of no request): nothing personal at all, the rest is free.
    assert undeclared_keys(None, {"national_number": "1", "cashbox": 3}) == ["national_number"]
    # A service without a declaration stores nothing personal.
    assert undeclared_keys("no-such-service", {"national_number": "1"}) == ["national_number"]


# A payload key for each declared field: what a service's rows may hold.
KEY_OF_FIELD = {field: key for key, field in PERSONAL_KEYS.items()}


@pytest.mark.parametrize("service_id", [d.service_id for d in DECLARATIONS])
def test_every_service_keeps_its_declared_fields_and_nothing_more(service_id):
    declared = declaration(service_id).fields
    assert all(field in KEY_OF_FIELD for field in declared), "a field no payload key carries"
    payload = {"service_id": service_id, "reference": "REF-1"}
    payload |= {KEY_OF_FIELD[field]: "x" for field in declared}
    assert minimise(service_id, payload, strict=True) == payload
    for extra in ("surname", "street", "photo_sha256", "card_number"):
        with pytest.raises(UndeclaredPersonalDataError, match=extra):
            minimise(service_id, {**payload, extra: "x"}, strict=True)
    undeclared = [k for k, f in PERSONAL_KEYS.items() if f not in declared]
    assert set(undeclared_keys(service_id, dict.fromkeys(undeclared, "x"))) == set(undeclared)
