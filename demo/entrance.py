"""The library entrance in the headless demo (``make demo``): demo-out/entrance/.

Qt-free, so it runs on a thread of its own while the screens are played. Two parts:

- **After-hours access (Open+)**: one library evening on a demo clock, against the
  embedded library system over SIP2 and pymodbus's own Modbus TCP server as the door
  controller (both on 127.0.0.1): the schedule switches the building (lights, PCs, door
  mode), patrons present cards and an eID token at the door in self-service hours, the
  closing announcements are spoken into WAV files (espeak-ng, FR/NL/EN) with the banner's
  words, and the building closes. ``access-log.txt`` is the evening as staff would read
  it (coils included), ``access-status.json`` what the heartbeat reports (no card
  numbers, no names).
- **Visitor counting**: the rendered evaluation scenes (kiosk/counting/scenes.py; not
  recordings) played as the entrance camera, one 15-minute period each, through the
  same counting loop as ``kiosk counter serve`` into a kiosk store's outbox;
  ``counting-periods.csv`` and ``counting-periods.svg`` are the per-period totals the
  outbox would send, ``counting-scenes.csv`` compares each scene's with its known counts.
"""

from __future__ import annotations

import csv
import json
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

log = logging.getLogger(__name__)

BRUSSELS = ZoneInfo("Europe/Brussels")
EVENING = datetime(2026, 12, 7, 0, 0, tzinfo=BRUSSELS)  # a Monday
HOURS = ("09:00-12:00 staffed", "12:00-20:00 self-service")
DOOR, LIGHTS, PCS, CONTACT = 0, 1, 2, 0
MIN_AGE = 12
# Who comes to the door (demo library cards, kiosk/backend/library/seed.py; invented).
VISITS = (
    ("18:30", "21000000000101", "a patron with a valid card"),
    ("18:42", "21000000000404", "a patron whose account is blocked by fines"),
    ("18:55", "21000000000606", "a child alone (birth date from the library system)"),
    ("19:10", "21000000009999", "a card the library does not know"),
    ("20:02", "21000000000101", "the first patron again, after closing"),
)
TICKS = ("08:59", "09:00", "12:00", "19:45", "19:55", "20:00", "20:04", "20:05")


@dataclass
class EntranceResult:
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def at(hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return EVENING.replace(hour=hours, minute=minutes)


def run_entrance_demo(out_dir: Path) -> EntranceResult:
    """Both parts into ``out_dir`` (created, emptied of an earlier run's files)."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    result = EntranceResult(out_dir)
    _access_evening(result)
    _counting(result)
    return result


# --- after-hours access --------------------------------------------------------------


def _access_evening(result: EntranceResult) -> None:
    from drivers.registry import default_registry
    from drivers.relay.pymodbus_peer import modbus_peer
    from drivers.sip2 import Sip2Client, Sip2Settings
    from kiosk.backend.library.seed import DEMO_LINK_KEY, demo_library
    from kiosk.backend.library.sip2_server import LibrarySip2Service
    from kiosk.config.schema import LibraryAccessSection, LibraryScheduleSection
    from kiosk.library.access.announce import EspeakAnnouncer
    from kiosk.library.access.building import BuildingController
    from kiosk.library.access.closing import banner_texts, minutes_to_closing
    from kiosk.library.access.door import DoorService
    from kiosk.library.access.journal import AccessJournal
    from kiosk.library.access.schedule import Schedule

    out = result.out_dir
    now = [at("08:59")]
    settings = LibraryAccessSection(door_coil=DOOR, lights_coil=LIGHTS, pcs_coil=PCS,
                                    door_contact_input=CONTACT, door_open_s=3.0,
                                    min_age_self_service=MIN_AGE, lights_grace_s=300,
                                    journal_path=str(out / "access.db"))
    schedule = Schedule(LibraryScheduleSection(monday=HOURS))
    lines: list[str] = [
        "Open+ after-hours access: one evening at the demo library (demo clock; "
        "Modbus TCP: pymodbus's server; SIP2: the embedded library system)",
        f"hours on Mondays: {', '.join(HOURS)}; age rule: {MIN_AGE}+ alone in self-service",
        "",
    ]
    speech = None
    if shutil.which("espeak-ng"):
        (out / "announcements").mkdir()
        speech = EspeakAnnouncer(wav_dir=out / "announcements")
    else:
        result.notes.append("espeak-ng missing: closing announcements not spoken")
    acs = LibrarySip2Service(demo_library(), charset="utf-8")
    acs.start()
    try:
        with modbus_peer() as peer:
            peer.inputs[CONTACT] = True  # the door is closed (normally-closed contact)
            controller = default_registry().open("relay", peer.uri)
            client = Sip2Client(Sip2Settings(
                host="127.0.0.1", port=acs.port or 0, institution_id="BXL",
                login_user="kiosk", login_password="kiosk", connect_timeout_s=2.0,
                read_timeout_s=2.0))
            journal = AccessJournal(out / "access.db", now=lambda: now[0].astimezone(UTC))
            try:
                building = BuildingController(settings, schedule, controller, journal, speech,
                                              now=lambda: now[0])
                door = DoorService(settings, controller, client, journal, DEMO_LINK_KEY,
                                   today=lambda: now[0].date(), wait=lambda _s: None,
                                   on_unlock=building.note_unlock)

                def coils() -> str:
                    door_c, lights, pcs = (peer.coils(DOOR, 1)[0], peer.coils(LIGHTS, 1)[0],
                                           peer.coils(PCS, 1)[0])
                    return (f"[door {'free' if door_c else 'locked'}, "
                            f"lights {'on' if lights else 'off'}, pcs {'on' if pcs else 'off'}]")

                events = sorted([(at(t), "tick", "") for t in TICKS]
                                + [(at(t), card, who) for t, card, who in VISITS])
                for when, what, who in events:
                    now[0] = when
                    stamp = f"{when:%H:%M}  {schedule.mode_at(when):<12}"
                    if what == "tick":
                        before = len(journal.switches())
                        building.tick(when)
                        latest = journal.switches()  # newest first
                        for switch in reversed(latest[: len(latest) - before]):
                            lines.append(f"{stamp} {switch.action} {coils()}")
                        minutes = minutes_to_closing(schedule, settings.announce_before_min,
                                                     when)
                        if minutes is not None:
                            words = banner_texts(minutes)
                            lines.append(f"{stamp} banner on the library's screens: "
                                         + " / ".join(words[lang] for lang in ("fr", "nl", "en")))
                        continue
                    peer.writes.clear()
                    outcome = door.attempt(what, building.mode())
                    pulse = any(on for coil, on in peer.writes if coil == DOOR)
                    lines.append(
                        f"{stamp} door: {who}: {outcome.decision.result} "
                        f"({outcome.decision.reason}: \"{outcome.decision.text('en')}\")"
                        f"{' — door pulsed ' + str(settings.door_open_s) + ' s' if pulse else ''}")
                status = journal.heartbeat_section(recent=50)
            finally:
                journal.close()
                client.close()
                controller.close()
    finally:
        acs.stop()
    if speech is not None:
        lines.append("")
        lines.append("spoken: " + ", ".join(p.name for p in speech.spoken))
    log_path = out / "access-log.txt"
    log_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status_path = out / "access-status.json"
    status_path.write_text(json.dumps(status, indent=2, default=str) + "\n", encoding="utf-8")
    result.files += [log_path, status_path, *(speech.spoken if speech else [])]


# --- visitor counting ----------------------------------------------------------------


def _counting(result: EntranceResult) -> None:
    from sqlalchemy import select

    from kiosk.backend.fleet.charts import hourly_bars_svg
    from kiosk.config.schema import CountingSection
    from kiosk.counting.periods import EVENT_TYPE, run_counting
    from kiosk.counting.scenes import evaluation_set, render
    from kiosk.store.database import Store
    from kiosk.store.models import OutboxEvent

    out = result.out_dir
    scenes = evaluation_set()
    # The scenes as one evening at the entrance camera, one 15-minute period each,
    # through `kiosk counter serve`'s loop into a kiosk store's outbox.
    start = at("12:00").astimezone(UTC)
    clock: list[datetime] = [start]

    def evening() -> Iterator[np.ndarray]:
        for index, scene in enumerate(scenes):
            for n, frame in enumerate(render(scene)):
                clock[0] = start + timedelta(minutes=15 * index, seconds=n / 25)
                yield frame

    with tempfile.TemporaryDirectory(prefix="demo-counting-") as scratch:
        store = Store(Path(scratch) / "kiosk.db")  # counts only: nothing else is kept
        try:
            run_counting(evening(), store, "bxl-centre", "demo-library-door",
                         CountingSection(), threading.Event(), clock=_reader(clock))
            with store.read() as session:
                events = [e.payload for e in session.scalars(
                    select(OutboxEvent).where(OutboxEvent.type == EVENT_TYPE)
                    .order_by(OutboxEvent.created_at))]
        finally:
            store.close()
    periods_csv = out / "counting-periods.csv"
    with periods_csv.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["site", "period_start", "period_min", "entries", "exits"])
        for e in events:
            writer.writerow([e["site"], e["period_start"], e["period_min"], e["entries"],
                             e["exits"]])
    # Each scene had a period of its own (a period with nobody is not sent).
    by_start = {datetime.fromisoformat(e["period_start"]): e for e in events}
    rows = []
    for index, scene in enumerate(scenes):
        event = by_start.get(start + timedelta(minutes=15 * index), {})
        rows.append([scene.name, scene.frames, scene.expected_in, event.get("entries", 0),
                     scene.expected_out, event.get("exits", 0)])
    scenes_csv = out / "counting-scenes.csv"
    with scenes_csv.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["scene", "frames", "expected_in", "counted_in", "expected_out",
                         "counted_out"])
        writer.writerows(rows)
    periods = [start + timedelta(minutes=15 * i) for i in range(len(scenes))]
    svg = out / "counting-periods.svg"
    svg.write_text(hourly_bars_svg(
        "People in per 15 minutes, rendered scenes", periods,
        [int(by_start.get(p, {}).get("entries", 0)) for p in periods], "#2f6fb3"),
        encoding="utf-8")
    result.files += [scenes_csv, periods_csv, svg]
    wrong = [r[0] for r in rows if (r[2], r[4]) != (r[3], r[5])]
    if wrong:
        result.notes.append("counted differently from the known counts: " + ", ".join(wrong))


def _reader(cell: list[datetime]) -> Callable[[], datetime]:
    return lambda: cell[0]


class EntranceSection:
    """Runs :func:`run_entrance_demo` on a thread while the screens are played."""

    TIMEOUT_S = 300.0

    def __init__(self, out_dir: Path) -> None:
        self._out_dir = out_dir
        self._result: EntranceResult | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="demo-entrance", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = run_entrance_demo(self._out_dir)
        except Exception as exc:  # reported with the others; the rest of the demo still ran
            log.exception("the library entrance section failed")
            self._error = exc

    def finish(self, failures: list[str]) -> EntranceResult | None:
        self._thread.join(self.TIMEOUT_S)
        if self._thread.is_alive():
            failures.append(f"the library entrance: not done within {self.TIMEOUT_S:.0f} s")
            return None
        if self._error is not None or self._result is None:
            failures.append(f"the library entrance: {self._error}")
            return None
        return self._result
