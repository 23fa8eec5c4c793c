"""Library mode's heavy half, built on a worker after the first frame: the kiosk's
core services (store, devices, spool, payments) plus the library service over SIP2."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.config.schema import Config

if TYPE_CHECKING:  # SQLAlchemy and the SIP2 stack behind them: never before the first frame
    from kiosk.library.service import LibraryService
    from kiosk.services import CoreServices


@dataclass
class LibraryServices:
    core: CoreServices
    library: LibraryService

    @property
    def devices(self) -> dict[str, Any]:
        return self.core.devices

    @property
    def store(self) -> Any:
        return self.core.store

    def close(self) -> None:
        self.library.client.close()
        self.core.close()


def build_library_service(config: Config, core: CoreServices) -> LibraryService:
    """The :class:`LibraryService` of ``config``'s ``[library]`` section on ``core``."""
    from drivers.sip2.client import Sip2Client
    from kiosk.library.offline import OfflineStore
    from kiosk.library.service import LibraryService
    from kiosk.library.settings import from_config

    sip2, settings = from_config(config.library)
    if core.site is None:
        raise ValueError("library mode: the core services have no site")
    return LibraryService(
        Sip2Client(sip2),
        OfflineStore(core.store),
        settings,
        site=core.site,
        spool=core.spool,
        payments=core.payments,
    )


def probe(library: LibraryService) -> bool:
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
