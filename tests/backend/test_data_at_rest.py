"""The backend's database holds no personal datum in clear (issue #23 item 7): after a
day's traffic (certificate requests, bookings, lookups, a certificate issued), the raw
SQLite file and a PostgreSQL dump are scanned for the demo citizens' national numbers,
names and streets. The application still reads everything back; other keys cannot."""

from __future__ import annotations

import re
import sqlite3
import stat
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import inspect, text

from kiosk.backend import cases
from kiosk.backend.crypto_fields import FieldKeyError, FieldKeys
from kiosk.backend.database import Database, sqlite_file
from kiosk.backend.demo_citizens import DEMO_CITIZENS, demo_citizen
from kiosk.backend.tables import CitizenRow, EventRow
from tests.backend.card_proof import card_of, card_session_headers, shared_test_pki
from tests.backend.harness import _pg_bindir
from tests.backend.test_documents import bearer, document, move, request_certificate

T = 10


def secrets_of_the_demo() -> list[bytes]:
    found = []
    for c in DEMO_CITIZENS:
        found += [c.identity.national_number, c.identity.surname, c.address.street]
        found += [name for name in c.identity.first_names.split() if len(name) > 3]
    return sorted({s.encode() for s in found})


def a_day_of_traffic(backend) -> None:
    kiosk, token = backend.device(site="bxl-centre")
    for key in ("sophie", "jan", "anna"):
        nn = demo_citizen(key).identity.national_number
        # The lookup carries that citizen's card session (PIN + card signature).
        with_card = card_session_headers(backend.url, token, card_of(shared_test_pki(), nn))
        looked_up = requests.post(f"{backend.url}/api/v1/citizens:lookup",
                                  json={"national_number": nn}, headers=with_card, timeout=T)
        assert looked_up.status_code == 200, looked_up.text
        assert looked_up.json()["surname"] == demo_citizen(key).identity.surname
    case_id = request_certificate(backend, kiosk, token, "mateo", "cert-residence", "fr",
                                  f"R-{uuid.uuid4().hex[:6]}")
    for status in ("in_progress", "ready"):
        move(backend, case_id, status)
    pdf = document(backend, case_id, token, "mateo")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    day = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    slots = requests.get(f"{backend.url}/api/v1/sites/bxl-centre/slots", params={"day": day},
                         headers=bearer(token), timeout=T).json()
    jan = demo_citizen("jan").identity.national_number
    booked = requests.post(f"{backend.url}/api/v1/sites/bxl-centre/appointments",
                           json={"slot_id": slots[0]["id"], "national_number": jan},
                           headers=card_session_headers(backend.url, token,
                                                        card_of(shared_test_pki(), jan)),
                           timeout=T)
    assert booked.status_code == 201, booked.text


def raw_bytes(backend) -> bytes:
    database_file = sqlite_file(backend.database.url)
    if database_file is not None:
        files = [database_file, Path(f"{database_file}-wal")]
        return b"".join(f.read_bytes() for f in files if f.exists())
    url = backend.db_url.replace("postgresql+psycopg://", "postgresql://")
    dump = subprocess.run([str(_pg_bindir() / "pg_dump"), "--no-owner", url],
                          capture_output=True, timeout=120, check=True)
    return dump.stdout


_SEALED = re.compile(rb"s1\.[^.\s\"]+\.([A-Za-z0-9+/]+={0,2})")
_BASE64 = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
CONTEXT = 16


def sealed_values(backend) -> list[bytes]:
    """The base64 of every sealed value stored, read as SQL returns it (not decrypted)."""
    found: list[bytes] = []
    with backend.database.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                found += _SEALED.findall(repr(tuple(row)).encode())
    return found


def in_ciphertext(raw: bytes, at: int, secret: bytes, sealed: list[bytes]) -> bool:
    """Whether the hit at ``at`` lies inside a stored sealed value's base64 (four letters
    of a name turn up in random base64 about once in 17 million places): the base64 run
    around the hit, with enough context, must be part of one sealed value."""
    start, end = at, at + len(secret)
    while start > max(0, at - CONTEXT) and raw[start - 1] in _BASE64:
        start -= 1
    while end < min(len(raw), at + len(secret) + CONTEXT) and raw[end] in _BASE64:
        end += 1
    window = raw[start:end]
    return len(window) >= len(secret) + CONTEXT and any(window in s for s in sealed)


def clear_occurrences(raw: bytes, secret: bytes, sealed: list[bytes]) -> int:
    hits = [m.start() for m in re.finditer(re.escape(secret), raw)]
    return sum(1 for at in hits if not in_ciphertext(raw, at, secret, sealed))


def test_a_name_inside_ciphertext_is_not_a_leak_but_one_beside_it_is():
    sealed = [b"q8Zr0f3+XyLenaTm2Wc9/PbK1vUs7hJd4nQe6oGxAiYl5tR=="]
    inside = b"\x00\x81s1.k1." + sealed[0] + b"\x00"
    assert clear_occurrences(inside, b"Lena", sealed) == 0
    beside = b"\x00\x81s1.k1." + sealed[0] + b"Lena\x00"
    assert clear_occurrences(beside, b"Lena", sealed) == 1
    alone = b"\x00\x17Lena\x00Peeters"
    assert clear_occurrences(alone, b"Lena", [*sealed, b"xxLenaxx"]) == 1


def test_no_personal_datum_in_clear_in_the_database(backend):
    a_day_of_traffic(backend)
    raw = raw_bytes(backend)
    assert b"CREATE TABLE" in raw or b"SQLite format 3" in raw  # really the database
    sealed = sealed_values(backend)
    assert sealed, "no sealed value found: the scan would excuse nothing and prove nothing"
    leaked = [s.decode() for s in secrets_of_the_demo() if clear_occurrences(raw, s, sealed)]
    assert leaked == [], f"{len(leaked)} personal values in clear in the database"

    with backend.database.read() as session:  # the application reads it all back
        sophie = demo_citizen("sophie")
        citizen = cases.citizen(session, sophie.identity.national_number)
        assert citizen is not None and citizen.first_names == sophie.identity.first_names
        assert [m.first_names for m in citizen.household] == ["Lucas"]
        event = session.query(EventRow).filter(EventRow.type.like("certificate%")).first()
        assert event.payload["national_number"] == demo_citizen("mateo").identity.national_number


def test_database_and_key_files_are_private(tmp_path):
    url = f"sqlite:///{tmp_path / 'backend.db'}"
    database = Database(url)
    try:
        database.create_schema()
        with database.write() as session:
            session.add(CitizenRow(national_number="85073012487", sealed_number="85073012487",
                                   surname="X", first_names="Y",
                                   birth_date=datetime(1985, 7, 30).date(), street="S",
                                   postcode="1000", municipality="Bruxelles",
                                   household_id="h"))
        files = [tmp_path / "backend.db", tmp_path / "backend.db-wal",
                 tmp_path / "backend.db.keys"]
        for path in files:
            assert path.exists(), path
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        database.close()


def test_other_keys_read_nothing_and_rotation_keeps_old_values(tmp_path):
    url = f"sqlite:///{tmp_path / 'backend.db'}"
    old = FieldKeys.generate()
    first = Database(url, keys=old)
    try:
        first.create_schema()
        with first.write() as session:
            session.add(CitizenRow(national_number="85073012487", sealed_number="85073012487",
                                   surname="Peeters", first_names="Jan",
                                   birth_date=datetime(1985, 7, 30).date(), street="S",
                                   postcode="1000", municipality="Bruxelles",
                                   household_id="h"))
    finally:
        first.close()
    stranger = Database(url, keys=FieldKeys.generate())
    try:
        with stranger.read() as session, pytest.raises(FieldKeyError, match="citizens"):
            session.query(CitizenRow).all()
    finally:
        stranger.close()
    # Rotation: a new current key; values sealed under the old one still read.
    rotated = FieldKeys("k2", {**old.keys, "k2": FieldKeys.generate().keys["k1"]}, old.index)
    second = Database(url, keys=rotated)
    try:
        with second.read() as session:
            row = session.get(CitizenRow, "85073012487")
            assert row is not None and row.surname == "Peeters"
        with second.write() as session:
            session.get(CitizenRow, "85073012487").surname = "Janssens"
        with second.read() as session:
            assert session.get(CitizenRow, "85073012487").surname == "Janssens"
    finally:
        second.close()
    with sqlite3.connect(tmp_path / "backend.db") as raw:
        first_names, surname = raw.execute(
            "SELECT first_names, surname FROM citizens").fetchone()
    assert first_names.startswith("s1.k1.")  # untouched: still under the old key
    assert surname.startswith("s1.k2.")  # rewritten: under the current key
