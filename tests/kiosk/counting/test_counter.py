"""People counting on the rendered evaluation set: exact counts, hysteresis, no frame
leaving memory, 15-minute totals in the outbox, and `kiosk counter count` on a video."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2
import pytest
from sqlalchemy import select

from kiosk.config.schema import CountingSection
from kiosk.counting.counter import count_frames
from kiosk.counting.detector import Blob
from kiosk.counting.periods import EVENT_TYPE, run_counting
from kiosk.counting.scenes import evaluation_set, render
from kiosk.counting.tracker import LineCounter
from kiosk.store.models import OutboxEvent

SCENES = {scene.name: scene for scene in evaluation_set()}


@pytest.mark.parametrize("name", list(SCENES))
def test_each_rendered_scene_is_counted_exactly(name):
    scene = SCENES[name]
    counts = count_frames(render(scene))
    assert (counts.entries, counts.exits) == (scene.expected_in, scene.expected_out)
    assert counts.frames == scene.frames


def test_in_direction_up_swaps_in_and_out():
    scene = SCENES["crossing each other"]
    counts = count_frames(render(scene), in_direction="up")
    assert (counts.entries, counts.exits) == (1, 1)
    one_in = count_frames(render(SCENES["one in"]), in_direction="up")
    assert (one_in.entries, one_in.exits) == (0, 1)


def test_swaying_inside_the_band_counts_once():
    counter = LineCounter(line_y=240, band=24, max_jump=80)
    path = [100, 180, 230, 250, 228, 262, 226, 258, 300, 380]  # sways across 240 thrice
    for y in path:
        counter.update([Blob(320, y, 50, 30)])
    assert (counter.entries, counter.exits) == (1, 0)
    for y in [300, 262, 218, 150]:  # and a real way back out
        counter.update([Blob(320, y, 50, 30)])
    assert (counter.entries, counter.exits) == (1, 1)


# The counting loop in a child process under strace: every system call of every thread
# (OpenCV's native code included) between the two marker look-ups is checked.
_COUNTING_CHILD = """
import json, os
from kiosk.counting.counter import PeopleCounter
from kiosk.counting.scenes import evaluation_set, render

scene = next(s for s in evaluation_set() if s.name == "a busy minute")
frames = list(render(scene))
counter = PeopleCounter()
counter.feed(frames[0])  # lazy imports and set-up before the watched part
os.path.exists("/KIOSK-COUNTING-START")
for frame in frames[1:]:
    counter.feed(frame)
os.path.exists("/KIOSK-COUNTING-END")
print(json.dumps({"in": counter.counts.entries, "out": counter.counts.exits}))
"""
_WRITES = re.compile(r"openat\(.*(O_WRONLY|O_RDWR|O_CREAT)")
_NETWORK = re.compile(r"\b(connect|sendto|sendmsg|socket)\(")


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace (Debian) missing")
def test_no_frame_leaves_memory(tmp_path: Path):
    """While counting: no file opened for writing, no socket, nothing sent — checked at
    the system-call level, so native code (OpenCV) is covered too."""
    trace = tmp_path / "strace.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    done = subprocess.run(
        ["strace", "-f", "-qq", "-o", str(trace),
         "-e", "trace=openat,creat,connect,sendto,sendmsg,socket,newfstatat,stat",
         sys.executable, "-c", _COUNTING_CHILD],
        capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {"in": 5, "out": 3}
    lines = trace.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if "/KIOSK-COUNTING-START" in line)
    end = next(i for i, line in enumerate(lines) if "/KIOSK-COUNTING-END" in line)
    assert end - start > 0
    watched = lines[start + 1:end]
    assert [line for line in watched if _WRITES.search(line) or _NETWORK.search(line)] == []


def test_counts_per_period_reach_the_outbox(store):
    """Two 15-minute periods on an injected clock: two events with their totals."""
    scene = SCENES["a busy minute"]
    start = datetime(2026, 12, 7, 9, 14, 30, tzinfo=UTC)
    frame_no = [0]

    def clock() -> datetime:
        # The busy minute's first half in the 09:00 period, the rest in 09:15.
        frame_no[0] += 1
        return start + timedelta(seconds=frame_no[0] * 60 / scene.frames)

    totals = run_counting(render(scene), store, "bxl-centre", "lib-door-01",
                          CountingSection(), threading.Event(), clock)
    assert (totals.entries, totals.exits) == (5, 3)
    with store.read() as session:
        rows = session.scalars(select(OutboxEvent).where(OutboxEvent.type == EVENT_TYPE)
                               .order_by(OutboxEvent.seq)).all()
        payloads = [r.payload for r in rows]
    assert [p["period_start"] for p in payloads] == [
        "2026-12-07T09:00:00+00:00", "2026-12-07T09:15:00+00:00"]
    assert sum(p["entries"] for p in payloads) == 5 and sum(p["exits"] for p in payloads) == 3
    assert set(payloads[0]) == {"site", "kiosk_id", "period_start", "period_min", "entries",
                                "exits"}


def test_counter_count_command_on_a_recorded_video(tmp_path: Path):
    scene = SCENES["a busy minute"]
    video = tmp_path / "entrance.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 25, (640, 480), False)
    assert writer.isOpened()
    for frame in render(scene):
        writer.write(frame)
    writer.release()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "counter", "count", "--source", str(video),
         "--line-y", "0.5", "--in-direction", "down", "--json"],
        capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"in": 5, "out": 3, "frames": scene.frames}
    missing = subprocess.run(
        [sys.executable, "-m", "kiosk", "counter", "count", "--source",
         str(tmp_path / "nope.avi"), "--json"],
        capture_output=True, text=True, timeout=60, env=env)
    assert missing.returncode != 0 and "nope.avi: no such video file" in missing.stderr


def test_counter_serve_commits_the_counts_of_its_source(tmp_path: Path):
    """`kiosk counter serve` on a recorded source: counts committed to the outbox."""
    from kiosk.store.database import Store

    scene = SCENES["crossing each other"]
    video = tmp_path / "entrance.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 25, (640, 480), False)
    for frame in render(scene):
        writer.write(frame)
    writer.release()
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\nsite = "laeken"\nid = "lib-laeken-door"\n'
                      f'[store]\npath = "{tmp_path}/kiosk.db"\n', encoding="utf-8")
    # systemd/kiosk-counter.service is Type=notify with a watchdog: a socket stands in
    # for systemd's notification socket.
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(tmp_path / "notify.sock"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(NOTIFY_SOCKET=str(tmp_path / "notify.sock"), WATCHDOG_USEC="60000000")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", "counter", "serve", "--config", str(config),
             "--source", str(video)], capture_output=True, text=True, timeout=120, env=env)
        notify.setblocking(False)
        notes = []
        with contextlib.suppress(BlockingIOError):
            while True:
                notes.append(notify.recv(4096).decode())
    finally:
        notify.close()
    assert done.returncode == 0, done.stderr
    assert notes[0].startswith("READY=1") and "WATCHDOG=1" in notes[1:]
    assert notes[-1] == "STOPPING=1"
    assert json.loads(done.stdout.splitlines()[-1]) == {"in": 1, "out": 1,
                                                        "frames": scene.frames}
    store = Store(tmp_path / "kiosk.db")
    try:
        with store.read() as session:
            [row] = session.scalars(select(OutboxEvent).where(OutboxEvent.type == EVENT_TYPE))
            assert (row.payload["site"], row.payload["entries"], row.payload["exits"]) == (
                "laeken", 1, 1)
    finally:
        store.close()
