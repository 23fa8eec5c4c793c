"""The citizen kiosk's accessibility switches (high contrast, large text, the low layout
for wheelchair users), for the library self-checkout screens too.

:class:`~ui.viewmodels.accessibility.AccessibilityViewModel` follows a citizen journey:
:class:`LibrarySession` shows it the library view-model the same way (the session's
language, and its end: the return to the attract screen puts every switch back).
Spoken guidance is not offered here: its texts are the citizen screens' ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.config.schema import Config
from kiosk.domain.journey import Event, State
from ui.viewmodels.accessibility import AccessibilityViewModel
from ui.viewmodels.library import LibraryViewModel

Listener = Callable[[State, State, Event], None]


class _Screen:
    """A library screen's name where the accessibility view-model reads ``state.value``."""

    def __init__(self, value: str) -> None:
        self.value = value


class LibrarySession:
    """What :class:`AccessibilityViewModel` reads of a journey, from the library's
    view-model: ``session.language``, ``state.value`` and the session's end."""

    def __init__(self, vm: LibraryViewModel) -> None:
        self._vm = vm
        self._listeners: list[Listener] = []
        self._previous = vm.state
        vm.stateChanged.connect(self._state_changed)

    @property
    def session(self) -> LibrarySession:
        return self

    @property
    def language(self) -> str:
        return str(self._vm.language)

    @property
    def state(self) -> _Screen:
        return _Screen(str(self._vm.state))

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _state_changed(self) -> None:
        old, new = self._previous, str(self._vm.state)
        self._previous = new
        if new == "attract" and old != "attract":  # the patron's session ended
            for listener in self._listeners:
                listener(State.DONE, State.ATTRACT, Event.FINISH)


def library_accessibility(
    vm: LibraryViewModel, config: Config, width: int
) -> AccessibilityViewModel:
    """The switches for a library window ``width`` pixels wide; touch targets are
    measured against 2 cm of the configured screen ([ui] screen_dpi, width)."""
    per_cm = config.ui.screen_dpi / 2.54 * width / config.ui.width
    session: Any = LibrarySession(vm)  # duck-typed: the journey's surface it reads
    return AccessibilityViewModel(session, None, per_cm)
