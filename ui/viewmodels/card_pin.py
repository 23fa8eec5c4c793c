"""The eID PIN pad's view-model: asked once per card session, before any personal data.

The digits live in one ``bytearray`` here and are handed over on OK to ``on_pin`` (which
sends them in the VERIFY APDU and wipes them: drivers.eid.auth.HostPinEntry); QML only
ever sees how many were typed. Spoken feedback never says a digit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.i18n import Translator

PIN_MAX_DIGITS = 12
PIN_MIN_DIGITS = 4


class CardPinModel(QObject):
    """Stages: "" (hidden), "entry", "checking", "blocked"."""

    changed = Signal()

    def __init__(self, on_pin: Callable[[bytearray], None], on_cancel: Callable[[], None],
                 language: str = "fr", speak: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self._on_pin = on_pin
        self._on_cancel = on_cancel
        self._speak = speak or (lambda _text: None)
        self._tr = Translator(language)
        self._pin = bytearray()
        self._stage = ""
        self._tries_left: int | None = None
        self._wrong = False

    # --- what the card flow tells it ----------------------------------------------------

    def set_language(self, language: str) -> None:
        self._tr = Translator(language)
        self.changed.emit()

    def ask(self, tries_left: int | None, *, wrong: bool = False) -> None:
        """Show the pad; ``wrong``: the previous PIN was refused."""
        self._clear()
        self._stage, self._tries_left, self._wrong = "entry", tries_left, wrong
        self.changed.emit()
        spoken = [self._tr("pin.title")]
        if wrong:
            spoken.insert(0, self._tr("pin.wrong"))
        if tries_left is not None:
            spoken.append(self.triesText)
        if self.lastTry:
            spoken.append(self._tr("pin.last_try"))
        self._speak(" ".join(spoken))

    def blocked(self) -> None:
        self._clear()
        self._stage, self._tries_left = "blocked", 0
        self.changed.emit()
        self._speak(self._tr("pin.blocked"))

    def close(self) -> None:
        """The card session ended (proven, cancelled, or the card was pulled out)."""
        self._clear()
        self._stage, self._tries_left, self._wrong = "", None, False
        self.changed.emit()

    # --- properties ---------------------------------------------------------------------

    @Property(str, notify=changed)
    def stage(self) -> str:
        return self._stage

    @Property(int, notify=changed)
    def pinLength(self) -> int:
        return len(self._pin)

    @Property(int, notify=changed)
    def triesLeft(self) -> int:
        return -1 if self._tries_left is None else self._tries_left

    @Property(str, notify=changed)
    def triesText(self) -> str:
        if self._tries_left is None:
            return ""
        return self._tr.plural("pin.tries", self._tries_left)

    @Property(bool, notify=changed)
    def lastTry(self) -> bool:
        return self._stage == "entry" and self._tries_left == 1

    @Property(str, notify=changed)
    def message(self) -> str:
        if self._stage == "blocked":
            return self._tr("pin.blocked")
        if self._stage == "checking":
            return self._tr("pin.checking")
        return self._tr("pin.wrong") if self._wrong else ""

    @Property(bool, notify=changed)
    def canSubmit(self) -> bool:
        return self._stage == "entry" and len(self._pin) >= PIN_MIN_DIGITS

    # --- taps ---------------------------------------------------------------------------

    @Slot(str)
    def digit(self, value: str) -> None:
        if self._stage != "entry" or len(value) != 1 or not value.isdigit():
            return
        if len(self._pin) < PIN_MAX_DIGITS:
            self._pin.append(ord(value))
            self.changed.emit()
            self._speak(self._tr("pin.digit_spoken"))

    @Slot()
    def erase(self) -> None:
        if self._stage == "entry" and self._pin:
            self._pin[-1] = 0
            del self._pin[-1]
            self.changed.emit()

    @Slot()
    def submit(self) -> None:
        if not self.canSubmit:
            return
        # Ownership passes to the card flow, which wipes it after the VERIFY APDU.
        pin, self._pin = self._pin, bytearray()
        self._stage, self._wrong = "checking", False
        self.changed.emit()
        self._on_pin(pin)

    @Slot()
    def cancel(self) -> None:
        self.close()
        self._on_cancel()

    def _clear(self) -> None:
        from drivers.eid.auth import wipe  # the APDU layer: not before the first screen

        wipe(self._pin)
        self._pin = bytearray()
