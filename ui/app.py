"""The kiosk's Qt application: the QML engine, the window, and what feeds it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

from kiosk.composition import JourneyCore
from kiosk.identity import CardWatcher
from ui.bridge import ThreadBridge
from ui.operations import BackgroundRunner
from ui.photo import CitizenPhotoProvider
from ui.viewmodels.journey import JourneyViewModel
from ui.watchdog import UiWatchdog

if TYPE_CHECKING:  # imported for real after the first frame (they bring SQLAlchemy)
    from kiosk.services import CoreServices
    from sync.status import StatusMonitor

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).parent / "qml"
EXIT_SERVICES_FAILED = 3
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
    core: JourneyCore
    services: CoreServices | None = None
    startup_error: BaseException | None = field(default=None, repr=False)
    device_news: ThreadBridge | None = None
    card_news: ThreadBridge | None = None
    card_watcher: CardWatcher | None = None
    platform_monitor: StatusMonitor | None = None
    platform_news: ThreadBridge | None = None
    watchdog: UiWatchdog | None = None  # systemd: READY=1, then pings from this thread

    def load_services(self, load: Callable[[], CoreServices]) -> None:
        """Build the heavy services on a worker; plug them in when they are up."""
        self.runner.run(load, self._services_ready, self._services_failed)

    def _services_ready(self, services: CoreServices) -> None:
        self.services = services
        self.core.fulfilment.install(services.handlers())
        monitor = services.printer_monitor
        if monitor is None:
            self.core.devices.set_printer(None, configured=False)
        else:
            # The monitor thread records the state; the GUI thread redraws the offer.
            self.device_news = ThreadBridge(lambda _: self.view_model.refresh_services())
            bridge = self.device_news

            def on_printer(status: object) -> None:
                self.core.devices.set_printer(status)  # type: ignore[arg-type]
                bridge.post(status)

            monitor.subscribe(on_printer)
            monitor.start()
        self._offer_payments(services)
        self._watch_platform(services)
        reader = services.devices.get("eid_reader")
        if reader is not None:
            self.card_news = ThreadBridge(self.view_model.card_news)
            self.card_watcher = CardWatcher(reader, self.card_news.post)
            self.card_watcher.start()
        self.view_model.refresh_services()
        log.info("kiosk services ready")

    def _watch_platform(self, services: CoreServices) -> None:
        """The sync process records whether the central platform answers; online-only
        services follow it."""
        from sync.status import StatusMonitor  # SQLAlchemy: not before the first frame

        self.platform_news = ThreadBridge(lambda _: self.view_model.refresh_services())
        bridge = self.platform_news
        monitor = StatusMonitor(services.store)

        def on_status(status: object) -> None:
            self.core.devices.set_platform_online(bool(getattr(status, "online", False)))
            bridge.post(status)

        monitor.subscribe(on_status)
        monitor.start()
        self.platform_monitor = monitor

    def _offer_payments(self, services: CoreServices) -> None:
        """Settle what a crash left unfinished, then offer the ways to pay."""
        self.view_model.payment.set_services(services, self.core.catalog)
        methods = services.payment_methods()
        if services.payments is None or not methods:
            return

        def reconciled(results: list) -> None:
            pending = [r for r in results if r.result == "pending"]
            for settled in results:
                log.info("unfinished payment %s (%s): %s", settled.payment_id, settled.method,
                         settled.result)
            if pending:
                # Money in an unknown state: no new payment until it is settled.
                log.warning("%d payment(s) still unsettled: payments not offered",
                            len(pending))
                return
            self.core.devices.set_payment_methods(methods)
            self.view_model.refresh_services()

        def failed(error: BaseException) -> None:
            log.error("payment reconciliation failed: %s", error, exc_info=error)

        self.runner.run(services.payments.reconcile, reconciled, failed)

    def _services_failed(self, error: BaseException) -> None:
        # Without its store the kiosk cannot keep a promise: stop, and let systemd
        # restart it (and central IT see the restarts), rather than pretend.
        self.startup_error = error
        log.critical("kiosk services failed to start: %s", error, exc_info=error)
        QGuiApplication.exit(EXIT_SERVICES_FAILED)

    def close(self, timeout_ms: int = 10_000) -> None:
        if self.watchdog is not None:
            self.watchdog.stop()
        if self.card_watcher is not None:
            self.card_watcher.stop()
        if self.platform_monitor is not None:
            self.platform_monitor.stop()
        self.runner.wait_idle(timeout_ms)
        QGuiApplication.instance().removeEventFilter(self.activity)
        self.window.close()
        # Destroy the QML now, while the view-model it binds to is still alive;
        # a deferred delete would let bindings run against a collected view-model.
        shiboken6.delete(self.engine)
        if self.services is not None:
            self.services.close()


def start_ui(
    app: QGuiApplication,
    core: JourneyCore,
    width: int,
    height: int,
    fullscreen: bool,
    load_services: Callable[[], CoreServices],
) -> KioskUi:
    """Show the attract screen first, then build the services behind it.

    ``load_services`` runs on a worker once the first frame is on screen, so the
    citizen sees the kiosk as early as possible and the GUI thread never waits.
    """
    if QQuickStyle.name() != "Basic":  # settable once per process, before any Controls QML
        QQuickStyle.setStyle("Basic")
    runner = BackgroundRunner(QThreadPool())
    photos = CitizenPhotoProvider()
    view_model = JourneyViewModel(
        core.journey, core.fulfilment, runner, languages=core.config.kiosk.languages,
        photos=photos)
    engine = QQmlApplicationEngine()
    engine.addImageProvider("citizen", photos)  # the engine takes ownership
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
    ui = KioskUi(engine, window, view_model, runner, activity, core)
    window.frameSwapped.connect(lambda: ui.load_services(load_services),
                                Qt.ConnectionType.SingleShotConnection)
    # Under systemd (NOTIFY_SOCKET set): READY=1 with the first frame, then the pings.
    ui.watchdog = UiWatchdog.from_env()
    window.frameSwapped.connect(ui.watchdog.start, Qt.ConnectionType.SingleShotConnection)
    if fullscreen:
        window.showFullScreen()
    else:
        window.show()
    return ui
