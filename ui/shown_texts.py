"""Checked on every screenshot: each text a citizen sees comes from the catalog of the
screen's language, or is data the screen declares it shows (issue 24: "a test fails on any
text shown that is not in the catalog").

A text passes when it is

- a catalog text (a ``msgstr`` of kiosk/locale/<language>/LC_MESSAGES/kiosk.po), or a
  catalog text whose placeholders are filled in: ``Step {n} of {total} · {name}`` with a
  number for ``{n}`` and ``{total}`` and a catalog text for ``{name}`` (PLACEHOLDERS says
  what each placeholder may hold; one not listed holds anything);
- catalog texts put together the way screens put them (a sign in front, "·" or a line
  break or " — " between them, a sentence after a sentence);
- or data, declared on its QML item: ``property string dataKind: "money"`` (KioskButton:
  ``labelKind``, ``sublabelKind``, ``trailingKind``). The kind must be one of DATA_KINDS;
  for money, numbers, codes and language names each part of the text must then be the
  catalog's, such data, or a catalog label before it ("à rendre le 28/12/2026"); the
  other kinds (a name, a title, reference data) are taken as they are — declared where
  they are shown, never guessed by a pattern.
- A text with no letter and no digit ("▼", "⌫") says nothing in any language: not checked.

On the multilingual screens (the attract screen, the choice of language) a text may come
from any language's catalog. Cheap: the catalogs are read once per process; the services
screen's 40 texts take about 5 ms, a third of what the fit checks beside it take.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.domain.catalog import LANGUAGES
from kiosk.i18n import read_catalog
from kiosk.l10n import format_money
from ui.textfit import Misfit, visible_texts
from ui.viewmodels.journey import LANGUAGE_NAMES

DATA_PROPERTY = "dataKind"


def _letterless(text: str) -> bool:
    return not any(c.isalpha() for c in text)


def _code(text: str) -> bool:
    # A reference, a ticket, a structured communication, a language code: capitals,
    # digits and separators, never a word.
    return len(text) <= 40 and not any(c.isalpha() and not c.isupper() for c in text)


# What a QML item may declare it shows (``property string dataKind: "…"``) and how a part
# of its text is checked (None: anything; where it comes from is said where it is declared).
DATA_KINDS: dict[str, Callable[[str, str], bool] | None] = {
    "money": lambda text, language: _money(language).fullmatch(text) is not None,
    "number": lambda text, _language: _letterless(text),  # digits, times, dd/mm/yyyy
    "code": lambda text, _language: _code(text),
    "language": lambda text, _language: text in LANGUAGE_NAMES.values(),
    "personal": None,  # the identified citizen's or patron's own data, from their card
    "reference": None,  # the city's reference data (services, sites, desks), translated there
    "title": None,  # a library item's title, as the library system names it
    "date": None,  # a day in words, formatted by kiosk.l10n
    "input": None,  # what the citizen typed, or a key of the on-screen keyboard
    "technical": None,  # technician screens: log lines, spool entries, versions
}

# What a catalog placeholder may hold: a number, an amount, another catalog text;
# a placeholder not listed here holds anything (a title, a value).
NUMBER, MONEY, CATALOG = "number", "money", "catalog"
PLACEHOLDERS = {
    "n": NUMBER, "total": NUMBER, "pages": NUMBER, "h": NUMBER, "seconds": NUMBER,
    "amount": MONEY, "inserted": MONEY, "change": MONEY, "owed": MONEY, "fee": MONEY,
    "label": CATALOG, "name": CATALOG, "why": CATALOG,
}
# Between two texts on one line: "Emprunté · à rendre le …", "⚠ Hors ligne\n…".
_SPLIT = re.compile(r"\s*(?:\n|·|—|•|\|)\s*")
_SENTENCE = re.compile(r"(?<=[.!?:]) ")


@functools.cache
def _money(language: str) -> re.Pattern[str]:
    # An amount as kiosk.l10n writes it in this language: its sample, any digits in it.
    sample = format_money(123456, language)
    number = re.search(r"\d[\d\s.,]*\d", sample)
    assert number is not None, sample
    return re.compile(re.escape(sample[:number.start()]) + r"-?\d[\d\s.,]*\d"
                      + re.escape(sample[number.end():]))


@dataclass(frozen=True)
class _Pattern:
    key: str
    regex: re.Pattern[str]
    kinds: tuple[tuple[str, str], ...]  # (group, kind) to check after a match


@dataclass(frozen=True)
class _Catalog:
    exact: frozenset[str]
    patterns: tuple[_Pattern, ...]


def _core(text: str) -> str:
    """A text without the signs and punctuation screens put around it ("⚠ ", "✔ ")."""
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def _compile(key: str, text: str) -> _Pattern | None:
    parts: list[str] = []
    kinds: list[tuple[str, str]] = []
    seen: set[str] = set()
    for literal, name, _spec, _conv in string.Formatter().parse(text):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if name in seen:
            parts.append(f"(?P={name})")
            continue
        seen.add(name)
        kind = PLACEHOLDERS.get(name, "")
        parts.append(f"(?P<{name}>.+?)")
        if kind:
            kinds.append((name, kind))
    if not seen:
        return None
    return _Pattern(key, re.compile("".join(parts), re.DOTALL), tuple(kinds))


@functools.cache
def catalog_of(language: str) -> _Catalog:
    """A language's texts as the check reads them: exact ones (with the parts screens
    show apart, between "·" or line breaks), and patterns for those with placeholders
    (plural forms included); built once per process."""
    exact: set[str] = set()
    patterns: list[_Pattern] = []
    for message in read_catalog(language):
        if not message.id or message.fuzzy:
            continue
        key = message.id[0] if message.pluralizable else message.id
        forms = message.string if message.pluralizable else (message.string,)
        for form in forms:
            pattern = _compile(key, form) if form else None
            if pattern is not None:
                patterns.append(pattern)
            elif form:
                exact.update({form, _core(form)})
                exact.update(_core(part) for part in _SPLIT.split(form) if _core(part))
    return _Catalog(frozenset(exact), tuple(patterns))


def _lead_signs_off(text: str) -> str:
    """A text without the sign in front of it ("◷ ", "⚠ "), its end kept (a full stop)."""
    start = 0
    while start < len(text) and not text[start].isalnum():
        start += 1
    return text[start:].rstrip()


class _Checker:
    """Is a text from these languages' catalogs (any of them on a multilingual screen)?"""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.languages = languages
        self.catalogs = [catalog_of(language) for language in languages]

    def is_catalog(self, text: str, depth: int = 0) -> bool:
        """``text`` is one catalog text, its placeholders filled in as they may be."""
        core = _core(text)
        if not core:
            return True  # signs only ("▼", "⌫"): nothing in any language
        for language, catalog in zip(self.languages, self.catalogs, strict=True):
            if core in catalog.exact:
                return True
            if depth > 1:
                continue
            for pattern in catalog.patterns:
                found = next(filter(None, (pattern.regex.fullmatch(t) for t in (
                    text.strip(), _lead_signs_off(text), core))), None)
                if found and all(self._holds(found.group(g), kind, language, depth)
                                 for g, kind in pattern.kinds):
                    return True
        return False

    def _holds(self, value: str, kind: str, language: str, depth: int) -> bool:
        if kind == NUMBER:
            return _letterless(value)
        if kind == MONEY:
            return _money(language).fullmatch(value.strip()) is not None
        return self.is_catalog(value, depth + 1)

    def passes(self, text: str, data: Callable[[str], bool] | None = None) -> bool:
        """The whole text, or each of its parts, is a catalog text or ``data``, or a
        catalog label followed by ``data`` ("à rendre le 28/12/2026"); sentences after
        sentences on one line are parts too."""
        if self.is_catalog(text):
            return True
        parts = [p for p in _SPLIT.split(text) if p.strip()]
        if (len(parts) > 1 or data is not None) and \
                all(self._part(part, data) for part in parts):
            return True
        return self._sentences(text, data)

    def _sentences(self, text: str, data: Callable[[str], bool] | None) -> bool:
        # "<hint, two sentences>. <what to do if it is wrong>": catalog texts one after
        # the other on one line, each ending a sentence.
        for found in _SENTENCE.finditer(text):
            head, tail = text[:found.start()], text[found.end():]
            if self.is_catalog(head) and self.passes(tail, data):
                return True
        return False

    def _part(self, part: str, data: Callable[[str], bool] | None) -> bool:
        if self.is_catalog(part):
            return True
        if data is None:
            return False
        core = _core(part)
        if data(core) or data(part.strip()):
            return True
        words = part.split(" ")
        return any(self.is_catalog(" ".join(words[:i])) and data(_core(" ".join(words[i:])))
                   for i in range(1, len(words)))


def _holds_kind(check: Callable[[str, str], bool], part: str, language: str) -> bool:
    return check(part, language)


def _screen(window: QQuickWindow) -> str:
    vm = window.property("vm")
    state = vm.property("state") if vm is not None else None
    return str(state or "?")


def _owner(item: QQuickItem) -> str:
    node: QQuickItem | None = item
    while node is not None:
        if node.objectName():
            return node.objectName()
        node = node.parentItem()
    return "?"


def uncatalogued_texts(window: QQuickWindow, language: str,
                       multilingual: bool = False) -> list[Misfit]:
    """Every visible text that is neither from ``language``'s catalog nor declared data;
    ``multilingual``: a screen that speaks every language (any catalog will do)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {LANGUAGES}")
    checker = _Checker(tuple(LANGUAGES) if multilingual else (language,))
    screen = _screen(window)
    found: list[Misfit] = []
    for item in visible_texts(window):
        text = str(item.property("text"))
        kind = item.property(DATA_PROPERTY)
        if not kind:
            if not checker.passes(text):
                found.append(Misfit(_owner(item), text, f"not in the {language} catalog "
                                    f"nor declared data, on the {screen} screen"))
            continue
        if kind not in DATA_KINDS:
            found.append(Misfit(_owner(item), text, f"{DATA_PROPERTY} {kind!r} is none of "
                                f"{sorted(DATA_KINDS)}, on the {screen} screen"))
            continue
        check = DATA_KINDS[kind]
        if check is not None and not checker.passes(
                text, functools.partial(_holds_kind, check, language=language)):
            found.append(Misfit(_owner(item), text, f"neither {kind} nor the {language} "
                                f"catalog, on the {screen} screen"))
    return found
