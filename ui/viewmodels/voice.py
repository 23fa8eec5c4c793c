"""The non-visual mode: the kiosk used by keypad and voice, without seeing the screen.

Started without the screen: the Enter key of the numeric keypad held down (or a
dedicated help key) on the attract screen, or a long press on the raised mark at its
bottom right; the attract screen's audio loop says so in the three languages. Then:

- every screen is read (its texts in order, then the focused control) through espeak-ng
  (ui.speech.Speaker), and the keypad moves the focus, activates, goes back, repeats,
  and sets the volume and the speed (ui.keypad);
- the session's time-outs are longer (Journey.set_timeout_scale);
- personal data (ui.screen_reader) is spoken only while headphones are plugged in
  (drivers.audio.jack); on the loudspeaker it is replaced by a notice, and pulling the
  headphones out silences what was being said at once;
- the eID PIN pad says how many digits were typed, never a digit.

The mode ends with the session. ``history`` keeps the last prompts spoken (tests, demo);
what went to the headphones (possibly personal) is dropped at the session's end.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import Property, QEvent, QObject, QRectF, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtQuick import QQuickWindow

from drivers.audio.jack import JackSource
from kiosk.domain.journey import Event, Journey, State
from kiosk.i18n import Translator
from ui.bridge import ThreadBridge
from ui.keypad import Action, action_of, is_press, is_release, keypad_digit
from ui.screen_reader import Piece, Reading, ScreenReader, bring_into_view, press, scene_rect
from ui.speech import (
    RATE_DEFAULT,
    RATE_MAX,
    RATE_MIN,
    VOLUME_DEFAULT,
    VOLUME_MAX,
    VOLUME_MIN,
    Speaker,
)

log = logging.getLogger(__name__)

HOLD_MS = 1500  # Enter held this long on the attract screen starts the mode
TIMEOUT_SCALE = 3.0  # the session's time-outs in this mode (WCAG 2.2.1 Timing Adjustable)
ANNOUNCE_EVERY_MS = 45_000  # the attract screen's audio loop
POLL_MS = 120  # how often the window is looked at for a new screen while in the mode
RATE_STEP, VOLUME_STEP = 25, 20
HISTORY_KEPT = 500  # prompts kept in ``history``


@dataclass(frozen=True)
class Utterance:
    """One prompt as spoken: ``route`` is where it was heard."""

    text: str
    language: str
    route: str  # "headphones" | "loudspeaker"


class VoiceGuide(QObject):
    changed = Signal()

    def __init__(
        self,
        journey: Journey,
        speaker: Speaker | None,
        jack: JackSource,
        languages: Sequence[str],
        start_session: Callable[[], None],
        hold_ms: int = HOLD_MS,
        announce_every_ms: int = ANNOUNCE_EVERY_MS,
        timeout_scale: float = TIMEOUT_SCALE,
        headphones_device: str = "",
    ) -> None:
        """``headphones_device``: the jack's own sound device, where it has one."""
        super().__init__()
        self._headphones_device = headphones_device
        self._journey = journey
        self._speaker = speaker
        self._jack = jack
        self.jack = jack  # the jack's source (tests plug headphones into a FixedJack)
        self._languages = list(languages)
        self._start_session = start_session
        self._timeout_scale = timeout_scale
        self._window: QQuickWindow | None = None
        self._reader: ScreenReader | None = None
        self._pin: QObject | None = None
        self._pin_length = 0
        self._active = False
        self._headphones = jack.plugged()
        self._reading: Reading | None = None
        self._pending: Reading | None = None  # a new screen, spoken once it is still
        self._focus = 0
        self._focus_rect = QRectF()
        self._greeted = False
        self._notices_said: set[str] = set()
        self.history: list[Utterance] = []
        self._hold = QTimer(self, singleShot=True, interval=hold_ms)
        self._hold.timeout.connect(self._held)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._look)
        self._loop = QTimer(self, interval=announce_every_ms)
        self._loop.timeout.connect(self.announce)
        self._jack_news = ThreadBridge(self._on_jack)
        jack.subscribe(self._jack_news.post)
        journey.subscribe(self._on_transition)

    # --- wiring -------------------------------------------------------------------------

    def attach(self, window: QQuickWindow, pin_model: QObject | None = None) -> None:
        """Listen to ``window``'s keys (GUI thread, once the QML is loaded)."""
        self._window = window
        self._reader = ScreenReader(window, self._needles)
        window.installEventFilter(self)
        if pin_model is not None:
            self._pin = pin_model
            pin_model.changed.connect(self._on_pin)  # type: ignore[attr-defined]
        self._loop_on()

    def listen_to_jack(self) -> None:
        """Start watching the headphone jack (after the first frame: reading it brings
        python-evdev and asyncio, which the attract screen need not wait for)."""
        self._jack.start()

    @property
    def speaker(self) -> Speaker | None:
        return self._speaker

    def use_speaker(self, speaker: Speaker | None) -> Speaker | None:
        """Speak through ``speaker`` from now on (the demo records to WAV files);
        returns the one used until now."""
        previous, self._speaker = self._speaker, speaker
        return previous

    def close(self) -> None:
        self._poll.stop()
        self._loop.stop()
        self._hold.stop()
        self._jack.stop()
        if self._window is not None:
            self._window.removeEventFilter(self)

    # --- what QML binds to --------------------------------------------------------------

    @Property(bool, notify=changed)
    def active(self) -> bool:
        return self._active

    @Property(bool, notify=changed)
    def headphones(self) -> bool:
        return self._headphones

    @Property(QRectF, notify=changed)
    def focusRect(self) -> QRectF:
        """Where the focused control is drawn (a ring for those who see a little)."""
        return self._focus_rect

    def targets(self) -> list[str]:
        """The focus ring of the screen as last read (objectNames), [] while a new
        screen is still being read."""
        if self._reading is None or self._pending is not None or self._reader is None:
            return []
        if self._read().page != self._reading.page:
            return []  # another screen is up, not read yet
        return [t.name for t in self._reading.targets]

    @property
    def focused(self) -> str:
        """The focused control's objectName ("" when none)."""
        reading = self._reading
        if reading is None or not reading.targets:
            return ""
        return reading.targets[self._focus % len(reading.targets)].name

    # --- starting and ending ------------------------------------------------------------

    @Slot()
    def activate(self) -> None:
        """Start the mode (held key, help key, long press on the mark)."""
        if self._active or self._technician():
            return
        if self._journey.state is State.ATTRACT:
            self._start_session()
            if self._journey.state is State.ATTRACT:
                return  # no session now (a software switch under way)
        self._active = True
        self._greeted = False
        self._notices_said.clear()
        self._reading = self._pending = None
        self._journey.set_timeout_scale(self._timeout_scale)
        self._loop.stop()
        self._poll.start()
        log.info("non-visual mode started")
        self.changed.emit()

    def _end(self) -> None:
        if not self._active:
            return
        self._active = False
        # Personal data lives for the session only: what the headphones heard goes too.
        self.history[:] = [u for u in self.history if u.route == "loudspeaker"]
        self._poll.stop()
        self._reading = self._pending = None
        self._focus_rect = QRectF()
        if self._speaker is not None:
            self._speaker.stop()
            # The next citizen starts from the usual speed and volume.
            self._speaker.rate, self._speaker.volume = RATE_DEFAULT, VOLUME_DEFAULT
        self._loop_on()
        self.changed.emit()

    def _loop_on(self) -> None:
        if self._speaker is not None and self._loop.interval() > 0:
            self._loop.start()

    def _technician(self) -> bool:
        """Technician mode is open (over the attract screen): the mode does not start."""
        return self._reader is not None and self._reader.read().layer == "technician"

    @Slot()
    def announce(self) -> None:
        """The attract screen's audio loop: how to start the mode, in every language."""
        if self._active or self._journey.state is not State.ATTRACT or self._technician():
            return
        self._say([(Translator(code)("voice.announce"), code) for code in self._languages])

    def _on_transition(self, old: State, new: State, event: Event) -> None:
        if new is State.ATTRACT:
            self._end()
        elif self._active:
            self._journey.set_timeout_scale(self._timeout_scale)

    # --- keys ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or not (is_press(event) or is_release(event)):
            return False
        if not self._active:
            return self._start_keys(event)
        if is_release(event):
            return True
        self.key(event)
        return True

    def _start_keys(self, event: QKeyEvent) -> bool:
        action = action_of(event)
        if event.isAutoRepeat() or self._technician():
            return False
        if action is Action.HELP and is_press(event):  # a dedicated key: on any screen
            self.activate()
            return True
        if action is Action.ACTIVATE and self._journey.state is State.ATTRACT:
            if is_press(event):
                self._hold.start()
            else:
                self._hold.stop()  # let go too early: nothing
            return True
        return False

    def _held(self) -> None:
        if self._journey.state is State.ATTRACT:
            self.activate()

    def key(self, event: QKeyEvent) -> None:
        """One key press in the mode."""
        action = action_of(event)
        if action in (Action.LOUDER, Action.SOFTER, Action.FASTER, Action.SLOWER):
            self._adjust(action)
            return
        if self._window is None or not self._window.property("settled"):
            return  # between two screens: nothing to act on yet
        reading = self._read()
        if self._reading is None or reading.page != self._reading.page:
            # Faster than the reading: the new screen is said first, the key dropped
            # (it was meant for what the citizen thought was there).
            self._show(reading)
            return
        # The same screen, its controls as they are now (its news is _look's to say).
        reading = self._reading = replace(reading, pieces=self._reading.pieces)
        if reading.layer == "pin" and self._pin is not None:
            digit = keypad_digit(event)
            if digit is not None:
                self._pin.digit(digit)  # type: ignore[attr-defined]
                return
            if action is Action.BACK:
                self._pin.erase()  # type: ignore[attr-defined]
                return
        if action is None:
            return
        if action in (Action.NEXT, Action.PREVIOUS):
            self._move(1 if action is Action.NEXT else -1)
        elif action is Action.ACTIVATE:
            self._activate_focused()
        elif action is Action.BACK:
            self._back()
        elif action is Action.REPEAT:
            self._announce_page(reading, full=True)
        elif action is Action.HELP:
            self._say_text("voice.started")

    def _move(self, step: int) -> None:
        reading = self._current()
        if not reading.targets:
            self._announce_page(reading)
            return
        self._focus = (self._focus + step) % len(reading.targets)
        # Scrolled to, as for a finger: the ring is seen where the focus is.
        bring_into_view(reading.targets[self._focus].item)
        self._update_ring()
        self._say_pieces([self._describe(reading)])

    def _activate_focused(self) -> None:
        reading = self._current()
        if not reading.targets or self._window is None:
            return
        target = reading.targets[self._focus % len(reading.targets)]
        if not target.enabled:
            self._say_pieces([self._describe(reading)])
            return
        press(self._window, target.item)

    def _back(self) -> None:
        if self._reader is None or self._window is None:
            return
        for name in ("backButton", "closeAccessibility", "cardPinCancel"):
            item = self._reader.find(name)
            if item is not None:
                press(self._window, item)
                return

    def _adjust(self, action: Action) -> None:
        if self._speaker is None:
            return
        speaker = self._speaker
        if action in (Action.LOUDER, Action.SOFTER):
            step = VOLUME_STEP if action is Action.LOUDER else -VOLUME_STEP
            speaker.volume = max(VOLUME_MIN, min(VOLUME_MAX, speaker.volume + step))
            text = self._tr()("voice.volume").format(n=speaker.volume)
        else:
            step = RATE_STEP if action is Action.FASTER else -RATE_STEP
            speaker.rate = max(RATE_MIN, min(RATE_MAX, speaker.rate + step))
            text = self._tr()("voice.rate").format(n=speaker.rate)
        self._say_pieces([Piece(text)])

    # --- reading the screen -------------------------------------------------------------

    def _current(self) -> Reading:
        if self._reading is None:
            self._reading = self._read()
        return self._reading

    def _read(self) -> Reading:
        assert self._reader is not None
        return self._reader.read()

    def _look(self) -> None:
        """Every POLL_MS in the mode: a new screen (or step, or overlay) is read once it
        is built and has stayed the same for one look."""
        if self._window is None or not self._window.property("settled"):
            return
        reading = self._read()
        current = self._reading
        if current is not None and reading.page == current.page:
            self._pending = None
            news: list[Piece] = []
            if reading.pieces != current.pieces:  # same screen, news on it
                news = [p for p in reading.pieces if p not in current.pieces]
            if reading.targets and _state(reading, self._focus) != _state(current, self._focus):
                # The focused control changed under the citizen's finger (chosen, now
                # usable): said again, as the eye sees the tick or the colour change.
                news.append(self._describe(reading))
            self._reading = reading
            if news and reading.layer != "warning":
                self._say_pieces(news)
            self._update_ring()
            return
        if self._pending is None or self._pending.page != reading.page \
                or self._pending.pieces != reading.pieces:
            self._pending = reading  # still being laid out: look again
            return
        self._show(reading)

    def _show(self, reading: Reading) -> None:
        """A new screen: the focus on its first control, the whole of it read."""
        self._pending = None
        self._reading = reading
        self._focus = 0
        self._update_ring()
        self._announce_page(reading)

    def _announce_page(self, reading: Reading, full: bool = False) -> None:
        """The screen's texts, then its focus; ``full``: notices said before too."""
        if reading.layer == "warning":
            self._say_text("voice.still_there")
            return
        state = self._journey.state
        if state is State.LANGUAGE and reading.layer == "screen":
            # Nobody chose a language yet: the question in each, with its own voice.
            self._say([(Translator(code)("language.title"), code) for code in self._languages]
                      + [self._language_focus(reading)])
            return
        pieces = [p for p in reading.pieces
                  if full or not p.notice or p.text not in self._notices_said]
        self._notices_said.update(p.text for p in pieces if p.notice)
        if not self._greeted and state is not State.LANGUAGE:
            self._greeted = True
            pieces.insert(0, Piece(self._tr()("voice.started")))
        if reading.targets:
            pieces.append(self._describe(reading))
        self._say_pieces(pieces)

    def _language_focus(self, reading: Reading) -> tuple[str, str]:
        target = reading.targets[self._focus % len(reading.targets)]
        code = target.name.removeprefix("language_")
        return self._describe(reading).text, code if code in self._languages else "fr"

    def _describe(self, reading: Reading) -> Piece:
        """The focused control: "Ticket, button, 2 of 5" (and "unavailable")."""
        target = reading.targets[self._focus % len(reading.targets)]
        tr = self._tr()
        words = [self._spoken(target.label), tr("voice.button")]
        if target.selected:
            words.append(tr("voice.selected"))
        if not target.enabled:
            words.append(tr("voice.unavailable"))
        words.append(tr("voice.position").format(n=self._focus % len(reading.targets) + 1,
                                                 total=len(reading.targets)))
        return Piece(", ".join(w for w in words if w))

    def _update_ring(self) -> None:
        reading = self._reading
        rect = QRectF()
        if self._active and reading is not None and reading.targets:
            rect = scene_rect(reading.targets[self._focus % len(reading.targets)].item)
        if rect != self._focus_rect:
            self._focus_rect = rect
            self.changed.emit()

    # --- the PIN pad --------------------------------------------------------------------

    def _on_pin(self) -> None:
        length = int(self._pin.property("pinLength")) if self._pin is not None else 0
        if self._active and length != self._pin_length and \
                self._pin is not None and self._pin.property("stage") == "entry":
            # How many, never which: the digits stay the citizen's secret.
            self._say_pieces([Piece(self._tr()("voice.pin_count").format(n=length))])
        self._pin_length = length

    # --- the headphone jack -------------------------------------------------------------

    def _on_jack(self, plugged: object) -> None:
        plugged = bool(plugged)
        if plugged == self._headphones:
            return
        if not plugged and self._speaker is not None:
            self._speaker.stop()  # whatever was being said may have been personal
        self._headphones = plugged
        self.changed.emit()
        if self._active:
            self._say_text("voice.headphones_in" if plugged else "voice.headphones_out")

    # --- speaking -----------------------------------------------------------------------

    def _needles(self) -> list[str]:
        card = self._journey.session.card
        if card is None:
            return []
        identity, address = card.identity, card.address
        values = [identity.surname, identity.national_number, identity.card_number,
                  identity.birth_place, address.street, *identity.first_names.split()]
        return [v for v in values if v]

    def _tr(self) -> Translator:
        return Translator(self._journey.session.language)

    def _spoken(self, piece: Piece) -> str:
        if piece.personal and not self._headphones:
            return self._tr()("voice.hidden")
        return piece.text

    def _say_text(self, key: str) -> None:
        self._say_pieces([Piece(self._tr()(key))])

    def _say_pieces(self, pieces: Sequence[Piece]) -> None:
        words: list[str] = []
        for piece in pieces:
            text = self._spoken(piece)
            if not (words and text == words[-1]):  # one notice for a run of hidden data
                words.append(text)
        text = ""
        for word in words:  # sentences end once: "… personnelles. Étape 1 …"
            text += word if not text else (" " if text[-1] in ".!?…:" else ". ") + word
        self._say([(text, self._journey.session.language)])

    def _say(self, parts: Sequence[tuple[str, str]]) -> None:
        route = "headphones" if self._headphones else "loudspeaker"
        parts = [(text, language) for text, language in parts if text.strip()]
        self.history.extend(Utterance(text, language, route) for text, language in parts)
        del self.history[:-HISTORY_KEPT]  # a kiosk runs for weeks
        if self._speaker is not None:
            self._speaker.say_all(parts, self._headphones_device if self._headphones else "")


def _state(reading: Reading, focus: int) -> tuple[str, bool, bool]:
    """What is said of the focused control: its label, whether it is usable and chosen."""
    if not reading.targets:
        return ("", False, False)
    target = reading.targets[focus % len(reading.targets)]
    return (target.label.text, target.enabled, target.selected)
