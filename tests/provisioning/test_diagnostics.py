"""The diagnostics bundle: config without secrets, versions, logs, device states and
the outbox summary — and none of the demo citizens' numbers or names anywhere in it."""

from __future__ import annotations

import io
import json
import stat
import tarfile
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from kiosk.backend.demo_citizens import DEMO_CITIZENS
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent
from provisioning.diagnostics import scrub
from tests.provisioning.helpers import kiosk


def personal_strings() -> list[str]:
    found = []
    for citizen in DEMO_CITIZENS:
        identity = citizen.identity
        found += [
            identity.national_number,
            identity.card_number,
            identity.surname,
            citizen.address.street,
        ]
        found += [name for name in identity.first_names.split() if len(name) > 3]
    return found


def test_the_bundle_has_what_helps_and_no_personal_data(tmp_path):
    store_path = tmp_path / "state" / "kiosk.db"
    store = Store(store_path)
    now = datetime.now(UTC)
    # Seeded past the minimisation check (a session of its own on the store's engine): the
    # outbox holds more personal data than any service may, to prove the bundle leaks
    # none of it even then.
    with Session(store._engine) as session, session.begin():
        for index, citizen in enumerate(DEMO_CITIZENS):
            identity = citizen.identity
            payload = {
                "national_number": identity.national_number,
                "surname": identity.surname,
                "first_names": identity.first_names,
                "street": citizen.address.street,
                "card": identity.card_number,
            }
            rejected = index == 0
            session.add(
                OutboxEvent(
                    event_id=str(uuid.uuid4()),
                    type="certificate.requested",
                    payload=payload,
                    created_at=now - timedelta(minutes=10 - index),
                    state="rejected" if rejected else "pending",
                    dead_letter_reason=(
                        f"unknown citizen {identity.national_number} '{identity.surname}'"
                    )
                    if rejected
                    else None,
                    dead_lettered_at=now if rejected else None,
                )
            )
    store.close()
    logs = tmp_path / "logs"
    logs.mkdir()
    citizen = DEMO_CITIZENS[1].identity
    (logs / "kiosk.log").write_text(
        f"2025-03-01 10:00:00 WARNING sync: refused {citizen.national_number}\n"
        "2025-03-01 10:00:01 INFO ui: attract screen\n"
    )
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[store]\npath = "{store_path}"\n'
        '[library]\nlogin_password = "hunter2-secret"\n'
        '[devices]\nprinter = "sim://printer"\n'
    )
    output = tmp_path / "out" / "diag.tar.gz"

    result = kiosk(
        "provision",
        "diagnostics",
        "--config",
        str(config),
        "--output",
        str(output),
        "--log-dir",
        str(logs),
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    with tarfile.open(output) as bundle:
        members = {
            m.name.split("/", 1)[1]: bundle.extractfile(m).read().decode()
            for m in bundle.getmembers()
        }
    assert set(members) == {
        "config.json",
        "versions.json",
        "logs.txt",
        "devices.json",
        "outbox.json",
        "README.txt",
    }
    outbox = json.loads(members["outbox.json"])
    assert outbox["pending"] == len(DEMO_CITIZENS) - 1 and outbox["dead_letters"] == 1
    assert outbox["oldest_pending_age_s"] >= 9 * 60 - 5
    assert outbox["dead_letter_list"][0]["type"] == "certificate.requested"
    config_json = json.loads(members["config.json"])["config"]
    assert config_json["library"]["login_password"] == "[redacted]"
    assert config_json["devices"]["printer"] == "sim://printer"
    assert json.loads(members["versions.json"])["python"]
    assert "attract screen" in members["logs.txt"]

    everything = io.StringIO()
    for text in members.values():
        everything.write(text)
    text = everything.getvalue()
    leaked = [s for s in personal_strings() if s in text]
    assert leaked == []
    assert "hunter2" not in text


def test_scrub_keeps_dates_and_versions():
    assert scrub("2025-03-01 10:00:00 v3.11.2 refused 85073003361") == (
        "2025-03-01 10:00:00 v3.11.2 refused [number]"
    )
    assert scrub("name 'Janssens' card 592-1234567-89") == "name '…' card [number]"
