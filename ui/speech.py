"""Spoken guidance: espeak-ng reads the screen's title and instructions aloud.

One worker thread owns the speaking process: the GUI thread only queues text and
never waits for a process to start or end. A new text interrupts the one being
spoken; :meth:`Speaker.stop` (session end) kills it at once.
"""

from __future__ import annotations

import logging
import queue
import shutil
import subprocess
import threading
from collections.abc import Sequence

log = logging.getLogger(__name__)

# espeak-ng voices for the session languages.
VOICES = {"fr": "fr", "nl": "nl", "en": "en-gb"}
_STOP = object()


def find_speech_command(command: str) -> str | None:
    """The full path of the speech program, or None when it is not installed."""
    return shutil.which(command)


class Speaker:
    """Speaks on its own thread with ``argv + ["-v", voice, text]``.

    ``argv`` is e.g. ``["/usr/bin/espeak-ng"]``; tests add ``-w file.wav`` to write
    the speech to a file instead of the sound card.
    """

    def __init__(self, argv: Sequence[str], kill_timeout_s: float = 2.0) -> None:
        self._argv = list(argv)
        self._kill_timeout_s = kill_timeout_s
        self._queue: queue.Queue[object] = queue.Queue()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._generation = 0
        self.spoken = 0  # processes that ran to their end (tests read it)
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    def say(self, text: str, language: str) -> None:
        """Queue ``text``; whatever is being spoken is interrupted."""
        if not text.strip():
            return
        with self._lock:
            self._generation += 1
            generation = self._generation
        self._kill_current()
        self._queue.put((generation, text, VOICES.get(language, "en-gb")))

    def stop(self) -> None:
        """Silence now (the session ended): drop what is queued, kill what speaks."""
        with self._lock:
            self._generation += 1
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
            generation, text, voice = item  # type: ignore[misc]
            with self._lock:
                if generation != self._generation:
                    continue  # superseded or stopped before it started
                try:
                    process = subprocess.Popen(
                        [*self._argv, "-v", voice, text],
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                except OSError as exc:
                    log.warning("spoken guidance unavailable: %s", exc)
                    continue
                self._process = process
            code = process.wait()
            with self._lock:
                self._process = None
                if code == 0:
                    self.spoken += 1
