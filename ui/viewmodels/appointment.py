"""The appointment steps' view-model: the sites of the city (this kiosk's first), the
next working days, and the free slots of the chosen day at the chosen site, fetched live
from the City on a worker."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
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
        self._sites: list[Site] = []
        self._read_sites: Callable[[], Sequence[Site]] | None = None
        self._sites_asked = 0  # a late answer to an older question is dropped
        self._slots: list[dict[str, Any]] = []
        self._loading = False
        self._message_key = ""
        self._generation = 0

    def set_platform(
        self,
        platform: CityPlatform | None,
        site: Site,
        sites: Callable[[], Sequence[Site]] | None = None,
    ) -> None:
        """The live platform and this kiosk's ``site``; ``sites`` reads every site a
        citizen may book at (e.g. :func:`kiosk.domain.appointments.cached_sites`, from the
        cached reference data), run on a worker. Until it answers, or without it, the
        kiosk's own site is the only choice."""
        self._platform = platform
        self._site = site
        self._sites = [site]
        self._read_sites = sites
        self.changed.emit()
        self.refresh_sites()

    def refresh_sites(self) -> None:
        """Read the city's sites again (the site step calls it: reference data that sync
        pulled since the start shows from the next citizen on)."""
        if self._read_sites is None:
            return
        self._sites_asked += 1
        asked = self._sites_asked
        self._runner.run(
            self._read_sites, lambda found: self._sites_loaded(asked, found), self._sites_failed
        )

    def _sites_loaded(self, asked: int, sites: Sequence[Site]) -> None:
        own = self._site
        if own is None or asked != self._sites_asked:
            return
        others = [s for s in sites if s.id != own.id]
        mine = next((s for s in sites if s.id == own.id), own)
        self._sites = [mine, *others]
        self.changed.emit()

    def _sites_failed(self, error: BaseException) -> None:
        # The citizen can still book here; the other sites come back with the next start.
        log.warning("the city's sites could not be read: %s", type(error).__name__)

    def _tr(self) -> Translator:
        return Translator(self._journey.session.language)

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self._site.timezone if self._site else "Europe/Brussels")

    @Property("QVariantList", notify=changed)
    def sites(self) -> list[dict[str, Any]]:
        # A kiosk's credential books at any site of the city (the backend's rule); this
        # kiosk's own comes first and is marked "here".
        own = self._site.id if self._site is not None else None
        return [
            {"id": s.id, "name": s.name, "address": s.address, "here": s.id == own}
            for s in self._sites
        ]

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
        # One button per time: which counter serves it is the city's business (its codes,
        # "c1", meant nothing to citizens: issue 24, defect 5).
        by_time: dict[str, dict[str, Any]] = {}
        for s in slots:
            time = s.starts_at.astimezone(zone).strftime("%H:%M")
            by_time.setdefault(time, {"id": s.id, "time": time, "counter": s.counter})
        self._slots = list(by_time.values())
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
