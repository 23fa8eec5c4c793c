"""Personal data at rest: a stolen store file reveals no citizen, and the store refuses
to open with a missing or wrong key, naming the key file."""

from __future__ import annotations

import json
import sqlite3
import stat
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import select

from drivers.payment.simulated import SimulatedCardTerminal
from kiosk.backend.demo_citizens import DEMO_CITIZENS
from kiosk.config.loader import load_config
from kiosk.devices import DeviceOwner
from kiosk.domain.catalog import demo_catalog
from kiosk.domain.certificates import CertificateService
from kiosk.library.offline import CHECKOUT, OfflineStore
from kiosk.payments.delivery import certificate_delivery
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.crypto import KEY_BYTES, StoreKeyError, create_key, default_key_path
from kiosk.store.database import MIGRATIONS, Store, create_sqlite_engine
from kiosk.store.models import LibraryTransaction, OutboxEvent, RequestRow
from kiosk.updates.schema import main as schema_main
from sync.outbox import Outbox
from tests.kiosk.payments.conftest import FAST, SITE
from tests.library.conftest import SOPHIE

CITIZEN = DEMO_CITIZENS[0]
FOLLOW = "https://example.test/{reference}"


def needles() -> dict[str, str]:
    identity = CITIZEN.identity
    return {
        "national number": identity.national_number,
        "surname": identity.surname,
        "first names": identity.first_names,
        "street": CITIZEN.address.street,
        "library card": SOPHIE,
    }


def clear_findings(db: Path) -> list[str]:
    """Every needle found in clear: in any cell of any table (raw sqlite3, no key) and
    in the raw bytes of the database, its WAL and shared-memory files."""
    found = []
    connection = sqlite3.connect(db)
    try:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                for cell in row:
                    data = cell if isinstance(cell, bytes) else str(cell).encode()
                    found += [
                        f"{table}: {kind}"
                        for kind, value in needles().items()
                        if value.encode() in data
                    ]
    finally:
        connection.close()
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        if path.exists():
            data = path.read_bytes()
            found += [
                f"{path.name} bytes: {kind}"
                for kind, value in needles().items()
                if value.encode() in data
            ]
    return found


def citizen_journey(store: Store) -> None:
    """A free certificate request, a paid one by card, an offline library checkout and
    its staff report, and a dead letter carrying the citizen's name and address."""
    nn = CITIZEN.identity.national_number
    catalog = demo_catalog()
    spool = ReceiptSpool(store, None)
    certificates = CertificateService(store, catalog, SITE, spool, FOLLOW)
    certificates.request(
        service_id="cert-residence", national_number=nn, delivery="portal", language="fr"
    )

    from kiosk.payments.service import PaymentService

    owner = DeviceOwner("card_terminal", SimulatedCardTerminal())
    try:
        payments = PaymentService(store, spool, SITE, owner, None, FAST)
        deliver = certificate_delivery(
            certificates,
            catalog,
            service_id="cert-residence",
            national_number=nn,
            delivery="post",
            language="nl",
        )
        assert payments.card.pay(300, language="nl", deliver=deliver).ok
    finally:
        owner.close()

    offline = OfflineStore(store)
    offline.record(
        CHECKOUT, "30000000000011", patron_identifier=SOPHIE, patron_key="k" * 32, due=None
    )
    offline.report_problem(
        source_id=str(uuid.uuid4()),
        kind="checkout_refused",
        patron_identifier=SOPHIE,
        reason="on loan to another reader",
    )

    # A dead letter whose reason, the backend's own text, echoes the citizen's data
    # (minimisation keeps such fields out of payloads; error texts are encrypted too).
    identity = CITIZEN.identity
    echo = f"refused: {nn} {identity.surname} {identity.first_names}, {CITIZEN.address.street}"
    with store.write() as session:
        session.add(
            OutboxEvent(
                event_id=str(uuid.uuid4()),
                type="certificate_request.submitted",
                payload={"service_id": "cert-residence", "reference": "REF-DEAD"},
                created_at=datetime.now(UTC),
                attempts=1,
                state="rejected",
                last_error=echo,
                dead_letter_reason=echo,
                dead_lettered_at=datetime.now(UTC),
            )
        )


def test_a_citizen_journey_leaves_nothing_in_clear_in_the_store_file(tmp_path):
    db = tmp_path / "kiosk.db"
    store = Store(db)
    try:
        citizen_journey(store)
        # Through the store everything reads back in clear: the relay sends plain JSON.
        pending = Outbox(store).pending(50)
        assert CITIZEN.identity.national_number in json.dumps(pending)
        with store.read() as session:
            payloads = session.scalars(select(RequestRow.payload)).all()
            assert {p["national_number"] for p in payloads} == {CITIZEN.identity.national_number}
            txn = session.scalars(select(LibraryTransaction)).one()
            assert txn.patron_identifier == SOPHIE
        assert clear_findings(db) == []
    finally:
        store.close()
    assert clear_findings(db) == []  # after the WAL is checkpointed into the file too


def test_the_key_file_is_32_random_bytes_readable_by_its_owner_only(tmp_path):
    store = Store(tmp_path / "kiosk.db")
    store.close()
    key = default_key_path(tmp_path / "kiosk.db")
    assert store.key_path == key
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == KEY_BYTES
    Store(tmp_path / "kiosk.db").close()  # reopened with the same key
    assert Store(tmp_path / "other" / "kiosk.db").key_path.read_bytes() != key.read_bytes()


def test_a_wrong_key_is_refused_at_open_naming_the_key_file(tmp_path):
    db = tmp_path / "kiosk.db"
    store = Store(db)
    citizen_journey(store)
    store.close()
    wrong = tmp_path / "elsewhere" / "wrong.key"
    create_key(wrong)  # another device's key, say
    with pytest.raises(StoreKeyError, match=f"store key {wrong} is not the key"):
        Store(db, key_path=wrong)
    with pytest.raises(StoreKeyError, match="missing"):
        Store(db, key_path=tmp_path / "nowhere.key")  # never a fresh key for a used store
    assert not (tmp_path / "nowhere.key").exists()


def test_a_missing_key_is_an_error_and_never_replaced_by_a_new_one(tmp_path):
    db = tmp_path / "kiosk.db"
    Store(db).close()
    key = default_key_path(db)
    key.unlink()
    with pytest.raises(StoreKeyError, match=f"the store key {key} is missing"):
        Store(db)
    assert not key.exists()


def test_a_key_readable_by_others_is_refused(tmp_path):
    Store(tmp_path / "kiosk.db").close()
    key = default_key_path(tmp_path / "kiosk.db")
    key.chmod(0o644)
    with pytest.raises(StoreKeyError, match=r"readable by others.*chmod 600"):
        Store(tmp_path / "kiosk.db")


def test_a_value_moved_to_another_column_does_not_decrypt(tmp_path):
    db = tmp_path / "kiosk.db"
    store = Store(db)
    try:
        citizen_journey(store)
        raw = sqlite3.connect(db, isolation_level=None)
        raw.execute("UPDATE outbox SET payload = (SELECT payload FROM requests LIMIT 1)")
        raw.close()
        with pytest.raises(StoreKeyError, match=r"cannot decrypt outbox\.payload"):
            Outbox(store).pending(10)
    finally:
        store.close()


def test_the_key_path_comes_from_the_config(tmp_path, registry):
    key = tmp_path / "keys" / "device.key"
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[store]\npath = "{tmp_path / "kiosk.db"}"\nkey_path = "{key}"\n')
    store = Store.from_section(load_config(path, registry, {}).store)
    store.close()
    assert store.key_path == key and key.exists()
    assert not default_key_path(tmp_path / "kiosk.db").exists()


def test_migration_0009_encrypts_existing_rows_and_its_downgrade_decrypts_them(tmp_path):
    db = tmp_path / "old.db"
    engine = create_sqlite_engine(db, immediate=True)
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0008_privacy")
    nn = CITIZEN.identity.national_number
    payload = json.dumps({"national_number": nn, "street": CITIZEN.address.street})
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO requests (id, kind, service_id, reference, site, kiosk_id, language,"
            " status, payload, created_at) VALUES ('r1', 'certificate_request',"
            " 'cert-residence', 'REF-1', 'laeken', 'k1', 'fr', 'committed', ?,"
            " '2026-11-22 10:00:00')",
            (payload,),
        )
        connection.exec_driver_sql(
            "INSERT INTO library_transactions (txn_id, kind, patron_identifier, item_id,"
            " occurred_at, state, attempts) VALUES ('t1', 'checkout', ?, 'i1',"
            " '2026-11-22 10:00:00', 'pending', 0)",
            (SOPHIE,),
        )
    engine.dispose()

    store = Store(db)
    try:
        with store.read() as session:
            assert session.get(RequestRow, "r1").payload["national_number"] == nn
            assert session.scalars(select(LibraryTransaction.patron_identifier)).one() == SOPHIE
    finally:
        store.close()
    assert clear_findings(db) == []  # the old clear text is gone from free pages and WAL

    # A rollback to the previous release: its schema tool steps back with the key file.
    assert schema_main(["downgrade", str(db), "0008_privacy"]) == 0
    raw = sqlite3.connect(db)
    try:
        assert json.loads(raw.execute("SELECT payload FROM requests").fetchone()[0]) == {
            "national_number": nn,
            "street": CITIZEN.address.street,
        }
        assert raw.execute("SELECT patron_identifier FROM library_transactions").fetchone() == (
            SOPHIE,
        )
    finally:
        raw.close()
