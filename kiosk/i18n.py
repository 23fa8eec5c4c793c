"""The screens' and receipts' texts, from gettext catalogs in FR, NL and EN.

The catalogs are monolingual gettext files (the form Weblate calls "monolingual gettext"):
``kiosk/locale/<language>/LC_MESSAGES/kiosk.po`` maps a stable key (the ``msgid``, e.g.
``attract.title``) to that language's text; ``kiosk/locale/kiosk.pot`` is the template a new
language starts from (``pybabel init -D kiosk -i kiosk/locale/kiosk.pot -d kiosk/locale -l de``),
and English (``en``) is the source translators read. Plurals use gettext's ``msgid_plural``
with each catalog's ``Plural-Forms``. The ``.po`` files are read through Babel and compiled in
memory to a :class:`gettext.GNUTranslations` at first use, so a clean checkout needs no build
step; fuzzy entries are never used (and the tests refuse them).

Money, numbers, dates and times are formatted by :mod:`kiosk.l10n` (Babel's CLDR data).
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain.catalog import LANGUAGES
from kiosk.l10n import format_money

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = ["DOMAIN", "LOCALE_DIR", "Translator", "format_money", "has_text", "read_catalog"]

DOMAIN = "kiosk"
LOCALE_DIR = Path(__file__).with_name("locale")


def catalog_path(language: str) -> Path:
    """Where a language's ``.po`` file lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    """A language's catalog as Babel reads it (for tests and tools; the kiosk uses
    :class:`Translator`)."""
    # Babel's catalog reader (and the email package it uses for headers) is imported at
    # first use, not with the UI's modules: the first frame does not wait for it.
    from babel.messages.pofile import read_po

    path = catalog_path(language)
    if not path.is_file():
        raise FileNotFoundError(f"no catalog for language {language!r} at {path}")
    with path.open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


@dataclass(frozen=True)
class _Compiled:
    translations: gettext.GNUTranslations
    singular: dict[str, str]  # key → text, every complete non-plural entry
    plural: frozenset[str]  # keys with plural forms (use Translator.plural)


@functools.cache
def _compiled(language: str) -> _Compiled:
    # Read once per process: the catalogs are data shipped with the code, never edited
    # while it runs.
    from babel.messages.mofile import write_mo

    catalog = read_catalog(language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    singular: dict[str, str] = {}
    plural: set[str] = set()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if message.pluralizable:
            if all(message.string):
                plural.add(message.id[0])
        elif message.string:
            singular[message.id] = message.string
    return _Compiled(gettext.GNUTranslations(buffer), singular, frozenset(plural))


def has_text(key: str) -> bool:
    """Whether the catalogs have a text for this key (checked against French, which the
    tests keep complete like the other languages)."""
    return key in _compiled(LANGUAGES[0]).singular


class Translator:
    """Texts in one language. Unknown keys raise: a missing text is a bug to see."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; use one of {LANGUAGES}")
        self.language = language
        self._compiled = _compiled(language)

    def __call__(self, key: str) -> str:
        try:
            return self._compiled.singular[key]
        except KeyError:
            raise KeyError(f"no text {key!r} in the {self.language} catalog") from None

    def plural(self, key: str, n: int) -> str:
        """The form of a plural text for ``n`` (its ``{n}`` filled in)."""
        if key not in self._compiled.plural:
            raise KeyError(f"no plural text {key!r} in the {self.language} catalog")
        return self._compiled.translations.ngettext(key, key, n).format(n=n)

    def labelled(self, label: str, value: str) -> str:
        """A label and its value as the language writes them: ``Montant : 3,00 €`` in
        French, ``Bedrag: € 3,00`` in Dutch (no space before the colon outside French)."""
        return self("format.label_value").format(label=label, value=value)

    def all(self) -> dict[str, str]:
        """Every (non-plural) text in this language, for the UI to bind to."""
        return dict(self._compiled.singular)

    def keys(self) -> Iterator[str]:
        """Every key this language has a text for."""
        return iter(self._compiled.singular)
