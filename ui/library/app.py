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
from ui.viewmodels.library import LibraryViewModel

if TYPE_CHECKING:
    from kiosk.identity import CardWatcher
    from kiosk.services import CoreServices, LibraryServices
    from kiosk.updates.uimarkers import UiMarkers
    from ui.viewmodels.accessibility import AccessibilityViewModel

log = logging.getLogger(__name__)

LIBRARY_QML = Path(__file__).resolve().parent.parent / "qml" / "library" / "LibraryMain.qml"
LIBRARY_CALL_TIMEOUT_S = 30.0


@dataclass
class LibraryUi:
    engine: QQmlApplicationEngine
    window: QQuickWindow
    view_model: LibraryViewModel
    runner: BackgroundRunner
    activity: ActivityFilter
    core: JourneyCore
    services: LibraryServices | None = None
    library: DeviceOwner[Any] | None = None
    startup_error: BaseException | None = None
    card_watcher: CardWatcher | None = None
    card_news: ThreadBridge | None = None
    replay_timer: QTimer | None = None
    markers: UiMarkers | None = None  # the software update's seams (None: no updates)
    close_guard: CloseGuard | None = None  # no escape to a desktop (see ui/app.py)
    a11y: AccessibilityViewModel | None = None  # high contrast, large text, low layout
    closing: ClosingBanner | None = None  # "the library closes in N minutes"

    def load_services(self, load: Callable[[], CoreServices]) -> None:
        """Build the services on a worker; plug them in when they are up."""
        config = self.core.config

        def work() -> LibraryServices:
            from kiosk.services import build_library_services

            return build_library_services(config, load())

        self.runner.run(work, self._services_ready, self._services_failed)

    def _services_ready(self, services: LibraryServices) -> None:
        self.services = services
        vm = self.view_model
        library: Any = services.library
        if self.markers is not None:  # no patron session starts during a software switch
            from ui.library.switching import SwitchingGate

            library = SwitchingGate(library, self.markers, self.core.config.kiosk.languages)
        self.library = DeviceOwner("library", library)
        vm.set_library(self.library, services.library.settings.offline.max_items_per_patron)
        vm.set_camera(services.devices.get("camera"))
        self._watch_eid(services)
        self._offer_card_payments(services)
        # Offline transactions go to the library system as soon as it answers again.
        self.replay_timer = QTimer()
        self.replay_timer.setInterval(int(self.core.config.library.replay_interval_s * 1000))
        self.replay_timer.timeout.connect(vm.check_library)
        self.replay_timer.start()
        vm.check_library()
        log.info("library services ready")

    def _watch_eid(self, services: LibraryServices) -> None:
        from kiosk.identity import CardWatcher

        reader = services.devices.get("eid_reader")
        if reader is None:
            return
        vm = self.view_model

        def deliver(news: Any) -> None:
            card = getattr(news, "card", None)
            number = card.identity.national_number if card is not None else None
            vm.eid_news(news.kind, number)

        self.card_news = ThreadBridge(deliver)
        self.card_watcher = CardWatcher(reader, self.card_news.post)
        self.card_watcher.start()

    def _offer_card_payments(self, services: LibraryServices) -> None:
        """Settle what a crash left unfinished before fines can be paid again."""
        payments = services.core.payments
        if payments is None or payments.card is None:
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
        if self.replay_timer is not None:
            self.replay_timer.stop()
        if self.card_watcher is not None:
            self.card_watcher.stop()
        self.view_model.close()
        if self.library is not None:
            try:  # let the call under way finish before the SIP2 client closes
                self.library.call(lambda _lib: None, timeout=LIBRARY_CALL_TIMEOUT_S)
            except Exception as exc:
                log.warning("library call still running at shutdown: %s", exc)
            self.library.close()
        self.runner.wait_idle(timeout_ms)
        QGuiApplication.instance().removeEventFilter(self.activity)
        if self.close_guard is not None:
            self.close_guard.release()
        self.window.close()
        shiboken6.delete(self.engine)  # the QML goes before the view-model it binds to
        if self.services is not None:
            self.services.close()


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
    activity = ActivityFilter(view_model)  # type: ignore[arg-type]  # has touched()
    app.installEventFilter(activity)
    ui = LibraryUi(engine, window, view_model, runner, activity, core, a11y=a11y,
                   closing=closing)
    window.frameSwapped.connect(
        lambda: ui.load_services(load_services), Qt.ConnectionType.SingleShotConnection
    )
    ui.close_guard = CloseGuard()
    window.installEventFilter(ui.close_guard)
    markers = ui.markers = _update_markers(core)
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
