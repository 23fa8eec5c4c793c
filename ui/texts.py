"""The UI's texts as QML reads them: one JavaScript object per language, built once.

A ``QVariantMap`` property is converted from the Python dict at every read, and every
``vm.texts["…"]`` binding reads it: some 300 entries each time, about a millisecond per
binding on the kiosk's CPU, on the GUI thread, dozens of times per new screen
(bench/journey.py). Converted once into the QML engine, a read costs microseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtQml import QJSEngine

from kiosk.i18n import Translator


class ScriptTexts:
    """Per language: the texts as a dict (Python) and as the engine's JS object (QML)."""

    def __init__(self, load: Callable[[str], dict[str, str]] | None = None) -> None:
        self._load = load or (lambda language: Translator(language).all())
        self._plain: dict[str, dict[str, str]] = {}
        self._script: dict[str, Any] = {}
        self._engine: QJSEngine | None = None

    def use_engine(self, engine: QJSEngine) -> None:
        """QML reads come from ``engine`` from now on (before the QML is loaded)."""
        self._engine = engine
        self._script.clear()

    def plain(self, language: str) -> dict[str, str]:
        if language not in self._plain:
            self._plain[language] = self._load(language)
        return self._plain[language]

    def for_qml(self, language: str) -> Any:
        """The value of a ``QVariant`` texts property: the cached JS object, or the dict
        while no engine is known (view-models used without QML)."""
        if self._engine is None:
            return self.plain(language)
        if language not in self._script:
            self._script[language] = self._engine.toScriptValue(self.plain(language))
        return self._script[language]
