"""What happens in the *fulfil* step, per kind of service.

The map from service kind to handler is explicit. It is installed once the services
behind it (store, printer, …) are up, which happens after the first screen is shown;
until then, and for kinds with no handler yet, services say why they are unavailable
instead of failing later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kiosk.domain.catalog import Service

# (language, details) → what the done screen shows. Handlers get a copy of what they
# need, never the live session: they run on a worker while the GUI thread owns it.
Handler = Callable[[str, Mapping[str, Any]], dict[str, Any]]

STARTING = "starting"
NOT_AVAILABLE_YET = "not_available_yet"


class Fulfilment:
    def __init__(self, handlers: Mapping[str, Handler] | None = None) -> None:
        self._handlers: dict[str, Handler] | None = None
        if handlers is not None:
            self.install(handlers)

    @property
    def ready(self) -> bool:
        return self._handlers is not None

    def install(self, handlers: Mapping[str, Handler]) -> None:
        """Make the handlers available (once the services behind them are up)."""
        self._handlers = dict(handlers)

    def unavailable_reason(self, service: Service) -> str:
        if self._handlers is None:
            return STARTING
        return "" if service.kind in self._handlers else NOT_AVAILABLE_YET

    def fulfil(
        self, service: Service, language: str, details: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Runs on a worker thread; returns what the done screen shows."""
        handler = (self._handlers or {}).get(service.kind)
        if handler is None:
            raise LookupError(f"no fulfilment for services of kind {service.kind!r}")
        return handler(language, details)
