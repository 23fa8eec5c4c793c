"""The check run on every screenshot that every text shown is from the screen language's
catalog or declared data (ui/shown_texts.py), on a small QML window and on the real
kiosk's screens."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtQml import QQmlApplicationEngine, QQmlComponent

from kiosk.i18n import Translator
from tests.ui.harness import running_kiosk, screen_of
from ui.scripted import find_item, next_frame, screen_problems, tap, wait_until
from ui.shown_texts import uncatalogued_texts

FR, NL = Translator("fr"), Translator("nl")

SCREEN = """
import QtQuick
import QtQuick.Window
Window {
    visible: true; width: 600; height: 900
    property QtObject vm: QtObject { property string state: "pay"; property string language: "fr" }
    Column {
        objectName: "page"
        Text { objectName: "catalog"; text: "✔ " + %(title)r }
        Text { objectName: "pattern"; text: %(step)r }
        Text { objectName: "joined"; text: %(joined)r }
        Text { objectName: "signed"; text: "◷ " + %(closing)r }
        Text { objectName: "amount"; text: "3,00\u00a0€"; property string dataKind: "money" }
        Text { objectName: "labelled"; text: %(due)r + " 28/12/2026"
               property string dataKind: "number" }
        Text { objectName: "title"; text: "Tintin au Tibet"; property string dataKind: "title" }
        Text { objectName: "signs"; text: "▼ ⌫" }
        Text { objectName: "hidden"; text: "Literal but hidden"; visible: false }
        Text { objectName: "literal"; text: "Veuillez patienter encore un peu" }
        Text { objectName: "notMoney"; text: "trois euros"; property string dataKind: "money" }
        Text { objectName: "typo"; text: "12"; property string dataKind: "numbr" }
        Text { objectName: "otherLanguage"; text: %(dutch)r }
        Text { objectName: "badPlaceholder"; text: %(bad_step)r }
    }
}
"""


@pytest.fixture(scope="module")
def window(qapp):
    source = SCREEN % {
        "title": FR("pay.title"),
        "step": FR("step.counter").format(n=2, total=4, name=FR("step.review")),
        "joined": FR("details.data.hint") + " " + FR("details.data.wrong"),
        "due": FR("library.due"),
        "closing": FR("library.closing").format(n=12),  # a sign, a number, a full stop
        "dutch": NL("pay.title"),
        # {name} must be a catalog text (a step's name), not any words
        "bad_step": FR("step.counter").format(n=2, total=4, name="Bricolage"),
    }
    engine = QQmlApplicationEngine()
    engine.loadData(QByteArray(source.encode("utf-8")))
    assert engine.rootObjects(), "the test screen did not load"
    yield engine.rootObjects()[0]
    engine.deleteLater()


def test_only_literals_and_wrong_declarations_are_reported(window):
    found = {m.name: m for m in uncatalogued_texts(window, "fr")}
    assert sorted(found) == ["badPlaceholder", "literal", "notMoney", "otherLanguage", "typo"]
    # The screen, the language and the text are named.
    assert str(found["literal"]) == ("literal: not in the fr catalog nor declared data, on the "
                                     "pay screen: 'Veuillez patienter encore un peu'")
    assert "'numbr' is none of" in found["typo"].why
    assert found["notMoney"].why == "neither money nor the fr catalog, on the pay screen"


def test_a_multilingual_screen_takes_any_language(window):
    found = {m.name for m in uncatalogued_texts(window, "fr", multilingual=True)}
    assert "otherLanguage" not in found and "literal" in found


def test_it_is_cheap(window):
    uncatalogued_texts(window, "nl")  # the catalogs' patterns are built once
    start = time.perf_counter()
    for _ in range(20):
        uncatalogued_texts(window, "fr")
    assert (time.perf_counter() - start) / 20 < 0.02  # per screen, 13 texts


def test_a_literal_put_into_a_real_screen_fails_its_screenshot(qapp, tmp_path, registry):
    with running_kiosk(qapp, tmp_path, registry) as ui:
        tap(ui.window, "startButton")
        tap(ui.window, "language_nl")
        tap(ui.window, "skipIdentification")
        wait_until(lambda: screen_of(ui, "choose_service"), 5, "the services screen")
        next_frame(ui.window)
        assert screen_problems(ui.window) == []
        view = find_item(ui.window, "servicesView")
        component = QQmlComponent(ui.engine)
        component.setData(b'import QtQuick\nText { objectName: "literal"; y: 400; '
                          b'text: "Kies een dienst hieronder" }', ui.engine.baseUrl())
        literal = component.create()
        assert literal is not None, component.errorString()
        literal.setParentItem(view)
        try:
            next_frame(ui.window)
            problems = [str(p) for p in screen_problems(ui.window)]
            # (drawn over a service button as well: the fit check says so too)
            assert ("literal: not in the nl catalog nor declared data, on the choose_service "
                    "screen: 'Kies een dienst hieronder'") in problems
        finally:
            literal.setParentItem(None)
            literal.deleteLater()
        tap(ui.window, "cancelButton")
        wait_until(lambda: screen_of(ui, "attract"), 5, "the session to end")
