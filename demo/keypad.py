"""The non-visual mode driven by keys alone, for the headless demo and the tests.

``KeypadCitizen`` presses the keys of a USB numeric keypad on the kiosk window as a
citizen who cannot see the screen would: hold Enter to start, arrows to move, Enter to
choose, listening (``VoiceGuide.history``) to know where the focus is. The demo plays a
queue ticket this way and keeps its screens (keypad/NN-*.png) and every prompt it
spoke as audio (speech/NNN-lang.wav, espeak-ng -w).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.scripted import ScriptError, screenshot, wait_until
from ui.speech import Speaker, find_speech_command

STEP_TIMEOUT_S = 15.0
KEYPAD = Qt.KeyboardModifier.KeypadModifier
KEYPAD_DIR = "keypad"
SPEECH_DIR = "speech"


class KeypadCitizen:
    """Keys on ``ui.window``; ``ui.voice`` is the kiosk's VoiceGuide."""

    def __init__(self, ui: Any, shot: Callable[[str], None] | None = None) -> None:
        self._ui = ui
        self._shot = shot or (lambda _name: None)

    @property
    def voice(self) -> Any:
        return self._ui.voice

    def key(self, key: Qt.Key, keypad: bool = True) -> None:
        QTest.keyClick(self._ui.window, key, KEYPAD if keypad else Qt.KeyboardModifier.NoModifier)

    def hold_enter(self) -> None:
        """Hold the keypad's Enter on the attract screen until the mode starts."""
        window = self._ui.window
        QTest.keyPress(window, Qt.Key.Key_Enter, KEYPAD)
        try:
            wait_until(lambda: self.voice.active, STEP_TIMEOUT_S, "the non-visual mode")
        finally:
            QTest.keyRelease(window, Qt.Key.Key_Enter, KEYPAD)

    def read(self, state: str) -> list[str]:
        """Wait until the screen of ``state`` is shown and read: its focus ring."""
        vm = self._ui.view_model
        wait_until(lambda: vm.state == state and self._ui.window.property("settled")
                   and self.voice.targets(), STEP_TIMEOUT_S, f"the {state} screen read aloud")
        return self.voice.targets()

    def focus(self, name: str) -> None:
        """Arrow down until ``name`` has the focus (as heard), at most once round."""
        wait_until(lambda: name in self.voice.targets(), STEP_TIMEOUT_S, f"{name!r} to be shown")
        for _ in range(len(self.voice.targets()) + 1):
            if self.voice.focused == name:
                return
            self.key(Qt.Key.Key_Down, keypad=False)
        raise ScriptError(f"{name!r} never got the focus: {self.voice.targets()}")

    def choose(self, name: str, state: str | None = None, shot: str = "") -> None:
        """Move to ``name``, press Enter; wait for ``state``'s screen to be read."""
        self.focus(name)
        if shot:
            self._shot(shot)
        self.key(Qt.Key.Key_Enter)
        if state is not None:
            self.read(state)

    def quiet(self, timeout_s: float = 60.0) -> None:
        """Wait until the speaker has said everything queued."""
        speaker = self.voice.speaker
        if speaker is not None:
            wait_until(speaker.idle, timeout_s, "the speech to end")


def queue_ticket_by_keypad(ui: Any, out_dir: Path, language: str = "fr",
                           desk: str = "population") -> list[Path]:
    """The demo's keypad journey: a queue ticket taken without seeing the screen.

    Screens go to ``out_dir/keypad``, every spoken prompt to ``out_dir/speech`` as its
    own WAV file. Returns the screenshots."""
    shots_dir, speech_dir = out_dir / KEYPAD_DIR, out_dir / SPEECH_DIR
    for folder in (shots_dir, speech_dir):
        folder.mkdir(parents=True, exist_ok=True)
        for old in [*folder.glob("*.png"), *folder.glob("*.wav")]:
            old.unlink()
    program = find_speech_command("espeak-ng")
    if program is None:
        raise ScriptError("espeak-ng is not installed: the keypad journey needs it")
    shots: list[Path] = []

    def shot(name: str) -> None:
        wait_until(lambda: bool(ui.window.property("settled")), STEP_TIMEOUT_S, "the screen")
        shots.append(screenshot(ui.window, shots_dir / f"{len(shots) + 1:02d}-{name}.png"))

    recorder = Speaker([program], wav_dir=speech_dir)
    previous = ui.voice.use_speaker(recorder)
    citizen = KeypadCitizen(ui, shot)
    try:
        wait_until(lambda: ui.view_model.state == "attract", STEP_TIMEOUT_S, "the attract screen")
        ui.voice.announce()  # the attract screen's loop, as a passer-by hears it
        shot("attract")
        citizen.hold_enter()
        citizen.read("language")
        citizen.choose(f"language_{language}", "identify", shot="language")
        citizen.choose("skipIdentification", "choose_service", shot="identify")
        citizen.choose("service_queue-ticket", "details", shot="services")
        citizen.key(Qt.Key.Key_Plus)  # a little louder, and faster
        citizen.key(Qt.Key.Key_Asterisk)
        citizen.choose(f"desk_{desk}", "done", shot="details")
        shot("done")
        citizen.quiet()
        citizen.choose("finishButton", None)
        wait_until(lambda: ui.view_model.state == "attract" and not ui.voice.active,
                   STEP_TIMEOUT_S, "the session to end")
        shot("attract-again")
        citizen.quiet()
    finally:
        ui.voice.use_speaker(previous)
        recorder.close()
    return shots
