"""The kiosk's Qt application: the QML engine, the window, and what feeds it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

from drivers.audio.jack import jack_from_uri
from kiosk.composition import JourneyCore, journey_timeouts
from kiosk.domain.journey import State
from kiosk.recent_errors import RecentErrors
from kiosk.updates.uimarkers import UiMarkers
from sync.state_dirs import SCREENSHOTS
from ui.card_pin_prompt import UiPinPrompt
from ui.incubation import SlicedIncubation
from ui.operations import BackgroundRunner
from ui.photo import CitizenPhotoProvider
from ui.qt_runtime import (
    cache_large_glyphs,
    freeze_started_objects,
    keep_true_alive,
    skip_source_scan,
    thaw_objects,
)
from ui.screenshots import ScreenshotTaker
from ui.speech import Speaker, find_speech_command
from ui.taps import TapCounter
from ui.viewmodels.accessibility import AccessibilityViewModel
from ui.viewmodels.journey import JourneyViewModel
from ui.viewmodels.kioskstatus import KioskStatusViewModel
from ui.watchdog import UiWatchdog

if TYPE_CHECKING:  # imported for real after the first frame (they bring SQLAlchemy)
    from kiosk.config.schema import Config
    from kiosk.domain.city import CityPlatform
    from kiosk.services import CoreServices
    from ui.library.app import LibraryUi
    from ui.running import KioskRunning
    from ui.viewmodels.technician import TechnicianViewModel
    from ui.viewmodels.voice import VoiceGuide

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


class Touchable(Protocol):
    """A view-model whose inactivity countdown a touch restarts."""

    def touched(self) -> None: ...


class ActivityFilter(QObject):
    """Any touch anywhere restarts the inactivity countdown.

    Installed on the kiosk's window, where every touch, click and key arrives first; not
    on the application, whose filters see every event of every object (each item built
    for a screen sends several), each one a call into Python on the GUI thread."""

    def __init__(self, view_model: Touchable) -> None:
        super().__init__()
        self._view_model = view_model

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS and isinstance(watched, QQuickWindow):
            self._view_model.touched()
        return False


@dataclass
class Assistants:
    """Technician mode and the non-visual mode (keypad and voice): nothing of them is on
    the attract screen before a touch or a key, so :func:`start_ui` builds them on the
    GUI thread right after the first frame, before the services (which use them)."""

    tech: TechnicianViewModel
    voice: VoiceGuide  # the non-visual mode (keypad and voice)


@dataclass(eq=False)  # one per process, never compared: no generated __eq__ to build
class KioskUi:
    """The kiosk's shell: everything on screen from the first frame, all of it built by
    :func:`start_ui`. Technician mode and the non-visual mode (``assistants``) follow
    right after the first frame; what needs the store and the devices is ``running``,
    built complete (ui/running.py) once the services are up on a worker."""

    engine: QQmlApplicationEngine
    window: QQuickWindow
    view_model: JourneyViewModel
    runner: BackgroundRunner
    activity: ActivityFilter
    core: JourneyCore
    # Accessibility and device notices.
    a11y: AccessibilityViewModel
    status: KioskStatusViewModel
    speaker: Speaker | None  # None: no speech program on this machine
    recent_errors: RecentErrors
    close_guard: CloseGuard  # no escape to a desktop without the PIN
    markers: UiMarkers | None  # the software update's seams (None: no updates)
    screenshots: ScreenshotTaker  # central IT's remote screenshots
    card_pin: UiPinPrompt  # the eID PIN pad of the card session's PIN step
    taps: TapCounter  # the citizen's taps per session (tests, README)
    watchdog: UiWatchdog  # systemd: READY=1, then pings from this thread
    # Builds the live client for the City's platform (appointments, cases, queue);
    # returning None: online-only services are not offered.
    city_platform: Callable[[], CityPlatform | None]
    # From the first frame on: technician mode and the non-visual mode (None before).
    assistants: Assistants | None = None
    # Once the services are up: them and what watches them (None while starting).
    running: KioskRunning | None = None
    startup_error: BaseException | None = field(default=None, repr=False)

    @property
    def tech(self) -> TechnicianViewModel:
        """Technician mode's view-model (there from the first frame on)."""
        return self._assisted().tech

    @property
    def voice(self) -> VoiceGuide:
        """The non-visual mode (there from the first frame on)."""
        return self._assisted().voice

    def _assisted(self) -> Assistants:
        if self.assistants is None:
            raise RuntimeError("technician mode and the non-visual mode are built after "
                               "the kiosk's first frame, which has not been drawn yet")
        return self.assistants

    @property
    def services(self) -> CoreServices | None:
        """The kiosk's services once they are up (None while starting)."""
        return self.running.services if self.running is not None else None

    def load_services(self, load: Callable[[], CoreServices]) -> None:
        """Build the heavy services on a worker; plug them in when they are up."""
        factory = self.city_platform

        def work() -> tuple[CoreServices, CityPlatform | None]:
            services = load()
            platform = None
            try:
                platform = factory()
            except Exception as exc:  # the kiosk still serves what works offline
                log.warning("no live client for the City's platform: %s", exc)
            return services, platform

        self.runner.run(work, lambda built: self._services_ready(*built),
                        self._services_failed)

    def _services_ready(self, services: CoreServices, platform: CityPlatform | None) -> None:
        from ui.running import start_running

        self.running = start_running(self, services, platform)
        self.status.services_ready()
        self.view_model.refresh_services()
        freeze_started_objects()  # no full collection walks them mid-session: ui/qt_runtime.py
        log.info("kiosk services ready")

    def apply_config(self, config: Config) -> None:
        """Take a remote config at an idle moment (GUI thread): the services offered,
        the attract-screen texts, and the journey's timeouts (from the next session)."""
        self.core.config = config
        self.core.devices.set_enabled_services(frozenset(config.kiosk.enabled_services))
        self.core.journey.set_timeouts(journey_timeouts(config))
        self.status.set_config(config)
        self.view_model.refresh_services()

    def _services_failed(self, error: BaseException) -> None:
        # Without its store the kiosk cannot keep a promise: stop, and let systemd
        # restart it (and central IT see the restarts), rather than pretend.
        self.startup_error = error
        log.critical("kiosk services failed to start: %s", error, exc_info=error)
        QGuiApplication.exit(EXIT_SERVICES_FAILED)

    def close(self, timeout_ms: int = 10_000) -> None:
        self.watchdog.stop()
        self.screenshots.stop()
        running = self.running
        if running is not None:
            running.stop()
        self.view_model.letter.stop()
        if self.assistants is not None:
            self.assistants.voice.close()
        if self.speaker is not None:
            self.speaker.close()
        if self.markers is not None:
            self.markers.close()
        logging.getLogger().removeHandler(self.recent_errors)
        self.runner.wait_idle(timeout_ms)
        self.window.removeEventFilter(self.activity)
        self.close_guard.release()
        self.window.close()
        # Destroy the QML now, while the view-model it binds to is still alive;
        # a deferred delete would let bindings run against a collected view-model.
        shiboken6.delete(self.engine)
        if running is not None:
            running.close()
        thaw_objects()


def start_app(
    app: QGuiApplication,
    core: JourneyCore,
    width: int,
    height: int,
    fullscreen: bool,
    load_services: Callable[[], CoreServices],
    city_platform: Callable[[], CityPlatform | None] | None = None,
    on_technician_exit: Callable[[int], None] | None = None,
    wall_clock: Callable[[], datetime] | None = None,
) -> KioskUi | LibraryUi:
    """The kiosk's screens for its ``[kiosk] mode``: the citizen kiosk's
    (:func:`start_ui`) or a library self-checkout's (ui/library/app.py)."""
    if core.config.kiosk.mode == "library":
        from ui.library.app import start_library_ui

        return start_library_ui(app, core, width, height, fullscreen, load_services,
                                wall_clock=wall_clock)
    return start_ui(app, core, width, height, fullscreen, load_services,
                    city_platform=city_platform, on_technician_exit=on_technician_exit)


def start_ui(
    app: QGuiApplication,
    core: JourneyCore,
    width: int,
    height: int,
    fullscreen: bool,
    load_services: Callable[[], CoreServices],
    city_platform: Callable[[], CityPlatform | None] | None = None,
    on_technician_exit: Callable[[int], None] | None = None,
) -> KioskUi:
    """Show the citizen kiosk's attract screen first, then build the services behind it.

    ``load_services`` runs on a worker once the first frame is on screen, so the
    citizen sees the kiosk as early as possible and the GUI thread never waits.
    ``city_platform`` (default: the client from the config's backend section) runs
    there too.
    """
    if core.config.kiosk.mode == "library":
        raise ValueError("[kiosk] mode is \"library\": start it with start_app")
    skip_source_scan()  # the services' modules, imported on a worker: see ui/qt_runtime.py
    cache_large_glyphs()  # before the first frame: see ui/qt_runtime.py
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
    extras = _session_extras(core, width)
    engine = QQmlApplicationEngine()
    SlicedIncubation().install(engine)  # the next screen is built in short slices
    view_model.use_script_engine(engine)
    engine.addImageProvider("citizen", photos)  # the engine takes ownership
    warnings: list[str] = []
    engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    card_pin = UiPinPrompt(lambda: core.journey.session.language)
    core.journey.subscribe(lambda _old, new, _event: card_pin.end()
                           if new is State.ATTRACT else None)
    taps = TapCounter(core.journey)
    # Every KioskButton reports its taps (ui/qml/KioskButton.qml), wherever it sits.
    engine.rootContext().setContextProperty("tapCounter", taps)
    # Technician mode and the non-visual mode come right after the first frame (below).
    engine.setInitialProperties({"vm": view_model, "width": width, "height": height,
                                 "a11y": extras.a11y, "status": extras.status,
                                 "cardPin": card_pin.model})
    view_model.servicesChanged.connect(extras.status.refresh)
    engine.load(QUrl.fromLocalFile(str(QML_DIR / "Main.qml")))
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise RuntimeError("the kiosk's QML did not load:\n" + "\n".join(warnings))
    window = roots[0]
    activity = ActivityFilter(view_model)
    # On the window, which receives every touch and key first, not on the application:
    # a filter there is handed every event of every object, and converting each of those
    # objects to Python set up ~100 PySide types (QProcess', QLocalSocket's, …) on the
    # way to the first frame.
    window.installEventFilter(activity)
    window.installEventFilter(close_guard)
    # Remote screenshots, whether or not the kiosk takes updates: the sync process asks
    # through the state directory it shares with the updater (sync/heartbeat.py), and a
    # citizen session is the journey's own state (not the update lock's marker).
    screenshots = ScreenshotTaker(
        window, Path(core.config.updates.state_dir) / SCREENSHOTS,
        lambda: core.journey.state is not State.ATTRACT, runner)
    ui = KioskUi(engine, window, view_model, runner, activity, core, extras.a11y,
                 extras.status, extras.speaker, extras.errors, close_guard, markers,
                 screenshots, card_pin, taps,
                 # Under systemd (NOTIFY_SOCKET set): READY=1 with the first frame, then pings.
                 UiWatchdog.from_env(),
                 city_platform or _configured_platform(core))
    on_exit = close_guard.releasing(on_technician_exit or QGuiApplication.exit)

    def start_behind() -> None:
        # Once every listener of the first frame has had it (systemd's READY=1, the
        # update's health gate): technician mode and the non-visual mode first (the
        # services plug into them), then the worker threads, which compete for the GIL.
        # The screens' parts the attract screen does not show are built meanwhile, in
        # slices between frames (Main.qml: firstFrameShown).
        window.setProperty("firstFrameShown", True)
        # A kiosk runs for weeks (ui/qt_runtime.py). Before the first frame True keeps
        # the hundreds of references the interpreter gave it, against a few dozen emits.
        keep_true_alive()
        QTimer.singleShot(0, lambda: _assist(ui, on_exit))
        QTimer.singleShot(0, lambda: ui.load_services(load_services))
        QTimer.singleShot(0, lambda: ui.voice.listen_to_jack())

    for first_frame in (ui.watchdog.start, screenshots.start, start_behind):
        window.frameSwapped.connect(first_frame, Qt.ConnectionType.SingleShotConnection)
    if markers is not None:  # the update's health gate waits for the attract screen
        window.frameSwapped.connect(markers.first_frame, Qt.ConnectionType.SingleShotConnection)
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
        from sync.credential import CredentialError, read_credential

        try:
            read_credential(Path(core.config.backend.credential_path))
        except CredentialError:
            return None  # not enrolled: no client, and no HTTP stack loaded for nothing
        from sync.city_client import city_client_from_config  # requests: on the worker

        return city_client_from_config(core.config)

    return build


@dataclass
class _Extras:
    a11y: AccessibilityViewModel
    status: KioskStatusViewModel
    speaker: Speaker | None
    errors: RecentErrors


def _session_extras(core: JourneyCore, width: int) -> _Extras:
    """Accessibility and the device notices, for start_ui."""
    config = core.config

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
    status = KioskStatusViewModel(config, core.devices, language)
    return _Extras(a11y, status, speaker, errors)


def _assist(ui: KioskUi, on_exit: Callable[[int], None]) -> None:
    """Build technician mode and the non-visual mode and hand them to the window (GUI
    thread, after the first frame: their modules, the technician gate and the screen
    reader are no part of the attract screen)."""
    from kiosk import __version__
    from kiosk.eid_trust import revocation_status
    from kiosk.technician import TechnicianGate
    from ui.viewmodels.technician import TechnicianViewModel
    from ui.viewmodels.voice import VoiceGuide

    core = ui.core
    config = core.config

    def language() -> str:
        return core.journey.session.language

    gate = TechnicianGate(config.ui.technician_pin_hash, time.monotonic,
                          card_hashes=config.ui.technician_card_hashes)
    tech = TechnicianViewModel(gate, ui.runner, language, ui.recent_errors, on_exit,
                               at_attract=lambda: core.journey.state.value == "attract",
                               kiosk_id=config.kiosk.id, site_name=config.kiosk.site_name,
                               version=__version__,
                               revocation=lambda: revocation_status(config.eid,
                                                                    datetime.now(UTC)))
    voice = VoiceGuide(core.journey, ui.speaker, jack_from_uri(config.ui.headphone_jack),
                       config.kiosk.languages, ui.view_model.start,
                       announce_every_ms=config.ui.voice_announce_s * 1000,
                       headphones_device=config.ui.headphones_audio_device)
    ui.assistants = Assistants(tech, voice)
    voice.attach(ui.window, ui.card_pin.model)
    # The window's last filter installed runs first, and the voice guide takes the keys
    # of its mode: the activity filter goes back in front, so that every key still
    # counts as the citizen being there (Qt moves a filter installed again).
    ui.window.installEventFilter(ui.activity)
    ui.window.setProperty("tech", tech)
    ui.window.setProperty("voice", voice)
