"""The schedule driving the building, on an injected clock (no sleeping through minutes),
against pymodbus's own Modbus TCP server; closing announcements through espeak-ng."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from drivers.registry import default_registry
from kiosk.config.schema import LibraryAccessSection, LibraryScheduleSection
from kiosk.library.access.announce import EspeakAnnouncer
from kiosk.library.access.building import BuildingController
from kiosk.library.access.journal import AccessJournal
from kiosk.library.access.schedule import Schedule
from tests.drivers.relay.modbus_peer import modbus_peer

BRUSSELS = ZoneInfo("Europe/Brussels")
DOOR, LIGHTS, PCS, CONTACT = 0, 1, 2, 3
SETTINGS = LibraryAccessSection(door_coil=DOOR, lights_coil=LIGHTS, pcs_coil=PCS,
                                door_contact_input=CONTACT, lights_grace_s=300,
                                held_open_alert_s=30)
HOURS = LibraryScheduleSection(
    monday=("08:00-10:00 self-service", "10:00-18:00 staffed", "18:00-21:00 self-service"),
    exceptions={"2026-12-08": ()},
)


def at(day: int, hhmm: str, seconds: int = 0) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime(2026, 12, day, hours, minutes, seconds, tzinfo=BRUSSELS)


@pytest.fixture(scope="module")
def peer():
    with modbus_peer() as p:
        yield p


@pytest.fixture
def journal(tmp_path: Path):
    j = AccessJournal(tmp_path / "access.db")
    yield j
    j.close()


@pytest.fixture
def controller(peer):
    c = default_registry().open("relay", peer.uri)
    peer.inputs[CONTACT] = True  # door closed (normally-closed contact)
    yield c
    c.close()


def test_schedule_modes_and_exceptions():
    schedule = Schedule(HOURS)
    assert schedule.mode_at(at(7, "07:59")) == "closed"
    assert schedule.mode_at(at(7, "08:00")) == "self-service"
    assert schedule.mode_at(at(7, "12:00")) == "staffed"
    slot = schedule.slot_at(at(7, "18:30"))
    assert (slot.mode, slot.end) == ("self-service", at(7, "21:00"))
    assert schedule.mode_at(at(8, "12:00")) == "closed"  # the exception: a holiday
    # closed from Monday 21:00 through the holiday to next Monday 08:00
    assert schedule.slot_at(at(7, "22:00")).end == at(14, "08:00")
    assert Schedule(LibraryScheduleSection()).mode_at(at(7, "03:00")) == "self-service"


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng (Debian) missing")
def test_a_library_day_drives_coils_announcements_and_journal(tmp_path, peer, controller,
                                                              journal):
    announcer = EspeakAnnouncer(wav_dir=tmp_path)
    now = [at(7, "07:59")]
    building = BuildingController(SETTINGS, Schedule(HOURS), controller, journal, announcer,
                                  now=lambda: now[0])

    def tick(when: datetime) -> list[bool]:
        now[0] = when
        building.tick(when)
        return peer.coils(0, 3)  # door, lights, pcs

    assert tick(at(7, "07:59"))[PCS] is False
    assert tick(at(7, "08:00")) == [False, True, True]  # lights, PCs on; door in card mode
    assert tick(at(7, "10:00")) == [True, True, True]  # staffed: the door opens freely
    assert tick(at(7, "18:00")) == [False, True, True]
    assert announcer.spoken == []
    tick(at(7, "20:45"))
    assert [p.name for p in announcer.spoken] == [
        "announcement-001-fr.wav", "announcement-002-nl.wav", "announcement-003-en.wav"]
    assert all(p.read_bytes()[:4] == b"RIFF" and p.stat().st_size > 10_000
               for p in announcer.spoken)
    assert building.banner is not None and "15 minutes" in building.banner
    tick(at(7, "20:50"))
    assert len(announcer.spoken) == 3  # said once
    tick(at(7, "20:55"))
    assert len(announcer.spoken) == 6 and "5 minuten" in (building.banner or "")
    assert tick(at(7, "21:00")) == [False, True, False]  # PCs off, door locked, lights on
    assert tick(at(7, "21:04", 59))[LIGHTS] is True  # the grace period
    assert tick(at(7, "21:05")) == [False, False, False]
    actions = [(s.mode, s.action) for s in reversed(journal.switches())]
    assert actions[-4:] == [("self-service", "announce 5 min"), ("closed", "pcs off"),
                            ("closed", "door locked"), ("closed", "lights off")]
    assert ("staffed", "door free") in actions
    assert all(s.ok for s in journal.switches())
    beat = journal.heartbeat_section()
    assert beat["last_switch"]["action"] == "lights off" and beat["alerts"] == []


def test_door_forced_and_held_open(peer, controller, journal):
    now = [at(7, "08:30")]
    building = BuildingController(SETTINGS, Schedule(HOURS), controller, journal,
                                  now=lambda: now[0])
    building.tick(now[0])
    peer.inputs[CONTACT] = False  # opened with the door locked
    building.tick(at(7, "08:30", 5))
    assert [a.kind for a in journal.open_alerts()] == ["door_forced"]
    peer.inputs[CONTACT] = True
    building.tick(at(7, "08:30", 10))
    assert journal.open_alerts() == []
    # A patron's entry: unlocked for 5 s, then the door stays open.
    now[0] = at(7, "08:31")
    building.note_unlock(5)
    peer.inputs[CONTACT] = False
    building.tick(at(7, "08:31", 2))
    building.tick(at(7, "08:31", 30))
    assert journal.open_alerts() == []  # not yet held_open_alert_s past the entry
    building.tick(at(7, "08:31", 40))
    assert [a.kind for a in journal.open_alerts()] == ["door_held_open"]
    assert [a["kind"] for a in journal.heartbeat_section()["alerts"]] == ["door_held_open"]
    peer.inputs[CONTACT] = True
    building.tick(at(7, "08:32"))
    assert journal.open_alerts() == []


def test_controller_unreachable_is_journaled_and_retried(journal):
    with modbus_peer() as first:
        port = first.port
    controller = default_registry().open("relay", f"modbus+tcp://127.0.0.1:{port}?timeout=1")
    building = BuildingController(SETTINGS, Schedule(HOURS), controller, journal,
                                  now=lambda: at(7, "08:30"))
    try:
        building.tick(at(7, "08:30"))  # the controller is gone
        assert [a.kind for a in journal.open_alerts()] == ["controller_unreachable"]
        assert journal.switches()[0].ok is False
        with modbus_peer(port=port) as back:  # it comes back: the switch is applied now
            back.inputs[CONTACT] = True
            building.tick(at(7, "08:30", 1))
            assert back.coils(0, 3) == [False, True, True]
            assert journal.open_alerts() == []
    finally:
        controller.close()
