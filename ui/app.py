"""The kiosk's Qt application: the QML engine, the window, and what feeds it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

from drivers.audio.jack import jack_from_uri
from kiosk.card_presence import PresenceCheck, SessionOpener
from kiosk.composition import JourneyCore, journey_timeouts
from kiosk.domain.journey import State
from kiosk.eid_trust import offline_trust, revocation_status
from kiosk.identity import CardWatcher
from kiosk.technician import RecentErrors, TechnicianGate
from kiosk.updates.uimarkers import UiMarkers
from sync.actions import SCREENSHOTS
from ui.bridge import ThreadBridge
from ui.card_pin_prompt import UiPinPrompt
from ui.incubation import SlicedIncubation
from ui.operations import BackgroundRunner
from ui.photo import CitizenPhotoProvider
from ui.qt_runtime import keep_true_alive
from ui.remote_config import RemoteConfigApplier
from ui.screenshots import ScreenshotTaker
from ui.speech import Speaker, find_speech_command
from ui.taps import TapCounter
from ui.viewmodels.accessibility import AccessibilityViewModel
from ui.viewmodels.journey import JourneyViewModel
from ui.viewmodels.kioskstatus import KioskStatusViewModel
from ui.viewmodels.technician import TechnicianViewModel
from ui.viewmodels.voice import VoiceGuide
from ui.watchdog import UiWatchdog

if TYPE_CHECKING:  # imported for real after the first frame (they bring SQLAlchemy)
    from kiosk.config.schema import Config
    from kiosk.domain.city import CityPlatform
    from kiosk.services import CoreServices
    from sync.status import StatusMonitor

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).parent / "qml"
EXIT_SERVICES_FAILED = 3
ACTIVITY_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
})


class CloseGuard(QObject):
    """Refuses every close of the kiosk window (a close event from the compositor, a key
    combination, QWindow.close()) until :meth:`release`: only the technician's exit
    after the PIN, and the orderly shutdown (KioskUi.close), may close it."""

    def __init__(self) -> None:
        super().__init__()
        self.released = False

    def release(self) -> None:
        self.released = True

    def releasing(self, on_exit: Callable[[int], None]) -> Callable[[int], None]:
        """``on_exit`` (the technician's exit), releasing the window first."""

        def leave(code: int) -> None:
            self.release()
            on_exit(code)

        return leave

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and not self.released:
            event.ignore()  # a QCloseEvent left accepted would close the window anyway
            log.info("window close refused: the technician exit needs the PIN")
            return True
        return False


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
    # Builds the live client for the City's platform (appointments, cases, queue);
    # None: online-only services are not offered.
    city_platform: Callable[[], CityPlatform | None] | None = None
    platform: CityPlatform | None = None
    # Accessibility, technician mode, device notices (start_ui builds them).
    a11y: AccessibilityViewModel | None = None
    tech: TechnicianViewModel | None = None
    status: KioskStatusViewModel | None = None
    speaker: Speaker | None = None
    recent_errors: RecentErrors | None = None
    remote_config: RemoteConfigApplier | None = None  # central IT's values, taken when idle
    close_guard: CloseGuard | None = None  # no escape to a desktop without the PIN
    markers: UiMarkers | None = None  # the software update's seams (None: no updates)
    screenshots: ScreenshotTaker | None = None  # central IT's remote screenshots
    card_pin: UiPinPrompt | None = None  # the eID PIN pad of the card session's PIN step
    taps: TapCounter | None = None  # the citizen's taps per session (tests, README)
    voice: VoiceGuide | None = None  # the non-visual mode (keypad and voice)

    def load_services(self, load: Callable[[], CoreServices]) -> None:
        """Build the heavy services on a worker; plug them in when they are up."""
        factory = self.city_platform

        def work() -> tuple[CoreServices, CityPlatform | None]:
            services = load()
            platform = None
            if factory is not None:
                try:
                    platform = factory()
                except Exception as exc:  # the kiosk still serves what works offline
                    log.warning("no live client for the City's platform: %s", exc)
            return services, platform

        self.runner.run(work, lambda built: self._services_ready(*built),
                        self._services_failed)

    def _services_ready(self, services: CoreServices,
                        platform: CityPlatform | None = None) -> None:
        self.services = services
        self.platform = platform
        self.core.fulfilment.install(services.handlers(platform))
        self._wire_journeys(services, platform)
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
            deliver: Callable[[Any], None] = self.view_model.card_news
            if self.tech is not None:  # technicians' cards open technician mode instead
                deliver = self.tech.card_news_to(deliver)
            self.card_news = ThreadBridge(deliver)
            post: Callable[[Any], None] = self.card_news.post
            if self.tech is not None:  # told apart on the watcher's thread (scrypt)
                post = self.tech.card_router(post)
            self.card_watcher = CardWatcher(reader, post, presence=self._presence_check())
            self.card_watcher.start()
        self.view_model.refresh_services()
        self._watch_remote_config(services)
        log.info("kiosk services ready")

    def _presence_check(self) -> PresenceCheck | None:
        """The PIN step: the pad on screen; online, the platform opens the card session."""
        if self.card_pin is None:
            return None

        def opener() -> SessionOpener | None:
            platform = self.platform
            if platform is None or not self.core.devices.platform_online():
                return None
            return getattr(platform, "open_card_session", None)

        eid = self.core.config.eid
        return PresenceCheck(self.card_pin, opener,
                             offline_trust=lambda: offline_trust(eid))

    def _watch_remote_config(self, services: CoreServices) -> None:
        from drivers.registry import default_registry

        self.remote_config = RemoteConfigApplier(
            self.core.journey, self.runner, services.store, self.core.config,
            default_registry(), self.apply_config)
        self.remote_config.start()

    def apply_config(self, config: Config) -> None:
        """Take a remote config at an idle moment (GUI thread): the services offered,
        the attract-screen texts, and the journey's timeouts (from the next session)."""
        self.core.config = config
        self.core.devices.set_enabled_services(frozenset(config.kiosk.enabled_services))
        self.core.journey.set_timeouts(journey_timeouts(config))
        if self.status is not None:
            self.status.set_config(config)
        self.view_model.refresh_services()

    def _wire_journeys(self, services: CoreServices, platform: CityPlatform | None) -> None:
        """What the journeys need besides the fulfil handlers: the live platform for
        slots and queue estimates, the camera for letters, the offline flag for
        certificate confirmations."""
        from kiosk.domain.appointments import cached_sites
        from kiosk.domain.tickets import QueueWaitEstimate

        online = self.core.devices.platform_online
        services.certificates.watch_platform(online)
        site = services.site
        if site is not None:
            # Every site of the city, from the reference data sync cached (read on a worker).
            self.view_model.appointment.set_platform(
                platform, site, lambda: cached_sites(services.store, site))
            if platform is not None:
                services.tickets.set_wait_estimate(QueueWaitEstimate(platform, site, online))
        self.view_model.letter.set_camera(services.devices.get("camera"))
        self._wire_documents(services, platform)

    def _wire_documents(self, services: CoreServices, platform: CityPlatform | None) -> None:
        """Certificates printed here: the A4 printer, and the backend that issues them
        (through the platform's client). What a stopped kiosk left mid-print is settled
        first, on a worker."""
        printer = services.devices.get("document_printer")
        issue = getattr(platform, "issue_document", None)
        if printer is None or platform is None or issue is None:
            return
        from kiosk.documents.delivery import DocumentDelivery
        from sync.documents import BackendDocumentSource
        from sync.outbox import Outbox

        delivery = DocumentDelivery(services.store, BackendDocumentSource(
            platform, Outbox(services.store)), printer)  # type: ignore[arg-type]
        self.runner.run(delivery.reconcile,
                        lambda settled: [log.info("document of request %s: %s", d.request_id,
                                                  d.outcome) for d in settled],
                        lambda error: log.error("settling unfinished documents failed: %s",
                                                type(error).__name__))
        self.view_model.document.set_delivery(delivery)

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
        if self.screenshots is not None:
            self.screenshots.stop()
        if self.remote_config is not None:
            self.remote_config.stop()
        if self.card_watcher is not None:
            self.card_watcher.stop()
        if self.platform_monitor is not None:
            self.platform_monitor.stop()
        self.view_model.letter.stop()
        if self.voice is not None:
            self.voice.close()
        if self.speaker is not None:
            self.speaker.close()
        if self.markers is not None:
            self.markers.close()
        if self.recent_errors is not None:
            logging.getLogger().removeHandler(self.recent_errors)
        self.runner.wait_idle(timeout_ms)
        close_platform = getattr(self.platform, "close", None)
        if close_platform is not None:
            close_platform()
        QGuiApplication.instance().removeEventFilter(self.activity)
        if self.close_guard is not None:
            self.close_guard.release()
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
    city_platform: Callable[[], CityPlatform | None] | None = None,
    on_technician_exit: Callable[[int], None] | None = None,
    wall_clock: Callable[[], datetime] | None = None,
) -> KioskUi:
    """Show the attract screen first, then build the services behind it.

    ``load_services`` runs on a worker once the first frame is on screen, so the
    citizen sees the kiosk as early as possible and the GUI thread never waits.
    ``city_platform`` (default: the client from the config's backend section) runs
    there too. ``wall_clock`` (aware datetimes): the library screens' closing banner
    reads the schedule on it (the real time by default).
    """
    keep_true_alive()  # a kiosk runs for weeks: see ui/qt_runtime.py
    if core.config.kiosk.mode == "library":  # a library self-checkout: its own screens
        from ui.library.app import start_library_ui

        return start_library_ui(  # type: ignore[return-value]  # same start/close surface
            app, core, width, height, fullscreen, load_services, wall_clock=wall_clock)
    if QQuickStyle.name() != "Basic":  # settable once per process, before any Controls QML
        QQuickStyle.setStyle("Basic")
    runner = BackgroundRunner(QThreadPool())
    photos = CitizenPhotoProvider(core.journey.photo)  # reads the session, keeps nothing
    core.devices.set_enabled_services(frozenset(core.config.kiosk.enabled_services))
    markers = _update_markers(core)
    view_model = JourneyViewModel(
        core.journey, core.fulfilment, runner, languages=core.config.kiosk.languages,
        photos=photos, platform_online=core.devices.platform_online, sessions=markers)
    close_guard = CloseGuard()
    extras = _session_extras(core, runner, width,
                             close_guard.releasing(on_technician_exit or QGuiApplication.exit))
    engine = QQmlApplicationEngine()
    SlicedIncubation().install(engine)  # the next screen is built in short slices
    view_model.use_script_engine(engine)
    engine.addImageProvider("citizen", photos)  # the engine takes ownership
    warnings: list[str] = []
    engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    card_pin = UiPinPrompt(lambda: core.journey.session.language)
    taps = TapCounter(core.journey)
    # Every KioskButton reports its taps (ui/qml/KioskButton.qml), wherever it sits.
    engine.rootContext().setContextProperty("tapCounter", taps)
    voice = VoiceGuide(core.journey, extras.speaker, jack_from_uri(core.config.ui.headphone_jack),
                       core.config.kiosk.languages, view_model.start,
                       announce_every_ms=core.config.ui.voice_announce_s * 1000,
                       headphones_device=core.config.ui.headphones_audio_device)
    engine.setInitialProperties({"vm": view_model, "width": width, "height": height,
                                 "a11y": extras.a11y, "tech": extras.tech,
                                 "status": extras.status, "cardPin": card_pin.model,
                                 "voice": voice})
    view_model.servicesChanged.connect(extras.status.refresh)
    engine.load(QUrl.fromLocalFile(str(QML_DIR / "Main.qml")))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise RuntimeError("the kiosk's QML did not load:\n" + "\n".join(warnings))
    window = roots[0]
    voice.attach(window, card_pin.model)
    activity = ActivityFilter(view_model)
    app.installEventFilter(activity)
    ui = KioskUi(engine, window, view_model, runner, activity, core, a11y=extras.a11y,
                 tech=extras.tech, status=extras.status, speaker=extras.speaker,
                 recent_errors=extras.errors, markers=markers, card_pin=card_pin, taps=taps,
                 voice=voice)
    extras.holder.append(ui)
    window.installEventFilter(close_guard)
    ui.close_guard = close_guard
    ui.city_platform = city_platform or _configured_platform(core)
    window.frameSwapped.connect(lambda: ui.load_services(load_services),
                                Qt.ConnectionType.SingleShotConnection)
    # Under systemd (NOTIFY_SOCKET set): READY=1 with the first frame, then the pings.
    ui.watchdog = UiWatchdog.from_env()
    window.frameSwapped.connect(ui.watchdog.start, Qt.ConnectionType.SingleShotConnection)
    if markers is not None:  # the update's health gate waits for the attract screen
        window.frameSwapped.connect(markers.first_frame, Qt.ConnectionType.SingleShotConnection)
    # Remote screenshots, whether or not the kiosk takes updates: the sync process asks
    # through the state directory it shares with the updater (sync/heartbeat.py), and a
    # citizen session is the journey's own state (not the update lock's marker).
    ui.screenshots = ScreenshotTaker(
        window, Path(core.config.updates.state_dir) / SCREENSHOTS,
        lambda: core.journey.state is not State.ATTRACT)
    window.frameSwapped.connect(ui.screenshots.start, Qt.ConnectionType.SingleShotConnection)
    if fullscreen:
        # No decorations (a client-side title bar would bring a close button).
        window.setFlag(Qt.WindowType.FramelessWindowHint)
        window.showFullScreen()
    else:
        window.show()
    return ui


def _update_markers(core: JourneyCore) -> UiMarkers | None:
    """The software update's seams (kiosk/updates): sessions marked, the first frame
    reported. None when the kiosk takes no updates. (Starts are counted by the unit's
    ``kiosk update boot-check``, which runs even when this code cannot.)"""
    from kiosk import __version__

    return UiMarkers.from_config(core.config, __version__)


def _configured_platform(core: JourneyCore) -> Callable[[], CityPlatform | None]:
    def build() -> CityPlatform | None:
        from sync.city_client import city_client_from_config  # requests: on the worker

        return city_client_from_config(core.config)

    return build


@dataclass
class _Extras:
    a11y: AccessibilityViewModel
    tech: TechnicianViewModel
    status: KioskStatusViewModel
    speaker: Speaker | None
    errors: RecentErrors
    holder: list[KioskUi]


def _session_extras(core: JourneyCore, runner: BackgroundRunner, width: int,
                    on_exit: Callable[[int], None]) -> _Extras:
    """Accessibility, technician mode and the device notices, for start_ui."""
    from kiosk import __version__

    config = core.config
    holder: list[KioskUi] = []  # the KioskUi, once built: its services come later

    def services() -> CoreServices | None:
        return holder[0].services if holder else None

    def language() -> str:
        return core.journey.session.language

    program = find_speech_command(config.ui.speech_command)
    speaker = Speaker([program]) if program else None
    # Physical pixels per cm of the configured screen, in this window's pixels.
    per_cm = config.ui.screen_dpi / 2.54 * width / config.ui.width
    a11y = AccessibilityViewModel(core.journey, speaker, per_cm,
                                  texts=lambda: core.config.kiosk.texts)
    errors = RecentErrors()
    logging.getLogger().addHandler(errors)
    gate = TechnicianGate(config.ui.technician_pin_hash, time.monotonic,
                          card_hashes=config.ui.technician_card_hashes)
    tech = TechnicianViewModel(gate, runner, services, language, errors, on_exit,
                               at_attract=lambda: core.journey.state.value == "attract",
                               kiosk_id=config.kiosk.id, site_name=config.kiosk.site_name,
                               version=__version__,
                               revocation=lambda: revocation_status(config.eid,
                                                                    datetime.now(UTC)))
    status = KioskStatusViewModel(config, core.devices, language,
                                  lambda: services() is not None)
    return _Extras(a11y, tech, status, speaker, errors, holder)
