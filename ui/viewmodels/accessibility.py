"""Accessibility switches for one session: high contrast, large text, the low layout
for wheelchair users and spoken guidance. Every screen has the button that opens
them; the session's end puts them all back."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.domain.catalog import LANGUAGES
from kiosk.domain.journey import Event, Journey, State
from kiosk.i18n import Translator, has_text
from ui.speech import Speaker

# What is read aloud on each screen: its title and its instructions (keys missing
# from the catalog are skipped, so new screens only need an entry here).
SPOKEN: dict[str, tuple[str, ...]] = {
    "attract": ("attract.title", "attract.offer", "attract.touch"),
    "language": ("language.title",),
    "identify": ("identify.title", "identify.hint"),
    "choose_service": ("services.title",),
    "details": ("details.confirm.title", "details.confirm.hint"),
    "review": ("review.title",),
    "pay": ("pay.title",),
    "fulfil": ("fulfil.printing",),
    "done": ("done.request_title",),
}


class AccessibilityViewModel(QObject):
    changed = Signal()

    def __init__(
        self,
        journey: Journey,
        speaker: Speaker | None = None,
        pixels_per_cm: float = 40.35,
        texts: Callable[[], Mapping[str, Mapping[str, str]]] = dict,
    ) -> None:
        super().__init__()
        self._journey = journey
        # Central IT's wording ([kiosk] texts, possibly remote): read aloud as shown.
        self._texts = texts
        self._speaker = speaker
        self._pixels_per_cm = pixels_per_cm
        self._high_contrast = False
        self._large_text = False
        self._low_layout = False
        self._speech_on = False
        self._panel_open = False
        journey.subscribe(self._on_transition)

    # --- what the screens bind to ----------------------------------------------------

    @Property(bool, notify=changed)
    def highContrast(self) -> bool:
        return self._high_contrast

    @Property(bool, notify=changed)
    def largeText(self) -> bool:
        return self._large_text

    @Property(bool, notify=changed)
    def lowLayout(self) -> bool:
        return self._low_layout

    @Property(bool, notify=changed)
    def speechOn(self) -> bool:
        return self._speech_on

    @Property(str, constant=True)
    def attractButtonLabel(self) -> str:
        """The accessibility button's words in every language, for the attract screen,
        which speaks all of them (it was French only: issue 24, defect 4)."""
        return " · ".join(Translator(code)("a11y.button") for code in LANGUAGES)

    @Property(bool, constant=True)
    def speechAvailable(self) -> bool:
        return self._speaker is not None

    @Property(bool, notify=changed)
    def panelOpen(self) -> bool:
        return self._panel_open

    @Property(float, constant=True)
    def pixelsPerCm(self) -> float:
        """Physical pixels per centimetre of the configured screen."""
        return self._pixels_per_cm

    # --- taps -------------------------------------------------------------------------

    @Slot()
    def openPanel(self) -> None:
        self._set(panel=True)

    @Slot()
    def closePanel(self) -> None:
        self._set(panel=False)

    @Slot()
    def toggleHighContrast(self) -> None:
        self._high_contrast = not self._high_contrast
        self.changed.emit()

    @Slot()
    def toggleLargeText(self) -> None:
        self._large_text = not self._large_text
        self.changed.emit()

    @Slot()
    def toggleLowLayout(self) -> None:
        self._low_layout = not self._low_layout
        self.changed.emit()

    @Slot()
    def toggleSpeech(self) -> None:
        if self._speaker is None:
            return
        self._speech_on = not self._speech_on
        self.changed.emit()
        if self._speech_on:
            self.speak()
        else:
            self._speaker.stop()

    @Slot()
    def speak(self) -> None:
        """Read the current screen's title and instructions in the session language."""
        if self._speaker is None:
            return
        self._speaker.say(self.spoken_text(), self._journey.session.language)

    def spoken_text(self) -> str:
        language = self._journey.session.language
        tr = Translator(language)
        overrides = self._texts()
        keys = SPOKEN.get(self._journey.state.value, ())
        return " ".join(
            overrides.get(key, {}).get(language) or tr(key) for key in keys if has_text(key)
        )

    def reset(self) -> None:
        """The session ended: everything back to the default, silence."""
        if self._speaker is not None:
            self._speaker.stop()
        self._high_contrast = self._large_text = self._low_layout = False
        self._speech_on = self._panel_open = False
        self.changed.emit()

    def _set(self, panel: bool) -> None:
        if panel != self._panel_open:
            self._panel_open = panel
            self.changed.emit()

    def _on_transition(self, old: State, new: State, event: Event) -> None:
        if new is State.ATTRACT and old is not State.ATTRACT:
            self.reset()
        elif self._speech_on and new is not old:
            self.speak()
