"""Accessibility through the real QML: 2 cm touch targets, high contrast, large text,
the low layout, spoken guidance, language on every screen; all reset at session end."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtGui import QColor

from kiosk.i18n import Translator
from tests.ui.harness import running_kiosk, scene_rect, screen_of, touch_targets
from ui.scripted import find_item, iter_items, next_frame, screen_problems, tap, wait_until
from ui.speech import Speaker, find_speech_command

MIN_CM = 2.0


@pytest.fixture
def kiosk(qapp, tmp_path, registry):
    with running_kiosk(qapp, tmp_path, registry) as ui:
        yield ui


def assert_targets_big_enough(ui, screen: str) -> int:
    per_cm = ui.a11y.pixelsPerCm
    targets = touch_targets(ui.window)
    assert targets, f"no touch target on the {screen} screen"
    for item in targets:
        rect = scene_rect(item)
        size_cm = min(rect.width(), rect.height()) / per_cm
        assert size_cm >= MIN_CM, (
            f"{item.objectName() or type(item).__name__} on the {screen} screen is {size_cm:.2f} cm"
        )
    return len(targets)


def go(ui, name: str, state: str) -> None:
    tap(ui.window, name)
    wait_until(lambda: screen_of(ui, state), 5, f"the {state} screen")


def test_every_touch_target_is_at_least_2_cm_in_every_mode(kiosk):
    ui = kiosk
    # 1080 px over a 21.5" screen: ~40 px per cm; this window is half that width.
    assert ui.a11y.pixelsPerCm == pytest.approx(102.5 / 2.54 / 2)
    assert_targets_big_enough(ui, "attract")
    tap(ui.window, "accessibilityButton")
    assert_targets_big_enough(ui, "attract + accessibility panel")
    tap(ui.window, "closeAccessibility")
    go(ui, "startButton", "language")
    assert_targets_big_enough(ui, "language")
    go(ui, "language_fr", "identify")
    assert_targets_big_enough(ui, "identify")
    go(ui, "skipIdentification", "choose_service")
    assert_targets_big_enough(ui, "services")
    # The same in the low layout and with large text: the scale keeps 2 cm.
    tap(ui.window, "accessibilityButton")
    tap(ui.window, "toggle_lowLayout")
    tap(ui.window, "toggle_largeText")
    tap(ui.window, "closeAccessibility")
    assert_targets_big_enough(ui, "services (low, large)")
    go(ui, "service_queue-ticket", "details")
    assert_targets_big_enough(ui, "details (low, large)")


def test_the_low_layout_keeps_every_control_in_the_lower_part(kiosk):
    ui = kiosk
    go(ui, "startButton", "language")
    go(ui, "language_nl", "identify")
    go(ui, "skipIdentification", "choose_service")
    height = ui.window.height()
    assert min(scene_rect(i).top() for i in touch_targets(ui.window)) < height * 0.25
    tap(ui.window, "accessibilityButton")
    tap(ui.window, "toggle_lowLayout")
    tap(ui.window, "closeAccessibility")
    assert ui.a11y.lowLayout
    next_frame(ui.window)  # measured as drawn: positioners lay out at the frame
    tops = {i.objectName(): scene_rect(i).top() for i in touch_targets(ui.window)}
    assert "cancelButton" in tops and "service_queue-ticket" in tops
    assert all(top >= height * 0.25 for top in tops.values()), tops
    assert find_item(ui.window, "lowNotice") is not None


def test_high_contrast_and_large_text_change_the_screen_and_reset_at_session_end(kiosk):
    ui = kiosk
    go(ui, "startButton", "language")
    go(ui, "language_en", "identify")
    normal_height = find_item(ui.window, "skipIdentification").height()
    assert ui.window.property("color") == QColor("#f4f6f9")
    tap(ui.window, "accessibilityButton")
    tap(ui.window, "toggle_highContrast")
    tap(ui.window, "toggle_largeText")
    # On and off are said in words next to the colour.
    toggle = find_item(ui.window, "toggle_highContrast")
    assert toggle.property("trailing") == "✔ On"
    assert find_item(ui.window, "toggle_lowLayout").property("trailing") == "○ Off"
    tap(ui.window, "closeAccessibility")
    assert ui.window.property("color") == QColor("#000000")
    assert find_item(ui.window, "skipIdentification").height() > normal_height
    # Large text still fits its boxes, in every language (issue 24).
    for code in ("fr", "nl", "en"):
        tap(ui.window, f"switch_{code}")
        wait_until(lambda: ui.window.property("settled"), 5, "the screen")
        next_frame(ui.window)
        assert screen_problems(ui.window) == [], code

    tap(ui.window, "cancelButton")
    wait_until(lambda: screen_of(ui, "attract"), 5, "the session to end")
    assert not (ui.a11y.highContrast or ui.a11y.largeText or ui.a11y.lowLayout)
    assert not ui.a11y.panelOpen
    assert ui.window.property("color") == QColor("#f4f6f9")
    # The attract screen speaks three languages, its accessibility button too (defect 4).
    label = find_item(ui.window, "accessibilityButton").property("label")
    assert all(Translator(code)("a11y.button") in label for code in ("fr", "nl", "en"))
    wait_until(lambda: ui.window.property("settled"), 5, "the attract screen alone")
    next_frame(ui.window)
    assert screen_problems(ui.window) == []


def test_a_session_start_changes_no_bottom_button_but_which_one_shows(kiosk):
    # The attract screen's trilingual button and the single-language one are two buttons:
    # starting a session flips which is shown and lays no text out again (issue 25).
    ui = kiosk

    def buttons() -> dict[str, tuple[str, bool]]:
        return {item.property("label"): bool(item.property("visible"))
                for item in iter_items(ui.window.contentItem())
                if item.objectName() == "accessibilityButton"}

    before = buttons()
    trilingual = next(label for label, shown in before.items() if shown)
    assert all(Translator(code)("a11y.button") in trilingual for code in ("fr", "nl", "en"))
    go(ui, "startButton", "language")
    assert {label: not shown for label, shown in buttons().items()} == before
    assert find_item(ui.window, "accessibilityButton").property("label") != trilingual


def test_the_language_switches_on_every_screen_and_the_ticket_follows(kiosk):
    ui = kiosk
    go(ui, "startButton", "language")
    go(ui, "language_fr", "identify")
    for state_item, state in (
        ("skipIdentification", "choose_service"),
        ("service_queue-ticket", "details"),
    ):
        for code in ("nl", "en", "fr"):
            tap(ui.window, f"switch_{code}")
            assert ui.view_model.language == code
            label = find_item(ui.window, "accessibilityButton").property("label")
            assert label.endswith(ui.view_model.text("a11y.button"))
        go(ui, state_item, state)
    tap(ui.window, "switch_en")
    tap(ui.window, "desk_population")
    wait_until(lambda: screen_of(ui, "done"), 10, "the done screen")
    printed = ui.services.devices["printer"].device.printed
    assert printed and "Queue ticket" in printed[-1]


def test_device_problems_are_said_before_starting(qapp, tmp_path, registry):
    with running_kiosk(qapp, tmp_path, registry) as ui:
        printer = ui.services.devices["printer"].device
        printer.faults.inject("paper_out")
        ui.services.printer_monitor.poll_once()
        wait_until(lambda: ui.status.notices, 5, "the notice")
        notices = find_item(ui.window, "attractNotices")
        assert notices is not None
        assert any("papier" in n.lower() for n in ui.status.notices)
        go(ui, "startButton", "language")
        go(ui, "language_fr", "identify")
        go(ui, "skipIdentification", "choose_service")
        paid = find_item(ui.window, "service_cert-residence")
        # Disabled with the reason in words, not only greyed.
        assert paid.property("enabledForUse") is False
        assert "papier" in paid.property("sublabel").lower()


def test_spoken_guidance_speaks_off_the_gui_thread_and_stops(tmp_path):
    program = find_speech_command("espeak-ng")
    assert program, "espeak-ng is installed on kiosks and in CI"
    wav = tmp_path / "guidance.wav"
    speaker = Speaker([program, "-w", str(wav)])
    try:
        speaker.say("Insérez votre carte d'identité", "fr")
        wait_until(lambda: speaker.spoken == 1, 20, "espeak-ng to finish")
        with wave.open(str(wav)) as sound:
            assert sound.getnframes() > 1000
        speaker.say("Bienvenue. " * 400, "fr")  # long: still speaking when stopped
        wait_until(speaker.speaking, 10, "espeak-ng to start")
        speaker.stop()
        wait_until(lambda: not speaker.speaking(), 5, "espeak-ng to be killed")
        assert speaker.spoken == 1
    finally:
        speaker.close()


def test_the_listen_button_is_hidden_without_espeak(qapp, tmp_path, registry):
    with running_kiosk(
        qapp, tmp_path, registry, ui_section={"speech_command": "no-such-espeak"}
    ) as ui:
        assert find_item(ui.window, "accessibilityButton") is not None
        assert find_item(ui.window, "speakButton") is None
        tap(ui.window, "accessibilityButton")
        assert find_item(ui.window, "toggle_highContrast") is not None
        assert find_item(ui.window, "toggle_speech") is None


def test_the_listen_button_reads_the_screen_in_the_session_language(kiosk):
    ui = kiosk
    assert find_item(ui.window, "speakButton") is not None
    go(ui, "startButton", "language")
    go(ui, "language_nl", "identify")
    assert ui.a11y.spoken_text().startswith("Steek uw identiteitskaart in")
    tap(ui.window, "speakButton")
    tap(ui.window, "cancelButton")  # the session end silences it
    wait_until(lambda: not ui.speaker.speaking(), 5, "silence")


def test_large_text_grows_the_journey_screens_text_too(kiosk):
    """Large text is not only for the attract screen: a journey step's title and its
    step indicator grow with it."""
    ui = kiosk
    go(ui, "startButton", "language")
    go(ui, "language_fr", "identify")
    go(ui, "skipIdentification", "choose_service")
    go(ui, "service_queue-ticket", "details")

    def sizes() -> tuple[int, int]:
        title, step = find_item(ui.window, "detailsTitle"), find_item(ui.window, "stepText")
        assert title is not None and step is not None
        return title.property("font").pixelSize(), step.property("font").pixelSize()

    normal = sizes()
    tap(ui.window, "accessibilityButton")
    tap(ui.window, "toggle_largeText")
    tap(ui.window, "closeAccessibility")
    large = sizes()
    assert large[0] > normal[0] and large[1] > normal[1], (normal, large)


def test_the_attract_screen_is_read_with_central_its_wording(qapp) -> None:
    """Remote config can reword the attract screen: what is spoken must match what is
    shown (KioskStatusViewModel), built-in text where central IT left a key out."""
    from kiosk.domain.catalog import demo_catalog
    from kiosk.domain.journey import Journey
    from kiosk.i18n import Translator
    from ui.viewmodels.accessibility import AccessibilityViewModel

    texts = {"attract.title": {"fr": "Bonjour Laeken"}}
    a11y = AccessibilityViewModel(Journey(demo_catalog(), lambda: 0.0), texts=lambda: texts)
    spoken = a11y.spoken_text()
    assert spoken.startswith("Bonjour Laeken ")
    assert Translator("fr")("attract.title") not in spoken
    assert Translator("fr")("attract.offer") in spoken  # left out: ours
