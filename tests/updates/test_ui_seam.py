"""The UI's side of the update seams: session markers (the update lock waits for them),
the "switching" marker that keeps new sessions away between the idle check and the
restart, and markers that cannot be written never stopping the UI."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time

import pytest

from kiosk.config.loader import config_from_mapping
from kiosk.updates import activity as activity_module
from kiosk.updates.activity import (
    Activity,
    clear_switching,
    mark_switching,
    switching,
)
from kiosk.updates.install import current_version
from kiosk.updates.state import StateFile
from kiosk.updates.uimarkers import UiMarkers
from tests.updates.conftest import layout_of, make_updater


def wait_until(predicate, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def test_markers_only_for_a_kiosk_that_takes_updates(tmp_path, registry):
    plain = config_from_mapping({}, registry)
    assert UiMarkers.from_config(plain, "1.0.0") is None
    taking = config_from_mapping(
        {"updates": {"public_key": "ab" * 32, "state_dir": str(tmp_path)}}, registry
    )
    markers = UiMarkers.from_config(taking, "1.0.0")
    assert markers is not None and markers.state_dir == tmp_path


@pytest.fixture
def markers_in(tmp_path):
    made: list[UiMarkers] = []

    def make(state_dir=tmp_path, **kwargs) -> UiMarkers:
        made.append(UiMarkers(state_dir, "1.0.0", **kwargs))
        return made[-1]

    yield make
    for markers in made:
        markers.close()


def test_a_session_holds_the_update_lock_until_it_ends(tmp_path, markers_in):
    markers, activity = markers_in(), Activity(tmp_path, None)
    assert markers.begin_session() is True
    assert markers.flush()
    assert activity.busy() == "citizen session in progress"
    markers.note_session()  # the journey's own transition: already marked
    markers.end_session()
    assert markers.flush()
    assert activity.busy() is None and activity.idle_since() > 0


def test_no_session_starts_while_a_switch_is_under_way(tmp_path, markers_in):
    markers, activity = markers_in(), Activity(tmp_path, None)
    mark_switching(tmp_path, "2.0.0", hold_s=600)
    assert switching(tmp_path) == "2.0.0"
    wait_until(lambda: markers.switching == "2.0.0", timeout_s=10)  # seen by its own refresh
    assert markers.begin_session() is False
    assert markers.flush()
    assert activity.busy() is None  # refused: no session left behind
    clear_switching(tmp_path)
    assert markers.flush() and markers.switching is None
    assert markers.begin_session() is True


def test_markers_are_written_on_their_owner_thread_not_the_callers(tmp_path, markers_in,
                                                                  monkeypatch):
    """The GUI thread calls the markers at every state change; the fsync'd writes must
    happen elsewhere (a slow disk would stall the screen)."""
    writers: list[str] = []
    real_write = activity_module.write_json

    def recording_write(path, data):
        writers.append(threading.current_thread().name)
        real_write(path, data)

    monkeypatch.setattr(activity_module, "write_json", recording_write)
    markers = markers_in()
    assert markers.begin_session() is True
    markers.end_session()
    assert markers.flush()
    assert writers and set(writers) == {"ui-markers"}


def test_a_switching_marker_of_a_dead_updater_or_past_its_time_does_not_count(tmp_path):
    mark_switching(tmp_path, "2.0.0", hold_s=600)
    assert switching(tmp_path, wall=lambda: time.time() + 601) is None
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    (tmp_path / "switching.json").write_text(
        f'{{"version": "2.0.0", "pid": {int(dead.stdout)}, "until": {time.time() + 600}}}'
    )
    assert switching(tmp_path) is None
    (tmp_path / "switching.json").write_text("{half a file")
    assert switching(tmp_path) is None


def test_markers_that_cannot_be_written_are_logged_and_the_ui_goes_on(
    tmp_path, caplog, markers_in
):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    markers = markers_in(blocker / "updates")
    with caplog.at_level(logging.WARNING, logger="kiosk.updates.uimarkers"):
        markers.first_frame()
        assert markers.begin_session() is True
        markers.end_session()
        assert markers.flush()
    assert sum("update marker" in r.getMessage() for r in caplog.records) == 3


class CitizenTouches:
    """The real :class:`Activity`, with a citizen leaving the attract screen at the worst
    moment: right after the updater's idle check (``before_marker``) or right after it
    wrote the switching marker (not ``before_marker``)."""

    def __init__(self, activity: Activity, markers: UiMarkers, before_marker: bool,
                 before_refresh: bool = False) -> None:
        self.activity, self.markers, self.before_marker = activity, markers, before_marker
        self.before_refresh = before_refresh
        self.accepted: bool | None = None

    def busy(self) -> str | None:
        marker = switching(self.markers.state_dir) is not None
        if self.accepted is None and marker != self.before_marker:
            if not self.before_refresh:
                self.markers.flush()  # the UI has re-read the switching state
            self.accepted = self.markers.begin_session()
        return self.activity.busy()

    def idle_since(self) -> float:
        return self.activity.idle_since()


def test_a_citizen_touching_just_after_the_idle_check_is_waited_for(root, keys, bundles):
    layout = layout_of(root)
    markers = UiMarkers(layout.state_dir, "0.1.0")
    touches = CitizenTouches(Activity(layout.state_dir, None), markers, before_marker=True)
    updater = make_updater(root, keys.public, activity=touches)
    outcome: dict[str, object] = {}
    worker = threading.Thread(
        target=lambda: outcome.update(final=updater.apply(bundles["2.0.0"])), daemon=True
    )
    worker.start()
    try:
        states = StateFile(layout.state_dir)
        wait_until(lambda: states.load().reason == "citizen session in progress")
        assert touches.accepted is True  # the session started: the switch must wait
        assert current_version(layout) == "1.0.0"
        assert switching(layout.state_dir) is None  # and sessions are not kept away
        markers.end_session()
    finally:
        worker.join(90)
        markers.close()
    assert not worker.is_alive()
    assert outcome["final"].state == "healthy"
    assert current_version(layout) == "2.0.0"
    assert switching(layout.state_dir) is None  # cleared after the health gate


def test_a_citizen_touching_once_the_switch_began_stays_on_the_attract_screen(root, keys, bundles):
    layout = layout_of(root)
    markers = UiMarkers(layout.state_dir, "0.1.0")
    touches = CitizenTouches(Activity(layout.state_dir, None), markers, before_marker=False)
    try:
        final = make_updater(root, keys.public, activity=touches).apply(bundles["2.0.0"])
    finally:
        markers.close()
    assert touches.accepted is False
    assert final.state == "healthy" and current_version(layout) == "2.0.0"
    assert Activity(layout.state_dir, None).busy() is None
    assert not (layout.state_dir / "switching.json").exists()


def test_a_session_accepted_before_the_ui_saw_the_switching_marker_is_waited_for(
    root, keys, bundles
):
    """The UI answers begin_session from memory; a citizen who touches right after the
    updater wrote its marker, before the UI re-read it, is accepted. The updater's
    settle time lets that session's marker reach the disk, so the switch waits for it."""
    layout = layout_of(root)
    markers = UiMarkers(layout.state_dir, "0.1.0", refresh_s=30.0)  # no timed re-read
    accepted: list[bool] = []
    stop = threading.Event()

    def touch_when_the_marker_appears() -> None:
        while not stop.is_set():
            if (layout.state_dir / "switching.json").exists():
                accepted.append(markers.begin_session())
                return
            time.sleep(0.001)

    toucher = threading.Thread(target=touch_when_the_marker_appears, daemon=True)
    toucher.start()
    updater = make_updater(root, keys.public, switch_settle_s=0.5)
    outcome: dict[str, object] = {}
    worker = threading.Thread(
        target=lambda: outcome.update(final=updater.apply(bundles["2.0.0"])), daemon=True
    )
    worker.start()
    try:
        states = StateFile(layout.state_dir)
        wait_until(lambda: states.load().reason == "citizen session in progress")
        assert accepted == [True]
        assert current_version(layout) == "1.0.0"  # the switch waits for that citizen
        markers.end_session()
    finally:
        stop.set()
        toucher.join(10)
        worker.join(90)
        markers.close()
    assert not worker.is_alive()
    assert outcome["final"].state == "healthy" and current_version(layout) == "2.0.0"
