"""The GUI's one way to do background work (ui/operations.py): work on a pool thread or
on a device's owner thread, the outcome back on the GUI thread, nothing after close."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThreadPool

from kiosk.devices import DeviceOwner
from ui.operations import BackgroundRunner

T_MS = 10_000


class Device:
    """A device whose call blocks until the test releases it."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.entered = threading.Event()
        self.threads: list[str] = []

    def read(self) -> str:
        self.threads.append(threading.current_thread().name)
        self.entered.set()
        assert self.release.wait(10), "the test never released the device"
        return "code"


@pytest.fixture
def runner(qapp):
    pool = QThreadPool()
    made = BackgroundRunner(pool)
    yield made
    made.close()
    pool.waitForDone(T_MS)


@pytest.fixture
def owner():
    device = Device()
    made = DeviceOwner("camera", device)
    yield made
    device.release.set()
    made.close()


def outcomes() -> tuple[list[tuple[str, object, str]], object, object]:
    seen: list[tuple[str, object, str]] = []

    def ok(value: object) -> None:
        seen.append(("ok", value, threading.current_thread().name))

    def err(error: object) -> None:
        seen.append(("err", error, threading.current_thread().name))

    return seen, ok, err


def test_an_owner_call_runs_on_its_thread_and_parks_no_pool_thread(qtbot, runner, owner):
    pool = QThreadPool()
    parked = BackgroundRunner(pool)
    seen, ok, err = outcomes()
    parked.run_on(owner, lambda device: device.read(), ok, err)
    assert owner.device.entered.wait(10)
    assert pool.activeThreadCount() == 0  # nobody waits on a future in the pool
    assert parked.pending == 1
    owner.device.release.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=T_MS)
    gui = threading.current_thread().name
    assert seen == [("ok", "code", gui)]
    assert owner.device.threads[0].startswith("device-camera")
    assert parked.pending == 0


def test_an_owner_call_that_raises_reports_its_error_on_the_gui_thread(qtbot, runner, owner):
    seen, ok, err = outcomes()

    def broken(device: Device) -> None:
        raise OSError("camera unplugged")

    runner.run_on(owner, broken, ok, err)
    qtbot.waitUntil(lambda: bool(seen), timeout=T_MS)
    kind, error, thread = seen[0]
    assert kind == "err" and isinstance(error, OSError) and str(error) == "camera unplugged"
    assert thread == threading.current_thread().name


def test_pool_work_lands_on_the_gui_thread(qtbot, runner):
    seen, ok, err = outcomes()
    runner.run(lambda: threading.current_thread().name, ok, err)
    qtbot.waitUntil(lambda: bool(seen), timeout=T_MS)
    kind, worker, thread = seen[0]
    assert kind == "ok" and worker != thread == threading.current_thread().name


def test_after_close_late_outcomes_are_dropped(qtbot, runner, owner):
    seen, ok, err = outcomes()
    runner.run_on(owner, lambda device: device.read(), ok, err)
    assert owner.device.entered.wait(10)
    runner.close()
    owner.device.release.set()
    done = owner.submit(lambda device: None)  # queued behind the read: it has finished
    done.result(10)
    qtbot.wait(50)  # the bridge's queued delivery, had there been one
    assert seen == []
    runner.run(lambda: 1, ok, err)  # and nothing new starts
    assert runner.pending == 0


def test_a_call_cancelled_by_a_closing_owner_reports_nothing(qtbot, runner):
    device = Device()
    owner = DeviceOwner("camera", device)
    seen, ok, err = outcomes()
    runner.run_on(owner, lambda d: d.read(), ok, err)  # runs, blocks
    assert device.entered.wait(10)
    runner.run_on(owner, lambda d: d.read(), ok, err)  # queued behind it
    closing = threading.Thread(target=owner.close, daemon=True)
    closing.start()
    device.release.set()
    closing.join(10)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=T_MS)
    assert [kind for kind, _, _ in seen] == ["ok"]  # the cancelled one said nothing
