"""What the citizen must know before starting: offline, no paper, a payment device out
of order — shown up front (attract screen, top bar), never discovered after paying."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Property, QObject, Signal

from kiosk.config.schema import Config
from kiosk.domain.availability import DeviceState
from kiosk.domain.catalog import LANGUAGES
from kiosk.i18n import Translator


class KioskStatusViewModel(QObject):
    changed = Signal()

    def __init__(
        self,
        config: Config,
        devices: DeviceState,
        language: Callable[[], str],
    ) -> None:
        super().__init__()
        self._config = config
        self._devices = devices
        self._language = language
        self._started = False  # the services are up: what is missing is known

    def services_ready(self) -> None:
        """The kiosk's services are up (GUI thread): notices and offline from now on."""
        self._started = True
        self.changed.emit()

    def refresh(self) -> None:
        """Device or platform news (called on the GUI thread)."""
        self.changed.emit()

    def set_config(self, config: Config) -> None:
        """A remote config taken at an idle moment (GUI thread): its texts show now."""
        self._config = config
        self.changed.emit()

    def _attract_text(self, key: str, code: str, tr: Translator) -> str:
        """Central IT's wording for ``key`` in ``code`` ([kiosk] texts), else ours."""
        texts: Mapping[str, Mapping[str, str]] = self._config.kiosk.texts
        return texts.get(key, {}).get(code) or tr(key)

    @Property(bool, notify=changed)
    def offline(self) -> bool:
        return self._started and not self._devices.platform_online()

    @Property(str, notify=changed)
    def offlineText(self) -> str:
        return Translator(self._language())("status.offline") if self.offline else ""

    def notice_keys(self) -> list[str]:
        if not self._started:
            return []  # still starting: nothing is known to be missing yet
        keys = []
        printer = self._devices.printer_problem()
        if printer:
            keys.append(f"reason.{printer}")
        methods = self._devices.payment_methods()
        if self._config.devices.card_terminal and "card" not in methods:
            keys.append("status.card_unavailable")
        if self._config.devices.cash and "cash" not in methods:
            keys.append("status.cash_unavailable")
        return keys

    @Property(str, notify=changed)
    def ticketNotice(self) -> str:
        """Before a queue ticket: the printer cannot print it, so remember the number."""
        if not self._started or not self._devices.printer_problem():
            return ""
        return "⚠ " + Translator(self._language())("details.desk.no_paper")

    @Property("QVariantList", notify=changed)
    def notices(self) -> list[str]:
        """Device problems in the session language, words next to the warning sign."""
        tr = Translator(self._language())
        return [tr(key) for key in self.notice_keys()]

    @Property("QVariantList", notify=changed)
    def attractLines(self) -> list[dict[str, object]]:
        """The attract screen speaks every language the kiosk offers at once."""
        lines = []
        for code in self._config.kiosk.languages:
            if code not in LANGUAGES:
                continue
            tr = Translator(code)
            lines.append(
                {
                    "code": code,
                    "title": self._attract_text("attract.title", code, tr),
                    "offer": self._attract_text("attract.offer", code, tr),
                    "eid": tr("identify.title"),
                    "touch": self._attract_text("attract.touch", code, tr),
                    "notices": [tr(key) for key in self.notice_keys()],
                    "offline": tr("status.offline") if self.offline else "",
                }
            )
        return lines
