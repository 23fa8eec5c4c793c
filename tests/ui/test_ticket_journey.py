"""The queue-ticket journey driven through the real QML UI by simulated taps."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from drivers.printer.simulated import SimulatedReceiptPrinter
from kiosk.composition import build_journey_core
from kiosk.config.loader import config_from_mapping
from kiosk.domain.journey import State
from kiosk.services import build_services
from kiosk.store.models import OutboxEvent, PrintedReceipt, RequestRow
from tests.ui.harness import screen_of
from ui.app import start_ui
from ui.scripted import find_item, tap, wait_until


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def kiosk(qapp, tmp_path, registry):
    config = config_from_mapping({
        "kiosk": {"id": "test-kiosk", "site": "laeken", "site_name": "Antenne Laeken"},
        "journey": {"inactivity_timeout_s": 60, "done_timeout_s": 15},
        "store": {"path": str(tmp_path / "kiosk.db")},
        "devices": {"printer": "sim://printer", "eid_reader": "sim://eid"},
    }, registry)
    printer = SimulatedReceiptPrinter()
    clock = FakeClock()
    core = build_journey_core(config, clock=clock)
    ui = start_ui(qapp, core, 540, 960, fullscreen=False, load_services=lambda: build_services(
        config, registry, core.catalog, {"printer": printer}))
    wait_until(lambda: find_item(ui.window, "attractView"), 10, "the attract screen")
    wait_until(lambda: ui.services is not None, 10, "the kiosk's services")
    yield ui, ui.services, printer, clock
    ui.close()


def count(services, model) -> int:
    with services.store.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def go_to_services(ui, language: str = "nl") -> None:
    tap(ui.window, "startButton")
    tap(ui.window, f"language_{language}")
    tap(ui.window, "skipIdentification")
    wait_until(lambda: screen_of(ui, "choose_service"), 5, "the services screen")


def test_a_citizen_takes_a_ticket_and_it_is_committed_before_done(kiosk):
    ui, services, printer, _ = kiosk
    rows_when_done: list[tuple[int, int, bool]] = []

    def on_change(old, new, event):
        if new is State.DONE:
            rows_when_done.append((count(services, RequestRow), count(services, OutboxEvent),
                                   threading.current_thread() is threading.main_thread()))

    ui.core.journey.subscribe(on_change)
    go_to_services(ui, "nl")
    tap(ui.window, "service_queue-ticket")
    wait_until(lambda: screen_of(ui, "details"), 5, "the desk screen")
    tap(ui.window, "desk_population")
    wait_until(lambda: screen_of(ui, "done"), 10, "the done screen")
    # The screens' own tap counter: the README's taps per journey.
    assert [name for _, name in ui.taps.taps()] == [
        "startButton", "language_nl", "skipIdentification", "service_queue-ticket",
        "desk_population"]

    # Committed (row and outbox event) before the screen said done, on the GUI thread.
    assert rows_when_done == [(1, 1, True)]
    number = find_item(ui.window, "ticketNumber")
    assert number.property("text") == "P-001"
    message = find_item(ui.window, "printMessage")
    assert message.property("text") == "Neem uw ticket hieronder."
    assert len(printer.printed) == 1
    assert "P - 0 0 1" in printer.printed[0] and "Bevolking" in printer.printed[0]
    assert "Antenne Laeken" in printer.printed[0]
    with services.store.read() as session:
        event = session.scalars(select(OutboxEvent)).one()
        assert event.payload["number"] == "P-001" and event.payload["language"] == "nl"
        assert session.scalars(select(PrintedReceipt)).one().status == "printed"

    tap(ui.window, "finishButton")
    wait_until(lambda: screen_of(ui, "attract"), 5, "the attract screen")
    assert ui.core.journey.session.language == "fr"


def test_paper_out_still_gives_the_number_and_says_it_was_not_printed(kiosk):
    ui, services, printer, _ = kiosk
    printer.faults.inject("paper_out")
    go_to_services(ui, "fr")
    tap(ui.window, "service_queue-ticket")
    tap(ui.window, "desk_civil-status")
    wait_until(lambda: screen_of(ui, "done"), 10, "the done screen")
    assert find_item(ui.window, "ticketNumber").property("text") == "C-001"
    assert find_item(ui.window, "printMessage").property("text") == (
        "Le ticket n'a pas pu être imprimé. Retenez votre numéro.")
    assert count(services, RequestRow) == 1
    with services.store.read() as session:
        assert session.scalars(select(PrintedReceipt)).one().status == "failed"


def test_services_not_built_yet_say_so(kiosk):
    ui, services, _, _ = kiosk
    go_to_services(ui, "en")
    passport = find_item(ui.window, "service_appt-passport")
    assert passport.property("enabledForUse") is False
    assert passport.property("sublabel") == "Not yet available at this kiosk"
    tap(ui.window, "service_appt-passport")
    QGuiApplication.processEvents()
    assert ui.view_model.state == "choose_service"
    assert count(services, RequestRow) == 0


def with_payments(ui) -> None:
    """Pretend a card terminal takes money, to see what else gates paid services."""
    ui.core.devices.set_payment_methods(frozenset({"card"}))
    ui.view_model.refresh_services()


def test_services_that_need_an_eid_are_disabled_with_the_reason(kiosk):
    ui, _, _, _ = kiosk
    go_to_services(ui, "en")
    birth = find_item(ui.window, "service_cert-birth")
    assert birth.property("enabledForUse") is False
    assert birth.property("sublabel") == "Needs your identity card"


def test_no_paper_disables_paid_services_before_the_citizen_starts(kiosk):
    ui, services, printer, _ = kiosk
    with_payments(ui)
    printer.faults.inject("paper_out")
    services.printer_monitor.poll_once()  # what the monitor's thread does every interval
    go_to_services(ui, "fr")
    wait_until(lambda: find_item(ui.window, "service_cert-residence").property("sublabel")
               == "Plus de papier pour le reçu : paiement impossible pour l'instant", 5,
               "the no-paper reason")
    assert find_item(ui.window, "service_cert-residence").property("enabledForUse") is False
    # Free services stay on offer: a queue ticket's number is on the screen too.
    assert find_item(ui.window, "service_queue-ticket").property("enabledForUse") is True
    printer.faults.clear()
    services.printer_monitor.poll_once()
    wait_until(lambda: find_item(ui.window, "service_cert-residence").property("sublabel")
               == "Nécessite votre carte d'identité", 5, "paper to be back")


def test_switching_language_translates_the_screen_in_place(kiosk):
    ui, _, _, _ = kiosk
    go_to_services(ui, "fr")
    assert find_item(ui.window, "service_queue-ticket").property("label") == (
        "Ticket de file d'attente")
    tap(ui.window, "switch_nl")
    wait_until(lambda: find_item(ui.window, "service_queue-ticket").property("label")
               == "Wachtrijticket", 5, "the Dutch label")
    assert ui.view_model.state == "choose_service"


def test_inactivity_warns_then_resets_and_wipes_the_session(kiosk):
    ui, services, _, clock = kiosk
    go_to_services(ui, "nl")
    tap(ui.window, "service_queue-ticket")
    wait_until(lambda: screen_of(ui, "details"), 5, "the desk screen")
    session = ui.core.journey.session
    assert session.service_id == "queue-ticket"

    clock.now += 50
    ui.view_model.tick()
    warning = find_item(ui.window, "inactivityWarning")
    assert warning is not None and ui.view_model.warningSeconds == 10

    clock.now += 11
    ui.view_model.tick()
    wait_until(lambda: find_item(ui.window, "attractView"), 5, "the attract screen")
    assert ui.view_model.state == "attract"
    assert session.service_id is None and session.details == {}
    assert find_item(ui.window, "inactivityWarning") is None
    assert count(services, RequestRow) == 0


def test_a_touch_on_the_warning_keeps_the_session(kiosk):
    ui, _, _, clock = kiosk
    go_to_services(ui, "nl")
    clock.now += 55
    ui.view_model.tick()
    tap(ui.window, "inactivityWarning")
    wait_until(lambda: ui.view_model.warningSeconds == -1, 5, "the warning to go")
    clock.now += 30
    ui.view_model.tick()
    assert ui.view_model.state == "choose_service"


def test_a_key_or_touch_anywhere_restarts_the_countdown(kiosk):
    # The window's activity filter (ui/app.py), not a control's own handler: a key that
    # no screen uses still counts as the citizen being there.
    ui, _, _, clock = kiosk
    go_to_services(ui, "nl")
    clock.now += 40
    ui.view_model.tick()
    QTest.keyClick(ui.window, Qt.Key.Key_Shift)
    clock.now += 40  # 80 s since the last screen change, 40 s since the key
    ui.view_model.tick()
    assert ui.view_model.state == "choose_service" and ui.view_model.warningSeconds == -1


def test_a_touch_anywhere_keeps_the_session(kiosk):
    # A touch on no button at all (the screen's title) still counts: the window's
    # activity filter (ui/app.py) restarts the countdown before any item sees the touch.
    ui, _, _, clock = kiosk
    go_to_services(ui, "nl")
    clock.now += 50
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(ui.window.width() // 2, ui.window.height() // 4))
    clock.now += 15  # 65 s after the last tap on a button: past the 60 s timeout
    ui.view_model.tick()
    assert ui.view_model.state == "choose_service"
    assert ui.view_model.warningSeconds == -1


def test_cancel_and_back_buttons(kiosk):
    ui, _, _, _ = kiosk
    go_to_services(ui, "en")
    tap(ui.window, "backButton")
    wait_until(lambda: screen_of(ui, "identify"), 5, "the identify screen")
    first_session = ui.core.journey.session
    tap(ui.window, "cancelButton")
    wait_until(lambda: screen_of(ui, "attract"), 5, "the attract screen")
    assert ui.core.journey.session is not first_session


def test_services_say_the_kiosk_is_starting_until_the_store_is_up(qapp, tmp_path, registry):
    config = config_from_mapping({"store": {"path": str(tmp_path / "k.db")}}, registry)
    core = build_journey_core(config)
    release = threading.Event()

    def slow_services():
        assert release.wait(10), "the test never released the services"
        return build_services(config, registry, core.catalog, {})

    ui = start_ui(qapp, core, 540, 960, fullscreen=False, load_services=slow_services)
    try:
        go_to_services(ui, "en")
        ticket = find_item(ui.window, "service_queue-ticket")
        assert ticket.property("enabledForUse") is False
        assert ticket.property("sublabel") == "The kiosk is starting, one moment…"
        release.set()
        wait_until(lambda: ui.services is not None, 10, "the kiosk's services")
        wait_until(lambda: find_item(ui.window, "service_queue-ticket").property(
            "enabledForUse") is True, 5, "the ticket service to become available")
    finally:
        release.set()
        ui.close()


def test_online_only_services_are_greyed_while_the_platform_is_unreachable(kiosk):
    from datetime import UTC, datetime

    from sync.status import StatusRecorder

    ui, services, _, _ = kiosk
    ui.core.fulfilment.install({**services.handlers(), "appointment": lambda lang, d: {}})
    recorder = StatusRecorder(services.store, lambda: datetime.now(UTC))
    recorder.failed("backend unreachable")  # what the sync process records
    ui.running.platform_monitor.poll()
    go_to_services(ui, "en")
    wait_until(lambda: find_item(ui.window, "service_appt-id-card").property("sublabel")
               == "Unavailable offline: the kiosk cannot reach the City", 5, "the reason")
    assert find_item(ui.window, "service_queue-ticket").property("enabledForUse") is True
    recorder.succeeded()
    ui.running.platform_monitor.poll()
    # Back online, what stands in the way is only the card the citizen has not inserted.
    wait_until(lambda: find_item(ui.window, "service_appt-id-card").property("sublabel")
               == "Needs your identity card", 5, "the booking to come back")
