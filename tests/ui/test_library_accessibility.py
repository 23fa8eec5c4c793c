"""The library self-checkout screens through the citizen screens' accessibility checks
(tests/ui/test_accessibility.py): 2 cm touch targets at the configured screen DPI on
every screen, high contrast, large text, the low layout keeping every control in the
lower part, nothing said by colour alone; all reset when the patron's session ends.
Against the embedded library system over SIP2 on 127.0.0.1, through the real QML."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from kiosk.backend.library.seed import item_barcode
from tests.ui.harness import scene_rect, touch_targets
from tests.ui.test_library_journeys import (
    T,
    acs_fixture,  # noqa: F401  # the SIP2 server fixture, shared
    identify,
    idle,
    running_library,
    scan,
    shown,
    state,
)
from ui.scripted import find_item, iter_items, next_frame, tap, wait_until

MIN_CM = 2.0
# A sign that says what the colour says (danger, refusal, disabled, warning).
SIGNS = ("⚠", "✗", "✖", "⊘")
DANGER = (QColor("#b00020"), QColor("#ff7070"))  # Theme.danger, normal and high contrast


@pytest.fixture
def library(qapp, tmp_path, registry, acs):
    with running_library(qapp, tmp_path, registry, acs.port) as ui:
        yield ui


def assert_targets_big_enough(ui, screen: str) -> int:
    per_cm = ui.a11y.pixelsPerCm
    targets = touch_targets(ui.window)
    assert targets, f"no touch target on the library {screen} screen"
    for item in targets:
        rect = scene_rect(item)
        size_cm = min(rect.width(), rect.height()) / per_cm
        assert size_cm >= MIN_CM, (
            f"{item.objectName() or type(item).__name__} on the library {screen} screen "
            f"is {size_cm:.2f} cm"
        )
    return len(targets)


def assert_nothing_by_colour_alone(ui, screen: str) -> int:
    """Every text drawn in the danger colour carries a sign, or sits next to one that
    does (a refused line's title has ✗, its reason under it). Returns how many."""
    seen = 0
    for item in iter_items(ui.window.contentItem()):
        if not item.isVisible() or item.property("text") is None:
            continue
        color = item.property("color")
        if not isinstance(color, QColor) or color not in DANGER or not item.property("text"):
            continue
        parent = item.parentItem()
        siblings = [s.property("text") or "" for s in parent.childItems()] if parent else []
        assert any(
            sign in str(text) for text in [item.property("text"), *siblings] for sign in SIGNS
        ), (
            f"{item.objectName() or item.property('text')!r} on the library {screen} screen "
            "is said by its colour alone"
        )
        seen += 1
    return seen


def drawn_tops(ui) -> dict[str, float]:
    """Where each touch target's top is drawn, after one more rendered frame: positioners
    (the banners' Column, the overview's rows) lay their children out only then, so a
    banner shown a moment ago has not yet pushed anything."""
    next_frame(ui.window)
    return {i.objectName(): scene_rect(i).top() for i in touch_targets(ui.window)}


def assert_nothing_in_the_upper_part(ui, screen: str) -> dict[str, float]:
    height = ui.window.height()
    tops = drawn_tops(ui)
    high = {name: top for name, top in tops.items() if top < height * 0.25}
    assert not high, f"in the upper quarter of {height} px on the library {screen} screen: {high}"
    return tops


def check(ui, screen: str) -> int:
    next_frame(ui.window)  # measured as drawn, laid out
    assert_targets_big_enough(ui, screen)
    return assert_nothing_by_colour_alone(ui, screen)


def open_switches(ui, *toggles: str) -> None:
    tap(ui.window, "accessibilityButton")
    for toggle in toggles:
        tap(ui.window, f"toggle_{toggle}")
    tap(ui.window, "closeAccessibility")


def visit_every_screen(ui, label: str) -> None:
    """Overview, borrow (with a refusal), return, renew, pay and slip; ends on attract."""
    vm = ui.view_model
    check(ui, f"overview{label}")
    tap(ui.window, "borrowButton")
    state(ui, "borrow")
    scan(ui, item_barcode(12))  # reserved for another reader: a refused line
    shown(ui, f"result_{item_barcode(12)}_refused")
    assert check(ui, f"borrow{label}") >= 2  # the refused line: its title and reason
    tap(ui.window, "backToAccount")
    state(ui, "overview")
    tap(ui.window, "returnButton")
    state(ui, "return")
    check(ui, f"return{label}")
    tap(ui.window, "backToAccount")
    state(ui, "overview")
    idle(ui)
    wait_until(lambda: vm.loans, T, "the loans")
    tap(ui.window, "renewButton")
    state(ui, "renew")
    check(ui, f"renew{label}")
    tap(ui.window, "backToAccount")
    state(ui, "overview")
    idle(ui)
    wait_until(lambda: vm.canPay, T, "fines payment to be offered")
    tap(ui.window, "payButton")
    state(ui, "pay")
    check(ui, f"pay{label}")
    tap(ui.window, "backToAccount")
    state(ui, "overview")
    tap(ui.window, "finishButton")
    state(ui, "slip")
    check(ui, f"slip{label}")
    idle(ui)  # the slip printed: "finish" is usable only then
    tap(ui.window, "slipDone")
    state(ui, "attract")


def test_every_library_screen_has_2_cm_targets_and_says_nothing_by_colour_alone(library):
    ui = library
    # 1080 px over a 21.5" screen: ~40 px per cm; this window is half that width.
    assert ui.a11y.pixelsPerCm == pytest.approx(102.5 / 2.54 / 2)
    state(ui, "attract")
    check(ui, "attract")
    tap(ui.window, "accessibilityButton")
    check(ui, "attract + accessibility panel")
    tap(ui.window, "closeAccessibility")
    identify(ui)
    visit_every_screen(ui, "")


def test_the_same_in_the_low_layout_with_large_text_and_high_contrast(library):
    ui = library
    identify(ui)
    open_switches(ui, "lowLayout", "largeText", "highContrast")
    assert ui.a11y.lowLayout and ui.a11y.largeText and ui.a11y.highContrast
    visit_every_screen(ui, " (low, large, high contrast)")


def test_the_low_layout_keeps_every_library_control_in_the_lower_part(library):
    ui = library
    identify(ui)
    height = ui.window.height()
    assert min(drawn_tops(ui).values()) < height * 0.25
    open_switches(ui, "lowLayout")
    for screen in ("overview", "borrow"):
        if screen == "borrow":
            tap(ui.window, "borrowButton")
            state(ui, "borrow")
        tops = assert_nothing_in_the_upper_part(ui, screen)
        assert "cancelButton" in tops and "accessibilityButton" in tops
        assert find_item(ui.window, "lowNotice") is not None


def test_high_contrast_and_large_text_change_the_screens_and_reset_at_session_end(library):
    ui = library
    identify(ui)
    greeting = shown(ui, "patronGreeting")
    normal_size = greeting.property("font").pixelSize()
    normal_button = find_item(ui.window, "borrowButton").height()
    assert ui.window.property("color") == QColor("#f4f6f9")
    tap(ui.window, "accessibilityButton")
    tap(ui.window, "toggle_highContrast")
    tap(ui.window, "toggle_largeText")
    # On and off are said in words next to the colour.
    assert find_item(ui.window, "toggle_highContrast").property("trailing") == "✔ Activé"
    assert find_item(ui.window, "toggle_lowLayout").property("trailing") == "○ Désactivé"
    tap(ui.window, "closeAccessibility")
    assert ui.window.property("color") == QColor("#000000")
    assert greeting.property("font").pixelSize() > normal_size
    assert find_item(ui.window, "borrowButton").height() >= normal_button

    tap(ui.window, "finishButton")
    state(ui, "slip")
    idle(ui)  # the slip printed: "finish" is usable only then
    tap(ui.window, "slipDone")
    state(ui, "attract")
    assert not (ui.a11y.highContrast or ui.a11y.largeText or ui.a11y.lowLayout)
    assert not ui.a11y.panelOpen
    assert ui.window.property("color") == QColor("#f4f6f9")


def test_the_library_system_gone_is_said_in_words_on_an_accessible_screen(library, acs):
    ui, vm = library, library.view_model
    identify(ui)
    open_switches(ui, "lowLayout", "highContrast")
    tap(ui.window, "borrowButton")
    state(ui, "borrow")
    acs.stop()  # the library system goes away in the middle of the session
    tap(ui.window, "backToAccount")
    state(ui, "overview")
    wait_until(lambda: not vm.online and not vm.busy, T, "offline mode")
    banner = shown(ui, "libraryOfflineBanner")
    assert banner.childItems()[0].property("text").startswith("⚠ ")
    check(ui, "overview (library system gone, low, high contrast)")
    assert_nothing_in_the_upper_part(ui, "overview (library system gone)")
