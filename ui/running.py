"""What runs behind the citizen kiosk's screens once its services are up.

The shell (:class:`ui.app.KioskUi`) is on screen from the first frame; the store, the
devices and the City's platform come later, on a worker. When they are up,
:func:`start_running` wires them into the journeys and starts what watches them, and
returns one :class:`KioskRunning`, complete: nothing in it is filled in later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.card_presence import PresenceCheck, SessionOpener
from kiosk.card_session_end import CardSessionEnd
from kiosk.eid_trust import OfflineTrust
from kiosk.identity import CardWatcher
from ui.bridge import ThreadBridge
from ui.remote_config import RemoteConfigApplier

if TYPE_CHECKING:
    from kiosk.domain.city import CityPlatform
    from kiosk.services import CoreServices
    from sync.status import StatusMonitor
    from ui.app import KioskUi

log = logging.getLogger(__name__)


@dataclass
class CardWatch:
    """The eID reader's watcher and the bridge its news take to the GUI thread."""

    watcher: CardWatcher
    news: ThreadBridge


@dataclass
class KioskRunning:
    """The kiosk's services and what watches them, built complete by :func:`start_running`."""

    services: CoreServices
    platform: CityPlatform | None  # None: online-only services are not offered
    platform_monitor: StatusMonitor  # is the central platform answering (sync records it)
    platform_news: ThreadBridge
    remote_config: RemoteConfigApplier  # central IT's values, taken when idle
    printer_news: ThreadBridge | None  # None: no receipt printer to watch
    card: CardWatch | None  # None: no eID reader

    @property
    def card_watcher(self) -> CardWatcher | None:
        return self.card.watcher if self.card is not None else None

    def stop(self) -> None:
        """Stop what feeds the GUI thread (before the shell waits for its workers)."""
        self.remote_config.stop()
        if self.card is not None:
            self.card.watcher.stop()
        self.platform_monitor.stop()

    def close(self) -> None:
        """Close the platform's client and the services (after the QML is gone)."""
        close_platform = getattr(self.platform, "close", None)
        if close_platform is not None:
            close_platform()
        self.services.close()


def start_running(ui: KioskUi, services: CoreServices,
                  platform: CityPlatform | None) -> KioskRunning:
    """Plug ``services`` into the journeys and start watching them (GUI thread)."""
    core = ui.core
    core.fulfilment.install(services.handlers(platform))
    _wire_journeys(ui, services, platform)
    printer_news = _watch_printer(ui, services)
    _offer_payments(ui, services)
    platform_monitor, platform_news = _watch_platform(ui, services)
    card = _watch_cards(ui, services, platform)
    from drivers.registry import default_registry

    remote_config = RemoteConfigApplier(core.journey, ui.runner, services.store, core.config,
                                        default_registry(), ui.apply_config)
    remote_config.start()
    ui.tech.set_services(services)
    return KioskRunning(services, platform, platform_monitor, platform_news, remote_config,
                        printer_news, card)


def _watch_printer(ui: KioskUi, services: CoreServices) -> ThreadBridge | None:
    monitor = services.printer_monitor
    if monitor is None:
        ui.core.devices.set_printer(None, configured=False)
        return None
    # The monitor thread records the state; the GUI thread redraws the offer.
    bridge = ThreadBridge(lambda _: ui.view_model.refresh_services())
    devices = ui.core.devices

    def on_printer(status: Any) -> None:
        devices.set_printer(status)
        bridge.post(status)

    monitor.subscribe(on_printer)
    monitor.start()
    return bridge


def _watch_cards(ui: KioskUi, services: CoreServices,
                 platform: CityPlatform | None) -> CardWatch | None:
    reader = services.devices.get("eid_reader")
    if reader is None:
        return None
    # Technicians' cards open technician mode instead of a citizen session.
    to_ui = ui.tech.card_news_to(ui.view_model.card_news)
    close = getattr(platform, "close_card_session", None)
    if close is not None:  # the platform's card session ends with its card
        to_ui = CardSessionEnd(close, lambda work: ui.runner.run(
            work, lambda _done: None,
            lambda error: log.info("the card session could not be ended: %s",
                                   type(error).__name__))).watching(to_ui)
    news = ThreadBridge(to_ui)
    # Told apart on the watcher's thread (scrypt).
    post: Callable[[Any], None] = ui.tech.card_router(news.post)
    watcher = CardWatcher(reader, post, presence=_presence_check(ui, platform))
    watcher.start()
    return CardWatch(watcher, news)


def _presence_check(ui: KioskUi, platform: CityPlatform | None) -> PresenceCheck:
    """The PIN step: the pad on screen; online, the platform opens the card session."""
    devices = ui.core.devices

    def opener() -> SessionOpener | None:
        if platform is None or not devices.platform_online():
            return None
        return getattr(platform, "open_card_session", None)

    eid = ui.core.config.eid
    # One per kiosk: it keeps the roots and the CRL while their files stay the same.
    return PresenceCheck(ui.card_pin, opener, offline_trust=OfflineTrust(eid))


def _wire_journeys(ui: KioskUi, services: CoreServices, platform: CityPlatform | None) -> None:
    """What the journeys need besides the fulfil handlers: the live platform for
    slots and queue estimates, the camera for letters, the offline flag for
    certificate confirmations."""
    from kiosk.domain.appointments import cached_sites
    from kiosk.domain.tickets import QueueWaitEstimate

    online = ui.core.devices.platform_online
    services.certificates.watch_platform(online)
    site = services.site
    # Every site of the city, from the reference data sync cached (read on a worker).
    ui.view_model.appointment.set_platform(
        platform, site, lambda: cached_sites(services.store, site))
    if platform is not None:
        services.tickets.set_wait_estimate(QueueWaitEstimate(platform, site, online))
    ui.view_model.letter.set_camera(services.devices.get("camera"))
    _wire_documents(ui, services, platform)


def _wire_documents(ui: KioskUi, services: CoreServices, platform: CityPlatform | None) -> None:
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
    ui.runner.run(delivery.reconcile,
                  lambda settled: [log.info("document of request %s: %s", d.request_id,
                                            d.outcome) for d in settled],
                  lambda error: log.error("settling unfinished documents failed: %s",
                                          type(error).__name__))
    ui.view_model.document.set_delivery(delivery)


def _watch_platform(ui: KioskUi, services: CoreServices) -> tuple[StatusMonitor, ThreadBridge]:
    """The sync process records whether the central platform answers; online-only
    services follow it."""
    from sync.status import StatusMonitor  # SQLAlchemy: not before the first frame

    bridge = ThreadBridge(lambda _: ui.view_model.refresh_services())
    monitor = StatusMonitor(services.store)
    devices = ui.core.devices

    def on_status(status: object) -> None:
        devices.set_platform_online(bool(getattr(status, "online", False)))
        bridge.post(status)

    monitor.subscribe(on_status)
    monitor.start()
    return monitor, bridge


def _offer_payments(ui: KioskUi, services: CoreServices) -> None:
    """Settle what a crash left unfinished, then offer the ways to pay."""
    core, view_model = ui.core, ui.view_model
    view_model.payment.set_services(services, core.catalog)
    methods = services.payment_methods()
    if not methods:
        return

    def reconciled(results: list) -> None:
        pending = [r for r in results if r.result == "pending"]
        for settled in results:
            log.info("unfinished payment %s (%s): %s", settled.payment_id, settled.method,
                     settled.result)
        if pending:
            # Money in an unknown state: no new payment until it is settled.
            log.warning("%d payment(s) still unsettled: payments not offered", len(pending))
            return
        core.devices.set_payment_methods(methods)
        view_model.refresh_services()

    def failed(error: BaseException) -> None:
        log.error("payment reconciliation failed: %s", error, exc_info=error)

    ui.runner.run(services.payments.reconcile, reconciled, failed)
