"""The update lock: a payment in progress (real SQLite store) or a citizen session holds
the switch back; idle time, maximum wait, giving up."""

from __future__ import annotations

import threading
import time

import pytest

from kiosk.payments.journal import COMPLETED, INTENT, PaymentJournal
from kiosk.updates.activity import Activity, mark_session_ended, mark_session_started
from kiosk.updates.errors import UpdateError
from kiosk.updates.install import current_version
from kiosk.updates.lock import wait_for_idle
from kiosk.updates.schema import store_revision
from kiosk.updates.state import StateFile
from tests.updates.conftest import layout_of, make_updater
from tests.updates.testapp import make_bundle


def wait_until(predicate, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def test_update_requested_during_a_payment_waits_for_its_end(root, keys, bundles, store):
    layout = layout_of(root)
    journal = PaymentJournal(store)
    journal.record("pay-1234-5678", INTENT, method="card", amount_cents=500)
    updater = make_updater(
        root, keys.public, store_path=store.path, activity=Activity(layout.state_dir, journal)
    )
    outcome: dict[str, object] = {}
    worker = threading.Thread(
        target=lambda: outcome.update(final=updater.apply(bundles["2.0.0"])), daemon=True
    )
    worker.start()
    try:
        states = StateFile(layout.state_dir)
        wait_until(lambda: (states.load().reason or "").startswith("payment pay-1234"))
        assert states.load().state == "waiting_for_idle"
        assert current_version(layout) == "1.0.0"  # installed beside, not switched
        assert (layout.releases_dir / "2.0.0" / "manifest.json").is_file()

        journal.record("pay-1234-5678", COMPLETED, method="card", amount_cents=500)
    finally:
        worker.join(90)
    assert not worker.is_alive()
    assert outcome["final"].state == "healthy"
    assert current_version(layout) == "2.0.0"


def test_release_that_cannot_run_on_the_store_schema_is_refused_before_the_switch(
    root, keys, store, tmp_path
):
    layout = layout_of(root)
    old = make_bundle(tmp_path, "2.5.0", keys.private, revisions=("0001", "0002"))
    updater = make_updater(root, keys.public, store_path=store.path)
    head = store_revision(store.path)
    assert head is not None and head > "0002"
    with pytest.raises(
        UpdateError,
        match=rf"store schema: .* at revision {head}, release "
        r"2\.5\.0 runs on 0001\.\.0002",
    ):
        updater.apply(old)
    assert current_version(layout) == "1.0.0"
    assert StateFile(layout.state_dir).load().state == "failed"


def test_session_marker_makes_the_kiosk_busy_until_it_ends(tmp_path):
    activity = Activity(tmp_path, None)
    assert activity.busy() is None
    mark_session_started(tmp_path)
    assert activity.busy() == "citizen session in progress"
    mark_session_ended(tmp_path)
    assert activity.busy() is None
    assert activity.idle_since() > 0


def test_session_of_a_dead_ui_does_not_hold_updates(tmp_path):
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    mark_session_started(tmp_path, pid=int(dead.stdout))
    assert Activity(tmp_path, None).busy() is None


class Scripted:
    """Activity answering from a script, one answer per poll (a fake clock advances)."""

    def __init__(self, answers, clock) -> None:
        self.answers, self.clock, self.ended = list(answers), clock, 0.0

    def busy(self):
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def idle_since(self) -> float:
        return self.clock[0] - 1.0  # always "just" idle: never idle for idle_s


def test_after_the_maximum_wait_the_next_idle_moment_is_taken():
    clock = [0.0]

    def sleep(seconds: float) -> None:
        clock[0] += seconds

    activity = Scripted(["citizen session in progress"] * 5 + [None], clock)
    why = wait_for_idle(
        activity,
        idle_s=120,
        max_wait_s=2,
        give_up_after_s=100,
        poll_s=1,
        clock=lambda: clock[0],
        wall=lambda: clock[0],
        sleep=sleep,
    )
    assert why.startswith("idle moment after waiting")


def test_a_kiosk_never_idle_gives_up_with_the_reason():
    clock = [0.0]
    activity = Scripted(["payment abcd1234… in progress"], clock)
    with pytest.raises(UpdateError, match=r"not idle within 10 s \(payment abcd"):
        wait_for_idle(
            activity,
            idle_s=1,
            max_wait_s=5,
            give_up_after_s=10,
            poll_s=1,
            clock=lambda: clock[0],
            wall=lambda: clock[0],
            sleep=lambda s: clock.__setitem__(0, clock[0] + s),
        )
