"""The appointment steps' view-model: the site, the next working days, and the free
slots of the chosen day, fetched live from the City on a worker."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Property, QObject, Signal

from kiosk.domain.city import CityPlatform, PlatformUnavailableError, booking_days, free_slots
from kiosk.domain.journey import Journey
from kiosk.domain.queue import Site
from kiosk.i18n import Translator
from ui.operations import BackgroundRunner

log = logging.getLogger(__name__)


class AppointmentViewModel(QObject):
    changed = Signal()

    def __init__(
        self,
        journey: Journey,
        runner: BackgroundRunner,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__()
        self._journey = journey
        self._runner = runner
        self._now = now
        self._platform: CityPlatform | None = None
        self._site: Site | None = None
        self._slots: list[dict[str, Any]] = []
        self._loading = False
        self._message_key = ""
        self._generation = 0

    def set_platform(self, platform: CityPlatform | None, site: Site) -> None:
        self._platform = platform
        self._site = site
        self.changed.emit()

    def _tr(self) -> Translator:
        return Translator(self._journey.session.language)

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self._site.timezone if self._site else "Europe/Brussels")

    @Property("QVariantList", notify=changed)
    def sites(self) -> list[dict[str, str]]:
        # A kiosk's credential books at its own site only (the backend's rule).
        return [] if self._site is None else [{"id": self._site.id, "name": self._site.name}]

    @Property("QVariantList", notify=changed)
    def days(self) -> list[dict[str, str]]:
        tr = self._tr()
        today = self._now().astimezone(self._zone()).date()
        return [
            {"iso": d.isoformat(), "label": f"{tr(f'weekday.{d.weekday()}')} {d:%d/%m}"}
            for d in booking_days(today)
        ]

    @Property("QVariantList", notify=changed)
    def slots(self) -> list[dict[str, Any]]:
        return list(self._slots)

    @Property(bool, notify=changed)
    def loading(self) -> bool:
        return self._loading

    @Property(str, notify=changed)
    def message(self) -> str:
        return self._tr()(self._message_key) if self._message_key else ""

    def slot(self, slot_id: int) -> dict[str, Any] | None:
        return next((s for s in self._slots if s["id"] == slot_id), None)

    def day_label(self, iso: str) -> str:
        return next((d["label"] for d in self.days if d["iso"] == iso), iso)

    def clear(self, message_key: str = "") -> None:
        self._generation += 1  # a late answer for an old question is dropped
        self._slots, self._loading, self._message_key = [], False, message_key
        self.changed.emit()

    def load_slots(self, site: str, day: str, service_id: str, message_key: str = "") -> None:
        """Ask the City for the free slots of ``day`` (answers land on the GUI thread)."""
        self.clear(message_key)
        platform = self._platform
        if platform is None:
            self._message_key = "appointment.unreachable"
            self.changed.emit()
            return
        self._loading = True
        self.changed.emit()
        generation, zone, now = self._generation, self._zone(), self._now()
        wanted = date.fromisoformat(day)
        self._runner.run(
            lambda: free_slots(platform, site, wanted, service_id, now),
            lambda slots: self._loaded(generation, slots, zone),
            lambda error: self._failed(generation, error),
        )

    def _loaded(self, generation: int, slots: list[Any], zone: ZoneInfo) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._slots = [
            {
                "id": s.id,
                "counter": s.counter,
                "time": s.starts_at.astimezone(zone).strftime("%H:%M"),
            }
            for s in slots
        ]
        if not slots and not self._message_key:
            self._message_key = "appointment.no_slots"
        self.changed.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        if not isinstance(error, PlatformUnavailableError):
            log.error("slots failed: %s", type(error).__name__, exc_info=error)
        self._loading = False
        self._message_key = "appointment.unreachable"
        self.changed.emit()
