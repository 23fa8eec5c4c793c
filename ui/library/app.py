"""Library mode's Qt application: the self-checkout screens first, the services behind.

``start_library_ui`` is what ``ui.app.start_ui`` hands over to when ``[kiosk] mode``
is "library". Like the citizen kiosk it shows its first frame, then builds the heavy
half on a worker: the core services (store, devices, spool, payments) and the
:class:`~kiosk.library.service.LibraryService` on its own owner thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QThreadPool, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

from kiosk.composition import JourneyCore, journey_timeouts
from kiosk.devices import DeviceOwner
from ui.app import EXIT_SERVICES_FAILED, ActivityFilter, CloseGuard
from ui.bridge import ThreadBridge
from ui.library.accessibility import library_accessibility
from ui.library.closing import ClosingBanner
from ui.operations import BackgroundRunner
from ui.qt_runtime import (
    cache_large_glyphs,
    freeze_started_objects,
    keep_true_alive,
    skip_source_scan,
    thaw_objects,
)
from ui.viewmodels.library import LibraryViewModel

if TYPE_CHECKING:
    from kiosk.services import CoreServices, LibraryServices
    from kiosk.updates.uimarkers import UiMarkers
    from ui.running import CardWatch
    from ui.viewmodels.accessibility import AccessibilityViewModel

log = logging.getLogger(__name__)

LIBRARY_QML = Path(__file__).resolve().parent.parent / "qml" / "library" / "LibraryMain.qml"
LIBRARY_CALL_TIMEOUT_S = 30.0


@dataclass
class LibraryRunning:
    """The library services and what runs on them, built complete once they are up."""

    services: LibraryServices
    library: DeviceOwner[Any]  # the library service on its owner thread
    replay_timer: QTimer  # offline transactions go as soon as the library answers
    card: CardWatch | None  # None: no eID reader

    def stop(self) -> None:
        """Stop what feeds the GUI thread; let the library call under way finish."""
        self.replay_timer.stop()
        if self.card is not None:
            self.card.watcher.stop()

    def close_library(self) -> None:
        try:  # let the call under way finish before the SIP2 client closes
            self.library.call(lambda _lib: None, timeout=LIBRARY_CALL_TIMEOUT_S)
        except Exception as exc:
            log.warning("library call still running at shutdown: %s", exc)
        self.library.close()


@dataclass
class LibraryUi:
    """Library mode's shell, on screen from the first frame; ``running`` once the
    services are up."""

    engine: QQmlApplicationEngine
    window: QQuickWindow
    view_model: LibraryViewModel
    runner: BackgroundRunner
    activity: ActivityFilter
    core: JourneyCore
    close_guard: CloseGuard  # no escape to a desktop (see ui/app.py)
    a11y: AccessibilityViewModel  # high contrast, large text, low layout
    closing: ClosingBanner  # "the library closes in N minutes"
    markers: UiMarkers | None  # the software update's seams (None: no updates)
    running: LibraryRunning | None = None  # None while starting
    startup_error: BaseException | None = None

    @property
    def services(self) -> LibraryServices | None:
        """The library services once they are up (None while starting)."""
        return self.running.services if self.running is not None else None

    @property
    def library(self) -> DeviceOwner[Any] | None:
        """The library service's owner thread once it is up (None while starting)."""
        return self.running.library if self.running is not None else None

    def load_services(self, load: Callable[[], CoreServices]) -> None:
        """Build the services on a worker; plug them in when they are up."""
        config = self.core.config

        def work() -> LibraryServices:
            from kiosk.services import build_library_services

            return build_library_services(config, load())

        self.runner.run(work, self._services_ready, self._services_failed)

    def _services_ready(self, services: LibraryServices) -> None:
        vm = self.view_model
        library: Any = services.library
        if self.markers is not None:  # no patron session starts during a software switch
            from ui.library.switching import SwitchingGate

            library = SwitchingGate(library, self.markers, self.core.config.kiosk.languages)
        owner: DeviceOwner[Any] = DeviceOwner("library", library)
        vm.set_library(owner, services.library.settings.offline.max_items_per_patron)
        vm.set_camera(services.devices.get("camera"))
        card = self._watch_eid(services)
        self._offer_card_payments(services)
        # Offline transactions go to the library system as soon as it answers again.
        replay_timer = QTimer()
        replay_timer.setInterval(int(self.core.config.library.replay_interval_s * 1000))
        replay_timer.timeout.connect(vm.check_library)
        replay_timer.start()
        self.running = LibraryRunning(services, owner, replay_timer, card)
        vm.check_library()
        freeze_started_objects()  # no full collection walks them mid-session: ui/qt_runtime.py
        log.info("library services ready")

    def _watch_eid(self, services: LibraryServices) -> CardWatch | None:
        from kiosk.identity import CardWatcher
        from ui.running import CardWatch

        reader = services.devices.get("eid_reader")
        if reader is None:
            return None
        vm = self.view_model

        def deliver(news: Any) -> None:
            card = getattr(news, "card", None)
            number = card.identity.national_number if card is not None else None
            vm.eid_news(news.kind, number)

        news = ThreadBridge(deliver)
        watcher = CardWatcher(reader, news.post)
        watcher.start()
        return CardWatch(watcher, news)

    def _offer_card_payments(self, services: LibraryServices) -> None:
        """Settle what a crash left unfinished before fines can be paid again."""
        payments = services.core.payments
        if payments.card is None:
            return

        def reconciled(results: list) -> None:
            if any(r.result == "pending" for r in results):
                log.warning("a payment is still unsettled: fines cannot be paid")
                return
            self.view_model.set_card_payments(True)

        self.runner.run(
            payments.reconcile,
            reconciled,
            lambda e: log.error("payment reconciliation failed: %s", e),
        )

    def _services_failed(self, error: BaseException) -> None:
        self.startup_error = error
        log.critical("library services failed to start: %s", error, exc_info=error)
        QGuiApplication.exit(EXIT_SERVICES_FAILED)

    def close(self, timeout_ms: int = 10_000) -> None:
        running = self.running
        if running is not None:
            running.stop()
        self.view_model.close()
        if running is not None:
            running.close_library()
        self.runner.wait_idle(timeout_ms)
        self.window.removeEventFilter(self.activity)
        self.close_guard.release()
        self.window.close()
        shiboken6.delete(self.engine)  # the QML goes before the view-model it binds to
        if running is not None:
            running.services.close()
        thaw_objects()


def start_library_ui(
    app: QGuiApplication,
    core: JourneyCore,
    width: int,
    height: int,
    fullscreen: bool,
    load_services: Callable[[], CoreServices],
    clock: Callable[[], float] = time.monotonic,
    wall_clock: Callable[[], datetime] | None = None,
) -> LibraryUi:
    """The attract screen first; ``load_services`` runs on a worker after the first frame.

    ``wall_clock`` (aware datetimes) drives the closing banner from ``[library.schedule]``;
    the real time by default."""
    keep_true_alive()  # a kiosk runs for weeks: see ui/qt_runtime.py
    skip_source_scan()  # the services' modules, imported on a worker: see ui/qt_runtime.py
    cache_large_glyphs()  # before the first frame: see ui/qt_runtime.py
    if QQuickStyle.name() != "Basic":
        QQuickStyle.setStyle("Basic")
    config = core.config
    runner = BackgroundRunner(QThreadPool())
    view_model = LibraryViewModel(
        runner,
        config.kiosk.languages,
        config.kiosk.default_language,
        journey_timeouts(config),  # the same [journey] timeouts as the citizen journey's
        clock,
    )
    engine = QQmlApplicationEngine()
    view_model.use_script_engine(engine)
    warnings: list[str] = []
    engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    a11y = library_accessibility(view_model, config, width)
    closing = ClosingBanner.from_config(config, wall_clock)
    engine.setInitialProperties({"vm": view_model, "width": width, "height": height,
                                 "a11y": a11y, "closing": closing})
    engine.load(QUrl.fromLocalFile(str(LIBRARY_QML)))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise RuntimeError("the library screens' QML did not load:\n" + "\n".join(warnings))
    window = roots[0]
    activity = ActivityFilter(view_model)
    window.installEventFilter(activity)  # the window's events only: see ActivityFilter
    close_guard = CloseGuard()
    window.installEventFilter(close_guard)
    markers = _update_markers(core)
    ui = LibraryUi(engine, window, view_model, runner, activity, core, close_guard, a11y,
                   closing, markers)
    window.frameSwapped.connect(
        lambda: ui.load_services(load_services), Qt.ConnectionType.SingleShotConnection
    )
    if markers is not None:  # the software update's seams (kiosk/updates)
        window.frameSwapped.connect(markers.first_frame, Qt.ConnectionType.SingleShotConnection)
        view_model.stateChanged.connect(lambda: _follow_session(markers, view_model.state))
    if fullscreen:
        window.showFullScreen()
    else:
        window.show()
    return ui


def _update_markers(core: JourneyCore) -> UiMarkers | None:
    from kiosk import __version__
    from kiosk.updates.uimarkers import UiMarkers

    return UiMarkers.from_config(core.config, __version__)  # starts: boot-check counts them


def _follow_session(markers: UiMarkers, state: str) -> None:
    """A patron session lasts from leaving the attract screen until back on it: the
    update lock waits for its end. (Identification itself asks whether a switch is
    under way first: ui/library/switching.py.)"""
    if state == "attract":
        markers.end_session()
    else:
        markers.note_session()
