"""Spoken guidance: espeak-ng reads the screen's title and instructions aloud.

One worker thread owns the speaking process: the GUI thread only queues text and
never waits for a process to start or end. A new text interrupts the one being
spoken; :meth:`Speaker.stop` (session end) kills it at once.
"""

from __future__ import annotations

import logging
import queue
import shutil
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the first text spoken, not before the first frame
    import subprocess

log = logging.getLogger(__name__)

# espeak-ng voices for the session languages.
VOICES = {"fr": "fr", "nl": "nl", "en": "en-gb"}
_STOP = object()
# espeak-ng's speed (-s, words per minute) and amplitude (-a, 0-200); 175 and 100 are
# its own defaults. The non-visual mode's keys move between these bounds.
RATE_DEFAULT, RATE_MIN, RATE_MAX = 175, 80, 400
VOLUME_DEFAULT, VOLUME_MIN, VOLUME_MAX = 100, 20, 200


def find_speech_command(command: str) -> str | None:
    """The full path of the speech program, or None when it is not installed."""
    return shutil.which(command)


class Speaker:
    """Speaks on its own thread with ``argv + ["-v", voice, text]``.

    ``argv`` is e.g. ``["/usr/bin/espeak-ng"]``; tests add ``-w file.wav`` to write
    the speech to a file instead of the sound card. ``wav_dir``: every text goes to a
    file of its own there (``NNN-lang.wav``) and is never cut short by the next one
    (the demo keeps what the non-visual mode said).
    """

    def __init__(self, argv: Sequence[str], kill_timeout_s: float = 2.0,
                 wav_dir: Path | None = None) -> None:
        self._argv = list(argv)
        self._kill_timeout_s = kill_timeout_s
        self._wav_dir = wav_dir
        self.wav_files: list[Path] = []  # with wav_dir: one per text, in order
        self.rate = RATE_DEFAULT
        self.volume = VOLUME_DEFAULT
        self._queue: queue.Queue[object] = queue.Queue()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._generation = 0
        self._pending = 0  # texts queued or speaking
        self.spoken = 0  # processes that ran to their end (tests read it)
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    def say(self, text: str, language: str) -> None:
        """Queue ``text``; whatever is being spoken is interrupted."""
        self.say_all([(text, language)])

    def say_all(self, parts: Sequence[tuple[str, str]], device: str = "") -> None:
        """Queue ``(text, language)`` parts to be spoken one after the other (one
        announcement in three languages); whatever is being spoken is interrupted.
        ``device``: espeak-ng's ``-d`` output device ("": the default one)."""
        parts = [(text, language) for text, language in parts if text.strip()]
        if not parts:
            return
        with self._lock:
            self._generation += 1
            generation = self._generation
        if self._wav_dir is None:  # recording: every text to its own file, uncut
            self._kill_current()
        with self._lock:
            self._pending += len(parts)
        for text, language in parts:
            self._queue.put((generation, text, VOICES.get(language, "en-gb"),
                             self.rate, self.volume, device))

    def idle(self) -> bool:
        """Nothing queued and nothing speaking (tests and the demo wait for it)."""
        with self._lock:
            return self._pending == 0

    def stop(self) -> None:
        """Silence now (the session ended): drop what is queued, kill what speaks."""
        with self._lock:
            self._generation += 1
        if self._wav_dir is None:
            self._kill_current()

    def speaking(self) -> bool:
        with self._lock:
            return self._process is not None and self._process.poll() is None

    def close(self) -> None:
        self.stop()
        self._queue.put(_STOP)
        self._thread.join(self._kill_timeout_s + 1)

    def _kill_current(self) -> None:
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            process.kill()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            try:
                self._speak(*item)  # type: ignore[misc]
            finally:
                with self._lock:
                    self._pending -= 1

    def _speak(self, generation: int, text: str, voice: str, rate: int, volume: int,
               device: str) -> None:
        with self._lock:
            if generation != self._generation and self._wav_dir is None:
                return  # superseded or stopped before it started
            argv = [*self._argv, "-v", voice, "-s", str(rate), "-a", str(volume)]
            if device:
                argv += ["-d", device]
            if self._wav_dir is not None:
                wav = self._wav_dir / f"{len(self.wav_files) + 1:03d}-{voice[:2]}.wav"
                self.wav_files.append(wav)
                argv += ["-w", str(wav)]
            import subprocess  # on this thread, at the first text (see the imports)

            try:
                process = subprocess.Popen(
                    [*argv, text],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as exc:
                log.warning("spoken guidance unavailable: %s", exc)
                return
            self._process = process
        code = process.wait()
        with self._lock:
            self._process = None
            if code == 0:
                self.spoken += 1
