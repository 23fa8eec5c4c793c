"""The kiosk's Qt application: the QML engine, the window, and what feeds it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, QThreadPool, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

from kiosk.composition import Core
from ui.operations import BackgroundRunner
from ui.viewmodels.journey import JourneyViewModel

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).parent / "qml"
ACTIVITY_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
})


class ActivityFilter(QObject):
    """Any touch anywhere restarts the inactivity countdown."""

    def __init__(self, view_model: JourneyViewModel) -> None:
        super().__init__()
        self._view_model = view_model

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS and isinstance(watched, QQuickWindow):
            self._view_model.touched()
        return False


@dataclass
class KioskUi:
    engine: QQmlApplicationEngine
    window: QQuickWindow
    view_model: JourneyViewModel
    runner: BackgroundRunner
    activity: ActivityFilter

    def close(self, timeout_ms: int = 10_000) -> None:
        self.runner.wait_idle(timeout_ms)
        QGuiApplication.instance().removeEventFilter(self.activity)
        self.window.close()
        # Destroy the QML now, while the view-model it binds to is still alive;
        # a deferred delete would let bindings run against a collected view-model.
        shiboken6.delete(self.engine)


def start_ui(
    app: QGuiApplication, core: Core, width: int, height: int, fullscreen: bool
) -> KioskUi:
    """Load the QML views for ``core`` and show the window."""
    QQuickStyle.setStyle("Basic")
    runner = BackgroundRunner(QThreadPool())
    view_model = JourneyViewModel(
        core.journey, core.fulfilment, runner, languages=core.config.kiosk.languages)
    engine = QQmlApplicationEngine()
    warnings: list[str] = []
    engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    engine.setInitialProperties({"vm": view_model, "width": width, "height": height})
    engine.load(QUrl.fromLocalFile(str(QML_DIR / "Main.qml")))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise RuntimeError("the kiosk's QML did not load:\n" + "\n".join(warnings))
    window = roots[0]
    activity = ActivityFilter(view_model)
    app.installEventFilter(activity)
    if fullscreen:
        window.showFullScreen()
    else:
        window.show()
    return KioskUi(engine, window, view_model, runner, activity)
