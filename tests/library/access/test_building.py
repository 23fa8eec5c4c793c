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


class LossyLink:
    """The real controller behind a link that loses answers: ``lose_on_answer`` coil
    writes reach the controller but their answer is lost; ``drop_off`` writes of the
    coil "off" never reach it. Reads pass."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.lose_on_answer = 0
        self.drop_off = 0

    def set_coil(self, address: int, on: bool) -> None:
        from drivers.errors import DeviceError

        if not on and self.drop_off:
            self.drop_off -= 1
            raise DeviceError("write coil: the link dropped")
        self.inner.set_coil(address, on)
        if on and self.lose_on_answer:
            self.lose_on_answer -= 1
            raise DeviceError("write coil: no answer")

    def read_coils(self, address: int, count: int = 1) -> list[bool]:
        return self.inner.read_coils(address, count)

    def read_input(self, address: int) -> bool:
        return self.inner.read_input(address)


def test_an_entry_whose_on_answer_is_lost_still_locks_the_door(peer, controller, journal):
    from kiosk.library.access.door import pulse

    link = LossyLink(controller)
    link.lose_on_answer = 1  # the door was unlocked; the kiosk never heard so
    with pytest.raises(Exception, match="no answer"):
        pulse(link, DOOR, 0.0, lambda _s: None)
    assert peer.coils(DOOR, 1) == [False]


def test_a_door_left_unlocked_by_a_lost_off_is_locked_again_by_the_schedule(
        peer, controller, journal):
    """The pulse's "off" never reached the controller (three tries): the door stayed
    unlocked, and only a mode change wrote the coil again — hours later. The schedule loop
    now reads it back once the entry's unlock is over and locks it, and the alert stays
    open while it cannot."""
    from kiosk.library.access.door import pulse

    link = LossyLink(controller)
    now = [at(7, "08:30")]
    building = BuildingController(SETTINGS, Schedule(HOURS), link, journal,
                                  now=lambda: now[0])
    building.tick(now[0])  # self-service: card mode, door locked
    building.note_unlock(1)
    link.drop_off = 3
    with pytest.raises(Exception, match="dropped"):
        pulse(link, DOOR, 0.0, lambda _s: None)
    assert peer.coils(DOOR, 1) == [True]  # unlocked, after hours
    building.tick(at(7, "08:30", 1))  # the entry's unlock still running: left alone
    assert peer.coils(DOOR, 1) == [True]
    building.tick(at(7, "08:30", 5))
    assert peer.coils(DOOR, 1) == [False]
    assert "door coil set back" in [s.action for s in journal.switches()]
    assert journal.open_alerts() == []
