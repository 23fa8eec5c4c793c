"""The non-visual mode through the real QML (pytest-qt, offscreen): a citizen who cannot
see the screen takes a queue ticket and requests a certificate by keypad and voice;
what is spoken is checked in order, and personal data is never spoken on the
loudspeaker (headphones: a FixedJack, the stand-in for the evdev jack switch here)."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from common.eid.model import EidCardData, Verification
from demo.keypad import KeypadCitizen, queue_ticket_by_keypad
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.i18n import Translator
from tests.ui.harness import running_kiosk, scene_rect, screen_of
from ui.scripted import find_item, wait_until

FR = Translator("fr")


@pytest.fixture(scope="module")
def kiosk(qapp, tmp_path_factory):
    from drivers.registry import default_registry

    tmp = tmp_path_factory.mktemp("voice")
    with running_kiosk(qapp, tmp, default_registry(),
                       ui_section={"headphone_jack": "fixed://unplugged"}) as ui:
        yield ui


@pytest.fixture
def citizen(kiosk):
    ui = kiosk
    wait_until(lambda: screen_of(ui, "attract"), 10, "the attract screen")
    ui.voice.jack.set(False)
    ui.voice.history.clear()
    # Enter held for 0.3 s instead of the kiosk's 1.5 s: the suite's time (the hold itself
    # is the same code; the default is checked in the first test).
    ui.voice._hold.setInterval(300)
    yield KeypadCitizen(ui)
    if ui.view_model.state != "attract":
        ui.view_model.cancel()
    wait_until(lambda: screen_of(ui, "attract") and not ui.voice.active, 10, "the session end")


def spoken(ui, since: int = 0) -> list[str]:
    return [u.text for u in ui.voice.history[since:]]


def wait_spoken(ui, text: str, since: int = 0) -> int:
    """Wait until an utterance containing ``text`` was spoken; its index."""
    def found() -> int | None:
        return next((i for i, u in enumerate(ui.voice.history[since:], since)
                     if text in u.text), None)

    wait_until(lambda: found() is not None, 10, f"{text!r} to be spoken")
    return found()  # type: ignore[return-value]


def said(ui, text: str) -> str:
    """The first utterance containing ``text`` (waited for)."""
    return ui.voice.history[wait_spoken(ui, text)].text


def start_in_french(citizen: KeypadCitizen) -> None:
    citizen.hold_enter()
    assert citizen.read("language") == ["language_fr", "language_nl", "language_en",
                                        "backButton", "cancelButton"]
    citizen.choose("language_fr", "identify")


def test_a_queue_ticket_by_keypad_and_voice(citizen):
    ui = citizen._ui
    from ui.viewmodels.voice import HOLD_MS

    ui.voice._hold.setInterval(HOLD_MS)  # this once, as long as on a kiosk
    assert HOLD_MS == 1500
    citizen.hold_enter()
    citizen.read("language")
    # The question in each language with its own voice, then the focused choice.
    wait_until(lambda: len(ui.voice.history) >= 4, 5, "the language screen")
    first = ui.voice.history[:4]
    assert [(u.text, u.language) for u in first] == [
        (Translator("fr")("language.title"), "fr"), (Translator("nl")("language.title"), "nl"),
        (Translator("en")("language.title"), "en"), ("Français, bouton, 1 sur 5", "fr")]
    citizen.key(Qt.Key.Key_Down, keypad=False)
    assert spoken(ui)[-1] == "Nederlands, bouton, 2 sur 5"
    citizen.key(Qt.Key.Key_8)  # keypad 8 (Num Lock on): up
    assert ui.voice.focused == "language_fr"
    citizen.choose("language_fr", "identify")
    identify = said(ui, FR("identify.title"))
    # Greeted once with the keys, then the screen, then the focus.
    assert identify.startswith(FR("voice.started"))
    assert identify.index(FR("identify.title")) < identify.index(FR("identify.hint"))
    assert identify.endswith(", bouton, 1 sur " + str(len(citizen.voice.targets())))
    citizen.choose("skipIdentification", "choose_service")
    services = said(ui, FR("services.title"))
    assert FR("voice.started") not in services
    # The offline notice is on every screen: said on the first, then only when asked (0).
    notice = ui.status.offlineText
    assert notice and notice in identify and notice not in services
    citizen.key(Qt.Key.Key_0)
    assert notice in spoken(ui)[-1] and FR("services.title") in spoken(ui)[-1]
    # The last service is below the fold: the list scrolls so the ring is seen round it.
    last = [name for name in citizen.voice.targets() if name.startswith("service_")][-1]
    citizen.focus(last)
    ring = ui.voice.focusRect
    assert ring.height() > 0 and ring.bottom() <= ui.window.height()
    assert ring == scene_rect(find_item(ui.window, last))
    citizen.choose("service_queue-ticket", "details")
    # Volume and speed by keys, said back.
    speaker = ui.voice.speaker
    volume, rate = speaker.volume, speaker.rate
    citizen.key(Qt.Key.Key_Plus)
    citizen.key(Qt.Key.Key_Slash)
    assert (speaker.volume, speaker.rate) == (volume + 20, rate - 25)
    assert spoken(ui)[-2:] == [f"Volume {volume + 20}", f"Vitesse {rate - 25}"]
    printer = ui.services.devices["printer"].device
    tickets = len(printer.printed)
    citizen.choose("desk_population", "done")
    done = said(ui, ui.view_model.result["ticket_number"])
    assert "Ticket" in done or "ticket" in done
    wait_until(lambda: len(printer.printed) == tickets + 1, 10, "the ticket")
    # Each screen spoken once it was reached, in the order of the journey.
    order = [wait_spoken(ui, text) for text in (
        FR("identify.title"), FR("services.title"), FR("details.desk.title"),
        f"Volume {volume + 20}", ui.view_model.result["ticket_number"])]
    assert order == sorted(order) and len(set(order)) == len(order)
    citizen.choose("finishButton")
    wait_until(lambda: not ui.voice.active, 10, "the session to end")
    assert (speaker.volume, speaker.rate) == (volume, rate)  # the next citizen's default
    # Nothing personal in this journey: everything on the loudspeaker, nothing hidden.
    assert {u.route for u in ui.voice.history} == {"loudspeaker"}
    assert not any(FR("voice.hidden") in t for t in spoken(ui))


def test_the_mode_gives_more_time_and_ends_with_the_session(citizen):
    ui = citizen._ui
    normal = ui.core.journey.timeouts
    citizen.hold_enter()
    longer = ui.core.journey.timeouts
    assert longer.inactivity_s == pytest.approx(normal.inactivity_s * 3)
    assert longer.done_s == pytest.approx(normal.done_s * 3)
    citizen.read("language")
    ring = find_item(ui.window, "voiceFocus")  # drawn round the focus, for low vision
    assert ring is not None
    first = find_item(ui.window, "language_fr")
    assert ring.mapToScene(QPointF(0, 0)).y() < first.mapToScene(QPointF(0, 0)).y()
    citizen.key(Qt.Key.Key_Backspace)  # back on the first screen: the session ends
    wait_until(lambda: not ui.voice.active, 5, "the mode to end")
    assert ui.core.journey.timeouts == normal
    assert find_item(ui.window, "voiceFocus") is None


def test_a_short_press_of_enter_does_not_start_it_and_the_mark_does(citizen):
    ui = citizen._ui
    citizen.key(Qt.Key.Key_Enter)  # pressed and let go at once
    assert ui.view_model.state == "attract" and not ui.voice.active
    spot = find_item(ui.window, "voiceSpot")
    assert spot is not None
    centre = spot.mapToScene(QPointF(spot.width() / 2, spot.height() / 2)).toPoint()
    QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    try:
        wait_until(lambda: ui.voice.active, 5, "the long press to start the mode")
    finally:
        QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier, centre)
    assert ui.view_model.state == "language"


def test_the_help_key_starts_it_on_any_screen(citizen):
    ui = citizen._ui
    ui.view_model.start()
    wait_until(lambda: screen_of(ui, "language"), 5, "the language screen")
    citizen.key(Qt.Key.Key_Enter)  # Enter on a journey screen: not the mode's start
    assert not ui.voice.active and ui.view_model.state == "language"
    citizen.key(Qt.Key.Key_Help, keypad=False)
    assert ui.voice.active
    assert citizen.read("language")[0] == "language_fr"


def test_the_attract_loop_says_how_to_start_in_every_language(citizen):
    ui = citizen._ui
    assert ui.voice._loop.interval() == 45_000 and ui.voice._loop.isActive()
    ui.voice.announce()
    assert [(u.text, u.language, u.route) for u in ui.voice.history] == [
        (Translator(code)("voice.announce"), code, "loudspeaker") for code in ("fr", "nl", "en")]
    # Technician mode open over the attract screen: no loop, no start.
    ui.tech.openPin()
    try:
        wait_until(lambda: find_item(ui.window, "technicianPinView") is not None, 5, "the pad")
        ui.voice.announce()
        ui.voice.activate()
        assert len(ui.voice.history) == 3 and not ui.voice.active
    finally:
        ui.tech.close()
    wait_until(lambda: find_item(ui.window, "technicianPinView") is None, 5, "the pad to close")


def test_a_certificate_by_keypad_with_personal_data_only_in_the_headphones(citizen):
    ui = citizen._ui
    identity, address, photo = citizen_card(demo_citizen("sophie"))
    secrets = [identity.surname, identity.national_number, address.street,
               identity.first_names.split()[0]]
    start_in_french(citizen)
    reader = ui.services.devices["eid_reader"].device
    reader.insert(EidCardData(identity, address, photo, Verification(True, True, True)))
    try:
        citizen.read("choose_service")
        hello = said(ui, FR("services.title"))
        assert FR("voice.hidden") in hello  # "Bonjour <name>" is not said aloud
        citizen.choose("service_cert-birth", "details")
        wait_until(lambda: "confirmData" in citizen.voice.targets(), 5, "the data to confirm")
        details = said(ui, FR("details.data.hint"))
        assert FR("voice.hidden") in details
        # Headphones in: said so, and the data is read there when asked again (0).
        ui.voice.jack.set(True)
        wait_spoken(ui, FR("voice.headphones_in"))
        before = len(ui.voice.history)
        citizen.key(Qt.Key.Key_0)
        repeated = ui.voice.history[before]
        assert repeated.route == "headphones"
        assert identity.surname in repeated.text and address.street in repeated.text
        ui.voice.jack.set(False)
        wait_spoken(ui, FR("voice.headphones_out"))
        citizen.choose("confirmData")
        citizen.choose("delivery_post", "done")
        wait_spoken(ui, ui.view_model.result["reference"])
    finally:
        reader.remove()
    wait_until(lambda: screen_of(ui, "attract"), 10, "the session to end")
    # What the headphones heard is not kept past the session.
    assert ui.voice.history and all(u.route == "loudspeaker" for u in ui.voice.history)
    loud = [u.text for u in ui.voice.history if u.route == "loudspeaker"]
    for secret in secrets:
        assert not any(secret in text for text in loud), "personal data on the loudspeaker"


def test_the_pin_pad_says_how_many_digits_never_which(citizen):
    ui = citizen._ui
    start_in_french(citizen)
    model = ui.card_pin.model
    model.ask(3)
    wait_spoken(ui, FR("pin.title"))
    assert citizen.voice.targets() == ["cardPin_ok", "cardPinCancel"]
    before = len(ui.voice.history)
    for key in (Qt.Key.Key_4, Qt.Key.Key_7, Qt.Key.Key_1, Qt.Key.Key_9):
        QTest.keyClick(ui.window, key, Qt.KeyboardModifier.KeypadModifier)
    citizen.key(Qt.Key.Key_Backspace)  # one erased
    citizen.key(Qt.Key.Key_9)
    assert spoken(ui, before)[:6] == [FR("voice.pin_count").format(n=n) for n in (1, 2, 3, 4, 3, 4)]
    assert not any(d in t for t in spoken(ui, before) for d in ("7", "9"))
    citizen.key(Qt.Key.Key_Enter)  # OK has the focus
    assert bytes(ui.card_pin._answers.get(timeout=5)) == b"4719"
    model.close()


def test_the_demo_journey_keeps_its_screens_and_one_wav_per_prompt(citizen, tmp_path):
    ui = citizen._ui
    shots = queue_ticket_by_keypad(ui, tmp_path)
    assert [p.stem for p in shots] == ["01-attract", "02-language", "03-identify",
                                       "04-services", "05-details", "06-done",
                                       "07-attract-again"]
    clips = sorted((tmp_path / "speech").glob("*.wav"))
    # One clip per prompt, in the order spoken, in the voice of its language.
    assert len(clips) == len(ui.voice.history)
    assert [c.stem[-2:] for c in clips[:3]] == ["fr", "nl", "en"]  # the attract loop
    for clip in clips:
        with wave.open(str(clip)) as sound:
            assert sound.getnframes() > 1000, clip.name
    assert ui.voice.speaker is not None and ui.voice.speaker.wav_files == []  # put back


def test_the_still_there_warning_is_spoken_and_any_key_keeps_the_session(citizen):
    from kiosk.domain.journey import Timeouts

    ui = citizen._ui
    journey = ui.core.journey
    normal = journey.timeouts
    # Short limits for the test (×3 in the mode: 6 s, the warning from 5.7 s left).
    journey.set_timeouts(Timeouts(inactivity_s=2.0, done_s=2.0, warning_s=1.9))
    try:
        citizen.hold_enter()
        citizen.read("language")
        wait_spoken(ui, FR("voice.still_there"))
        before = len(ui.voice.history)
        citizen.key(Qt.Key.Key_Down, keypad=False)  # any key: still here
        wait_until(lambda: find_item(ui.window, "inactivityWarning") is None, 5, "the warning")
        # Back on the screen: read again from its first choice.
        assert wait_spoken(ui, "Français, bouton, 1 sur 5", before) >= before
        assert ui.view_model.state == "language"
    finally:
        journey.set_timeouts(normal)  # from the next state change (the session's end)


def heard(text: str) -> str:
    """A screen text as the reader says it (no-break spaces are spaces)."""
    return " ".join(text.split())


def _to_pay_by_keypad(citizen: KeypadCitizen) -> None:
    """A €3 certificate by keys alone, up to its pay screen read aloud."""
    ui = citizen._ui
    wait_until(lambda: {"card", "cash"} <= set(ui.services.payment_methods()), 10,
               "card and cash to be offered")
    start_in_french(citizen)
    identity, address, photo = citizen_card(demo_citizen("sophie"))
    ui.services.devices["eid_reader"].device.insert(
        EidCardData(identity, address, photo, Verification(True, True, True)))
    citizen.read("choose_service")
    citizen.choose("service_cert-residence", "details")
    wait_until(lambda: "confirmData" in citizen.voice.targets(), 5, "the data to confirm")
    citizen.choose("confirmData", "pay")
    # The screen read: what it costs, before any choice.
    pay = said(ui, FR("pay.title"))
    assert heard("3,00\u00a0€") in pay
    # The delivery chosen by Enter, and heard as chosen (a tick is not read aloud).
    before = len(ui.voice.history)
    citizen.choose("delivery_portal")
    wait_until(lambda: ui.view_model.document.choice == "portal", 5, "the delivery chosen")
    chosen = ui.voice.history[wait_spoken(ui, FR("voice.selected"), before)].text
    assert chosen.startswith(FR("delivery.portal"))


def test_a_paid_certificate_by_card_by_keypad_and_voice_alone(citizen):
    ui = citizen._ui
    try:
        _to_pay_by_keypad(citizen)
        before = len(ui.voice.history)
        citizen.choose("payCard")
        # The outcome with the amount and the reference, heard (the simulated terminal
        # may approve before its "processing" screen was read: that prompt is optional).
        wait_until(lambda: screen_of(ui, "done"), 15, "the payment")
        done = ui.voice.history[wait_spoken(
            ui, heard(FR("done.money.card").format(amount="3,00\u00a0€")), before)].text
        assert ui.view_model.result["reference"] in done
        citizen.choose("finishButton")
    finally:
        ui.services.devices["eid_reader"].device.remove()
    wait_until(lambda: screen_of(ui, "attract"), 10, "the session to end")


def test_a_paid_certificate_in_cash_by_keypad_says_the_change(citizen):
    ui = citizen._ui
    cash = ui.services.devices["cash"].device
    try:
        _to_pay_by_keypad(citizen)
        before = len(ui.voice.history)
        citizen.choose("payCash")
        wait_until(lambda: 500 in cash.accepting, 5, "cash to be accepted")
        # How much is in, of how much, said as it changes.
        wait_spoken(ui, heard(FR("pay.inserted").format(inserted="0,00\u00a0€",
                                                        amount="3,00\u00a0€")), before)
        cash.insert(500)  # a €5 note: the citizen's hand, not a key or a tap
        wait_until(lambda: screen_of(ui, "done"), 15, "the payment")
        done = said(ui, heard(FR("done.money.change").format(change="2,00\u00a0€")))
        assert heard(FR("done.money.cash").format(amount="3,00\u00a0€",
                                                  inserted="5,00\u00a0€")) in done
        citizen.choose("finishButton")
    finally:
        ui.services.devices["eid_reader"].device.remove()
    wait_until(lambda: screen_of(ui, "attract"), 10, "the session to end")


def test_a_declined_card_is_said_and_the_keypad_can_pay_again(citizen):
    ui = citizen._ui
    terminal = ui.services.devices["card_terminal"].device
    terminal.faults.inject("decline")
    try:
        _to_pay_by_keypad(citizen)
        before = len(ui.voice.history)
        citizen.choose("payCard")
        wait_spoken(ui, FR("pay.declined"), before)
        assert ui.view_model.state == "pay"
        wait_until(lambda: "payCard" in citizen.voice.targets(), 10, "the choice again")
        citizen.key(Qt.Key.Key_Backspace)  # back: the details again, nothing paid
        citizen.read("details")
    finally:
        terminal.faults.clear()
        ui.services.devices["eid_reader"].device.remove()
