"""No new patron session while a software switch is under way (issue #11).

The updater writes its "switching" marker, then restarts the UI: a patron identified in
between would be cut off mid-loan. The citizen screens ask the update seams
(kiosk/updates/uimarkers.py) before leaving the attract screen; here the same question
is asked where a library session starts: identifying a card or an eID. The gate wraps
the library service on its owner thread, so the view-model needs no change: a refusal
is a :class:`~kiosk.library.service.LibraryRefusedError` the attract screen shows like
any other, in every language the kiosk offers at once (nobody has chosen one yet).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.i18n import Translator
from kiosk.library.service import LibraryRefusedError
from kiosk.updates.uimarkers import UiMarkers

SWITCHING_KEY = "library.ui.switching"


def switching_message(languages: tuple[str, ...]) -> str:
    """The refusal in every language of the kiosk, as the attract screen speaks."""
    return " · ".join(Translator(code)(SWITCHING_KEY) for code in languages)


class SwitchingGate:
    """``library`` as the screens call it, with identification refused during a switch.

    :meth:`UiMarkers.begin_session` answers from memory and writes the session marker on
    its own thread; the updater's settle time covers a session accepted just before the
    marker was seen (kiosk/updates/uimarkers.py)."""

    def __init__(self, library: Any, markers: UiMarkers, languages: tuple[str, ...]) -> None:
        self._library = library
        self._markers = markers
        self._message = switching_message(languages)

    def __getattr__(self, name: str) -> Any:  # everything else: the service itself
        return getattr(self._library, name)

    def identify_card(self, *args: Any, **kwargs: Any) -> Any:
        return self._gated(self._library.identify_card, *args, **kwargs)

    def identify_eid(self, *args: Any, **kwargs: Any) -> Any:
        return self._gated(self._library.identify_eid, *args, **kwargs)

    def _gated(self, identify: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._markers.begin_session():
            raise LibraryRefusedError(reason=self._message)
        try:
            return identify(*args, **kwargs)
        except BaseException:
            self._markers.end_session()  # nobody got in: the update need not wait
            raise
