"""The heavy half of the kiosk: store, devices and the services that use them."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers.errors import DeviceError, DeviceUriError
from drivers.registry import DEVICE_KINDS, DeviceRegistry, default_registry
from kiosk.audit.config import record_config
from kiosk.audit.log import AuditLog
from kiosk.config.schema import Config
from kiosk.devices import DeviceOwner
from kiosk.devicestate import DevicePoller, DeviceStateRecorder
from kiosk.domain.appointments import AppointmentService, appointment_handler
from kiosk.domain.cases import case_followup_handler
from kiosk.domain.catalog import Catalog, ServiceKind
from kiosk.domain.certificates import CertificateService, certificate_handler
from kiosk.domain.city import CityPlatform
from kiosk.domain.fulfilment import Handler
from kiosk.domain.letters import letter_delivery
from kiosk.domain.queue import Site
from kiosk.domain.tickets import TicketService, queue_ticket_handler
from kiosk.payments.completion import Deliver
from kiosk.payments.delivery import certificate_delivery
from kiosk.payments.service import PaymentService, PaymentSettings
from kiosk.printing.monitor import PrinterMonitor
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store

if TYPE_CHECKING:  # SQLAlchemy is here already; the SIP2 stack only in library mode
    from kiosk.library.service import LibraryService

log = logging.getLogger(__name__)


@dataclass
class CoreServices:
    """Everything :func:`build_services` opened, complete: only a device that is not
    there (no receipt printer: no monitor) is None."""

    store: Store
    devices: dict[str, DeviceOwner[Any]]
    spool: ReceiptSpool
    tickets: TicketService
    certificates: CertificateService
    site: Site
    # Card and cash sagas (each None without its device); run payments.reconcile() on a
    # worker at start-up.
    payments: PaymentService
    # Device states for the heartbeat (kiosk/devicestate.py), shared through the store.
    device_state: DeviceStateRecorder
    device_poller: DevicePoller
    # Money and admin actions (kiosk/audit); technician logins go here too.
    audit: AuditLog
    printer_monitor: PrinterMonitor | None  # None: no receipt printer
    device_problems: dict[str, str] = field(default_factory=dict)

    def handlers(self, platform: CityPlatform | None = None) -> dict[str, Handler]:
        """The fulfil step for each kind of service these services can deliver.

        Appointments and case follow-up need the City's platform live (``platform``);
        a letter is paid only with a camera to scan it (its payment delivers it)."""
        handlers = {ServiceKind.QUEUE_TICKET: queue_ticket_handler(self.tickets),
                    ServiceKind.CERTIFICATE: certificate_handler(self.certificates)}
        if platform is not None:
            handlers[ServiceKind.APPOINTMENT] = appointment_handler(AppointmentService(
                platform, self.store, self.certificates.catalog, self.site, self.spool))
            handlers[ServiceKind.CASE_FOLLOWUP] = case_followup_handler(
                platform, self.site.timezone)
        if "camera" in self.devices:
            handlers[ServiceKind.LETTER_PAYMENT] = _paid_only
        return handlers

    def paid_delivery(self, catalog: Catalog, service_id: str, language: str,
                      details: Mapping[str, Any]) -> Deliver:
        """What a completed payment for ``service_id`` delivers, inside its completion
        transaction. Only certificates are sold so far."""
        service = catalog.service(service_id)
        if service.kind == ServiceKind.LETTER_PAYMENT:
            return letter_delivery(catalog, self.site, details=dict(details), language=language)
        if service.kind != ServiceKind.CERTIFICATE:
            raise LookupError(f"no paid delivery for services of kind {service.kind!r}")
        return certificate_delivery(
            self.certificates, catalog, service_id=service_id,
            national_number=details["national_number"], delivery=details["delivery"],
            language=language)

    def payment_methods(self) -> frozenset[str]:
        """Which ways to pay this kiosk has (devices that opened)."""
        return frozenset(name for name, saga in (("card", self.payments.card),
                                                 ("cash", self.payments.cash)) if saga)

    def close(self) -> None:
        self.device_poller.stop()
        if self.printer_monitor is not None:
            self.printer_monitor.stop()
        for owner in self.devices.values():
            owner.close()
        self.store.close()


def device_registry(config: Config) -> DeviceRegistry:
    """The registry with what opening a device needs from the config beyond its URI
    (the nexo terminal's API key file)."""
    key_file = config.payments.nexo_api_key_file
    return default_registry(nexo_api_key_file=Path(key_file) if key_file else None)


def open_devices(
    config: Config, registry: DeviceRegistry, overrides: Mapping[str, Any]
) -> tuple[dict[str, DeviceOwner[Any]], dict[str, str]]:
    """Open every configured device on its own thread.

    A device that cannot be opened is left out and its reason kept: the kiosk starts
    anyway and offers what still works.
    """
    owners: dict[str, DeviceOwner[Any]] = {}
    problems: dict[str, str] = {}
    for kind in DEVICE_KINDS:
        device = overrides.get(kind)
        # The Open+ controller is configured in [library.access], not [devices].
        uri = getattr(config.devices, kind, None)
        if device is None and uri is not None:
            try:
                device = registry.open(kind, uri)
            except (DeviceError, DeviceUriError) as exc:
                problems[kind] = str(exc)
                log.warning("%s not available: %s", kind, exc)
                continue
        if device is not None:
            owners[kind] = DeviceOwner(kind, device)
    return owners, problems


def build_services(
    config: Config,
    registry: DeviceRegistry,
    catalog: Catalog,
    device_overrides: Mapping[str, Any] | None = None,
) -> CoreServices:
    store = Store.from_section(config.store)
    audit = AuditLog(store)
    # Config changes (file or KIOSK_* env) at start: only when its hash changed.
    record_config(audit, config, actor=f"kiosk:{config.kiosk.id}", source="start")
    devices, problems = open_devices(config, registry, device_overrides or {})
    site = Site(id=config.kiosk.site, name=config.kiosk.site_name, kiosk_id=config.kiosk.id)
    printer = devices.get("printer")
    spool = ReceiptSpool(store, printer)
    tickets = TicketService(store, catalog, site, spool)
    certificates = CertificateService(store, catalog, site, spool,
                                      config.kiosk.follow_url_template)
    monitor = PrinterMonitor(printer, config.printer.status_interval_s) if printer else None
    payments = PaymentService(
        store, spool, site, devices.get("card_terminal"), devices.get("cash"),
        PaymentSettings(authorise_timeout_s=config.payments.authorise_timeout_s,
                        cash_idle_timeout_s=config.payments.cash_idle_timeout_s,
                        cash_payout_timeout_s=config.payments.cash_payout_timeout_s))
    device_state = DeviceStateRecorder(store)
    device_state.opened(devices, problems)
    if monitor is not None:
        monitor.subscribe(device_state.printer)
    poller = DevicePoller(device_state, devices.get("card_terminal"), devices.get("cash"),
                          config.sync.heartbeat_interval_s,
                          document_printer=devices.get("document_printer"))
    poller.restore_cashbox()  # the notes already in the box survive a restart
    poller.start()
    return CoreServices(store, devices, spool, tickets, certificates, site, payments,
                        device_state, poller, audit, monitor, problems)


def _paid_only(language: str, details: Mapping[str, Any]) -> dict[str, Any]:
    # A letter payment is delivered by its payment's completion, never by this step.
    raise LookupError("a letter is delivered when its payment completes")


@dataclass
class LibraryServices:
    """Library mode's services: the core ones plus the library service over SIP2."""

    core: CoreServices
    library: LibraryService

    @property
    def devices(self) -> dict[str, Any]:
        return self.core.devices

    @property
    def store(self) -> Store:
        return self.core.store

    def close(self) -> None:
        self.library.client.close()
        self.core.close()


def build_library_services(config: Config, core: CoreServices) -> LibraryServices:
    """The :class:`LibraryService` of ``config``'s ``[library]`` section on ``core``
    (closes ``core`` if it cannot be built)."""
    from drivers.sip2.client import Sip2Client
    from kiosk.library.offline import OfflineStore
    from kiosk.library.service import LibraryService
    from kiosk.library.settings import from_config, library_clock

    try:
        sip2, settings = from_config(config.library)
        library = LibraryService(
            Sip2Client(sip2, now=library_clock(config.library)),
            OfflineStore(core.store),
            settings,
            site=core.site,
            spool=core.spool,
            payments=core.payments,
        )
    except BaseException:
        core.close()
        raise
    return LibraryServices(core, library)


def probe_library(library: LibraryService) -> bool:
    """Is the library system answering? Replays what waits first (in order); True when
    it answered and nothing is left waiting. Runs on the library's owner thread."""
    from drivers.sip2.errors import Sip2Error, is_offline

    try:
        if library.offline.count_waiting():
            report = library.replay()
            return not report.stopped and report.waiting == 0
        library.client.sc_status()
    except Sip2Error as exc:
        if is_offline(exc):
            return False
        raise
    return True
