"""One patron at the Open+ door: the embedded library system over real SIP2 on 127.0.0.1
and pymodbus's own Modbus TCP server as the door controller."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from drivers.registry import default_registry
from drivers.sip2 import Sip2Client
from kiosk.backend.library.seed import DEMO_LINK_KEY, demo_library
from kiosk.backend.library.sip2_server import LibrarySip2Service
from kiosk.config.schema import LibraryAccessSection
from kiosk.library.access.door import DoorService
from kiosk.library.access.journal import AccessJournal
from kiosk.library.eid import card_key, eid_patron_token
from tests.drivers.relay.modbus_peer import modbus_peer
from tests.library.conftest import EMMA, LUCAS, SOPHIE, sip2_settings

NOAH = "21000000000505"  # card no longer valid (expired)
LEA = "21000000000606"  # born 2016: under the age rule
DOOR = 5
SETTINGS = LibraryAccessSection(door_coil=DOOR, door_open_s=2.0, min_age_self_service=12,
                                allow_list_max_age_h=24)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 18, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def peer():
    with modbus_peer() as p:
        yield p


@pytest.fixture(scope="module")
def acs():
    service = LibrarySip2Service(demo_library(), charset="utf-8")
    service.start()
    yield service
    service.stop()


@pytest.fixture
def rig(tmp_path: Path, peer, acs):
    clock = Clock()
    waits: list[float] = []
    controller = default_registry().open("relay", peer.uri)
    client = Sip2Client(sip2_settings(acs.port))
    journal = AccessJournal(tmp_path / "access.db", now=clock)
    unlocks: list[float] = []
    door = DoorService(SETTINGS, controller, client, journal, DEMO_LINK_KEY,
                       today=lambda: clock.now.date(), wait=waits.append,
                       on_unlock=unlocks.append)
    peer.writes.clear()
    yield door, journal, clock, waits, unlocks
    client.close()
    controller.close()
    journal.close()


def test_valid_card_opens_the_door_for_door_open_s(rig, peer):
    door, journal, _, waits, unlocks = rig
    outcome = door.attempt(SOPHIE, "self-service")
    assert (outcome.decision.result, outcome.decision.reason) == ("granted", "welcome")
    assert outcome.online and outcome.door_pulsed
    assert peer.writes == [(DOOR, True), (DOOR, False)]  # a pulse, not a door left open
    assert waits == [2.0] and unlocks == [2.0]
    (entry,) = journal.entries()
    assert (entry.result, entry.reason, entry.mode, entry.via) == (
        "granted", "welcome", "self-service", "card")
    assert SOPHIE not in entry.patron_key and len(entry.patron_key) == 12
    assert journal.allow_list_size() == 1


@pytest.mark.parametrize(
    ("card", "reason"),
    [(EMMA, "account_blocked"), (NOAH, "card_not_valid"), ("29999999999999", "card_not_valid")],
)
def test_refusals_keep_the_door_shut_and_say_why(rig, peer, card, reason):
    door, journal, *_ = rig
    outcome = door.attempt(card, "self-service")
    assert (outcome.decision.result, outcome.decision.reason) == ("refused", reason)
    assert not outcome.door_pulsed and peer.writes == []
    for language in ("fr", "nl", "en"):
        words = outcome.decision.text(language)
        assert words and "EUR" not in words and "12" not in words  # never the amount
    assert journal.entries()[0].reason == reason
    assert journal.allow_list_size() == 0


def test_closed_hours_refuse_without_asking(rig, peer, acs):
    door, *_ = rig
    outcome = door.attempt(SOPHIE, "closed")
    assert outcome.decision.reason == "closed" and peer.writes == []


def test_staffed_hours_let_in_without_a_pulse(rig, peer):
    door, *_ = rig
    outcome = door.attempt(LUCAS, "staffed")
    assert outcome.decision.reason == "staffed_hours" and peer.writes == []


def test_unaccompanied_minor_by_eid_in_self_service(rig, peer):
    door, *_ = rig
    from kiosk.backend.demo_citizens import demo_citizen

    number = demo_citizen("sophie").identity.national_number
    token = eid_patron_token(number, DEMO_LINK_KEY)  # Sophie's linked eID
    young = door.attempt(token, "self-service", via="eid", birth_date=date(2016, 3, 1))
    assert young.decision.reason == "too_young" and peer.writes == []
    adult = door.attempt(token, "self-service", via="eid", birth_date=date(1985, 7, 30))
    assert adult.decision.granted


def test_unaccompanied_minor_by_library_card_from_the_sip2_birth_date(rig, peer):
    """A card gives no age: the birth date comes from the library system (SIP2 patron
    information's PB extension field)."""
    door, journal, *_ = rig
    young = door.attempt(LEA, "self-service")
    assert young.decision.reason == "too_young" and peer.writes == []
    assert journal.allow_list_size() == 0
    adult = door.attempt(SOPHIE, "self-service")  # born 1985, PB sent
    assert adult.decision.reason == "welcome" and adult.door_pulsed
    unknown_age = door.attempt(LUCAS, "self-service")  # no birth date on file
    assert unknown_age.decision.reason == "welcome"
    blocked = door.attempt(EMMA, "self-service")  # the 64's status flags still count
    assert blocked.decision.reason == "account_blocked"


def test_offline_allow_list_with_its_age(tmp_path, peer):
    """The library system stops answering: patrons it confirmed recently still enter."""
    acs = LibrarySip2Service(demo_library(), charset="utf-8")
    acs.start()
    clock = Clock()
    controller = default_registry().open("relay", peer.uri)
    client = Sip2Client(sip2_settings(acs.port))
    journal = AccessJournal(tmp_path / "access.db", now=clock)
    door = DoorService(SETTINGS, controller, client, journal, DEMO_LINK_KEY, wait=lambda s: None)
    try:
        assert door.attempt(SOPHIE, "self-service").decision.granted
        assert not door.attempt(EMMA, "self-service").decision.granted
        acs.stop()
        clock.now += timedelta(hours=2)
        assert journal.allow_list_age() == timedelta(hours=2)
        peer.writes.clear()
        again = door.attempt(SOPHIE, "self-service")
        assert (again.decision.reason, again.online) == ("offline_allow_list", False)
        assert peer.writes == [(DOOR, True), (DOOR, False)]
        assert door.attempt(LUCAS, "self-service").decision.reason == "offline_unknown"
        assert door.attempt(EMMA, "self-service").decision.reason == "offline_unknown"
        clock.now += timedelta(hours=23)  # confirmed 25 h ago: too old to trust
        assert door.attempt(SOPHIE, "self-service").decision.reason == "offline_unknown"
        assert journal.heartbeat_section()["allow_list"] == {"size": 1, "age_s": 25 * 3600}
        stored = (tmp_path / "access.db").read_bytes()
        assert SOPHIE.encode() not in stored  # hashed tokens only
        assert card_key(SOPHIE, DEMO_LINK_KEY)[:12] in {e.patron_key for e in journal.entries()}
    finally:
        acs.stop()
        client.close()
        controller.close()
        journal.close()


def test_controller_down_on_a_granted_entry_raises_the_alert(tmp_path, acs):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = default_registry().open("relay", f"modbus+tcp://127.0.0.1:{port}?timeout=1")
    client = Sip2Client(sip2_settings(acs.port))
    journal = AccessJournal(tmp_path / "access.db")
    door = DoorService(SETTINGS, controller, client, journal, DEMO_LINK_KEY, wait=lambda s: None)
    try:
        outcome = door.attempt(SOPHIE, "self-service")
        assert outcome.decision.granted and not outcome.door_pulsed
        assert "does not answer" in outcome.door_error
        assert [a.kind for a in journal.open_alerts()] == ["controller_unreachable"]
    finally:
        client.close()
        controller.close()
        journal.close()
