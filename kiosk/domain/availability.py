"""Whether a service can be offered now, and if not, why — decided before the citizen
starts, never discovered after paying."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from kiosk.domain.catalog import Service, ServiceKind
from kiosk.domain.fulfilment import Fulfilment

if TYPE_CHECKING:  # annotations only: the printer's document model comes with the printer
    from drivers.printer.interface import PrinterStatus


class DeviceState:
    """The latest known state of the devices the journeys depend on (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._printer: PrinterStatus | None = None
        self._printer_configured = True
        self._payment_methods: frozenset[str] = frozenset()
        self._platform_online = False  # until the sync process says otherwise
        self._enabled: frozenset[str] = frozenset()  # empty: every catalog service

    def set_printer(self, status: PrinterStatus | None, configured: bool = True) -> None:
        with self._lock:
            self._printer = status
            self._printer_configured = configured

    def set_enabled_services(self, service_ids: frozenset[str]) -> None:
        """The services this kiosk offers (config ``kiosk.enabled_services``; empty: all)."""
        with self._lock:
            self._enabled = frozenset(service_ids)

    def service_enabled(self, service_id: str) -> bool:
        with self._lock:
            return not self._enabled or service_id in self._enabled

    def set_platform_online(self, online: bool) -> None:
        """Whether the central platform answered the sync process lately."""
        with self._lock:
            self._platform_online = online

    def platform_online(self) -> bool:
        with self._lock:
            return self._platform_online

    def set_payment_methods(self, methods: frozenset[str]) -> None:
        """Which of "card" and "cash" can take money now."""
        with self._lock:
            self._payment_methods = frozenset(methods)

    def payment_methods(self) -> frozenset[str]:
        with self._lock:
            return self._payment_methods

    def printer_problem(self) -> str:
        """"" when receipts can be printed, else the reason key."""
        with self._lock:
            status, configured = self._printer, self._printer_configured
        if not configured:
            return "printer_unavailable"
        if status is None:
            return ""  # not polled yet: the job itself checks again before printing
        if status.paper == "out":
            return "no_paper"
        if not status.can_print:
            return "printer_unavailable"
        return ""


# The reason for a service central IT switched off on this kiosk (not shown, hidden).
DISABLED = "disabled"


class Availability:
    def __init__(self, fulfilment: Fulfilment, devices: DeviceState) -> None:
        self._fulfilment = fulfilment
        self._devices = devices

    def reason(self, service: Service) -> str:
        if not self._devices.service_enabled(service.id):
            return DISABLED  # not offered here at all: the screen hides it
        why = self._fulfilment.unavailable_reason(service)
        if why:
            return why
        # Booking and case follow-up need the central platform; the rest queue offline.
        if not service.works_offline and not self._devices.platform_online():
            return "backend_offline"
        # A paid service must end with a receipt: no paper, no payment. A free queue
        # ticket stays on offer: its number is on the screen too.
        if service.fee_cents > 0 or service.kind == ServiceKind.LETTER_PAYMENT:
            return self._devices.printer_problem() or (
                "" if self._devices.payment_methods() else "payment_unavailable")
        return ""
