"""Counts the citizen's taps per journey: every KioskButton reports its activation here,
so the "≤ 5 taps after the PIN" promise is measured on the real screens, not assumed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from kiosk.domain.journey import Event, Journey, State


class TapCounter(QObject):
    """The taps of the current session, by button name; those since the card was
    identified (the PIN entered) apart. A new session starts from zero."""

    def __init__(self, journey: Journey) -> None:
        super().__init__()
        self._taps: list[tuple[str, str]] = []  # (state, button) in order
        self._identified_at: int | None = None
        self._journey = journey
        journey.subscribe(self._on_transition)

    @Slot(str)
    def tap(self, name: str) -> None:
        """A button was activated (called from QML)."""
        self._taps.append((self._journey.state.value, name))

    def taps(self) -> list[tuple[str, str]]:
        """Every tap of this session: (state it was made in, button name)."""
        return list(self._taps)

    def since_identified(self) -> list[str]:
        """The buttons tapped since the card was identified ([] before)."""
        if self._identified_at is None:
            return []
        return [name for _, name in self._taps[self._identified_at:]]

    def _on_transition(self, old: State, new: State, event: Event) -> None:
        if new is State.ATTRACT:
            self._taps.clear()
            self._identified_at = None
        elif event is Event.IDENTIFIED and self._identified_at is None:
            self._identified_at = len(self._taps)
