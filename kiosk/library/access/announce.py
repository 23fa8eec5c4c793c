"""Closing announcements in French, Dutch and English, spoken with espeak-ng.

``EspeakAnnouncer`` runs ``espeak-ng`` once per language (bounded by a timeout); with
``wav_dir`` it writes each announcement to a WAV file there instead of the speaker (for
tests and for checking the words). A missing espeak-ng is logged, never fatal.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

VOICES = {"fr": "fr", "nl": "nl", "en": "en"}


def closing_texts(minutes: int) -> dict[str, str]:
    return {
        "fr": f"La bibliothèque ferme dans {minutes} minutes. Merci de vous diriger vers la sortie."
        if minutes > 1 else "La bibliothèque ferme maintenant.",
        "nl": f"De bibliotheek sluit over {minutes} minuten. Gelieve naar de uitgang te gaan."
        if minutes > 1 else "De bibliotheek sluit nu.",
        "en": f"The library closes in {minutes} minutes. Please make your way to the exit."
        if minutes > 1 else "The library is closing now.",
    }


class Announcer(Protocol):
    def announce(self, texts: dict[str, str]) -> None:
        """Say ``texts`` (language -> words), one language after the other."""
        ...


class EspeakAnnouncer:
    def __init__(self, command: str = "espeak-ng", wav_dir: Path | None = None,
                 timeout_s: float = 30.0) -> None:
        self._command = command
        self._wav_dir = wav_dir
        self._timeout_s = timeout_s
        self.spoken: list[Path] = []

    def announce(self, texts: dict[str, str]) -> None:
        for language, words in texts.items():
            argv = [self._command, "-v", VOICES.get(language, "en")]
            if self._wav_dir is not None:
                wav = self._wav_dir / f"announcement-{len(self.spoken) + 1:03d}-{language}.wav"
                argv += ["-w", str(wav)]
            try:
                subprocess.run([*argv, words], check=True, timeout=self._timeout_s,
                               capture_output=True)
            except (OSError, subprocess.SubprocessError) as exc:
                log.warning("announcement not spoken (%s): %s", language, exc)
                continue
            if self._wav_dir is not None:
                self.spoken.append(wav)
