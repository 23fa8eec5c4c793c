"""No simulated citizen journey is interrupted by an update: the real kiosk UI (QML,
simulated devices, a real SQLite store) is paying a certificate when an update is
requested; the switch waits for the payment (the journal), then for the session (the
UI's marker), and happens once the citizen is done. The UI also reports its start and
first frame for the health gate, and keeps new sessions away during a switch."""

from __future__ import annotations

import threading

import pytest

from kiosk import __version__
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.payments.journal import PaymentJournal
from kiosk.services import build_services
from kiosk.store.database import Store
from kiosk.updates import health
from kiosk.updates.activity import Activity, clear_switching, mark_switching
from kiosk.updates.install import current_version
from kiosk.updates.state import StateFile
from tests.ui.test_payment_journey import events, to_payment
from tests.updates.conftest import layout_of, make_updater
from ui.app import start_ui
from ui.scripted import tap, wait_until


@pytest.fixture
def kiosk(qapp, tmp_path, registry, root, keys):
    """The real UI on simulated devices, taking updates into ``root``'s state dir."""
    state_dir = layout_of(root).state_dir
    config = config_from_mapping(
        {
            "store": {"path": str(tmp_path / "kiosk.db")},
            "devices": {
                "eid_reader": "sim://eid",
                "printer": "sim://printer",
                "card_terminal": "sim://payment",
                "cash": "sim://cash",
            },
            "updates": {"public_key": keys.public, "state_dir": str(state_dir)},
        },
        registry,
    )
    core = build_journey_core(config)
    transitions: list[tuple[str, str, str]] = []
    core.journey.subscribe(lambda old, new, event: transitions.append((old, new, event)))
    ui = start_ui(
        qapp, core, 540, 960, False, lambda: build_services(config, registry, core.catalog)
    )
    ui.transitions = transitions  # type: ignore[attr-defined]
    try:
        wait_until(lambda: ui.running is not None, 10, "the services")
        wait_until(lambda: ui.core.devices.payment_methods(), 10, "payments to be offered")
        yield ui
    finally:
        ui.close()


def test_the_ui_reports_its_first_frame_for_the_health_gate_and_counts_no_start(kiosk, root):
    state_dir = layout_of(root).state_dir
    wait_until(
        lambda: health._seen(state_dir, health.FIRST_FRAME, __version__, 0), 10, "first frame"
    )
    # Starts are the unit's boot-check's to count (ExecStartPre): the UI counts none, so
    # one start is never counted twice.
    assert health.boots(state_dir, __version__) == 0


def test_no_session_starts_during_a_switch(kiosk, root):
    state_dir = layout_of(root).state_dir
    markers = kiosk.markers
    mark_switching(state_dir, "2.0.0", hold_s=600)
    try:
        wait_until(lambda: markers.switching == "2.0.0", 5, "the UI to see the switch")
        kiosk.view_model.start()  # what the start button does
        assert kiosk.view_model.state == "attract"
        assert markers.flush()
        assert Activity(state_dir, None).busy() is None
    finally:
        clear_switching(state_dir)
    assert markers.flush() and markers.switching is None
    tap(kiosk.window, "startButton")
    wait_until(lambda: kiosk.view_model.state == "language", 5, "the language screen")
    assert markers.flush()
    assert Activity(state_dir, None).busy() == "citizen session in progress"
    kiosk.view_model.cancel()
    wait_until(lambda: kiosk.view_model.state == "attract", 5, "the attract screen")
    assert markers.flush()
    assert Activity(state_dir, None).busy() is None


def test_an_update_requested_during_a_payment_waits_for_the_citizen(
    kiosk, root, keys, bundles, tmp_path
):
    layout = layout_of(root)
    to_payment(kiosk, "fr")
    # The citizen is entering their PIN: the terminal answers when the test says so.
    terminal = kiosk.services.devices["card_terminal"].device
    entered, release = threading.Event(), threading.Event()
    authorise = terminal.authorise

    def pin_being_entered(amount_cents, on_progress=None, **kwargs):
        entered.set()
        release.wait(60)
        return authorise(amount_cents, on_progress, **kwargs)

    terminal.authorise = pin_being_entered
    tap(kiosk.window, "payCard")
    wait_until(entered.is_set, 10, "the card terminal")

    store = Store(tmp_path / "kiosk.db")  # the update's own handle, as in its own process
    journal = PaymentJournal(store)
    assert journal.unfinished()  # the payment intent is in the journal
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
        wait_until(
            lambda: (states.load().reason or "").startswith("payment "), 60, "the payment wait"
        )
        assert states.load().state == "waiting_for_idle"

        release.set()  # PIN entered: the payment completes, the certificate is delivered
        wait_until(lambda: kiosk.view_model.state == "done", 15, "the done screen")
        wait_until(
            lambda: states.load().reason == "citizen session in progress", 30, "the session wait"
        )
        assert current_version(layout) == "1.0.0"  # the citizen still reads the done screen

        tap(kiosk.window, "finishButton")
        wait_until(lambda: kiosk.view_model.state == "attract", 5, "the attract screen")
        wait_until(lambda: not worker.is_alive(), 90, "the update")
    finally:
        release.set()
        worker.join(90)
        store.close()
    assert outcome["final"].state == "healthy"
    assert current_version(layout) == "2.0.0"
    assert events(kiosk) == ["certificate_request.submitted", "payment.completed"]
    # The journey ran to its end: no cancel, timeout or card-removed wipe on the way.
    ended = [
        (old.value, event.value) for old, new, event in kiosk.transitions if new.value == "attract"
    ]
    assert ended == [("done", "finish")]
