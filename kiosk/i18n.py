"""The screens' and receipts' texts, from gettext catalogs in FR, NL and EN.

The catalogs are monolingual gettext files (the form Weblate calls "monolingual gettext"):
``kiosk/locale/<language>/LC_MESSAGES/kiosk.po`` maps a stable key (the ``msgid``, e.g.
``attract.title``) to that language's text; ``kiosk/locale/kiosk.pot`` is the template a new
language starts from (``pybabel init -D kiosk -i kiosk/locale/kiosk.pot -d kiosk/locale -l de``),
and English (``en``) is the source translators read. Plurals use gettext's ``msgid_plural``
with each catalog's ``Plural-Forms``. Fuzzy entries are never used (and the tests refuse them).

The ``.po`` files are the source. The kiosk reads each language from the ``kiosk.mo`` beside it,
compiled by ``make setup`` (``python -m kiosk.i18n_tools compile``), because parsing the ``.po``
through Babel costs the first frame some 60 ms. The ``.mo`` names the SHA-256 of the ``.po`` it
was compiled from; one that is missing or out of date is not used and the ``.po`` is compiled in
memory instead, so a stale ``.mo`` can slow the start but never change a text.

Money, numbers, dates and times are formatted by :mod:`kiosk.l10n` (Babel's CLDR data).
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain.catalog import LANGUAGES
from kiosk.l10n import format_money

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = ["DOMAIN", "LOCALE_DIR", "Translator", "format_money", "has_text", "read_catalog"]

log = logging.getLogger(__name__)

DOMAIN = "kiosk"
LOCALE_DIR = Path(__file__).with_name("locale")
# The compiled catalog's entry naming its source: its own msgctxt, which no text uses.
SOURCE_CONTEXT = "kiosk.source"
SOURCE_KEY = "sha256"


def catalog_path(language: str) -> Path:
    """Where a language's ``.po`` file lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compiled_path(language: str) -> Path:
    """Where a language's compiled ``.mo`` lives (beside its ``.po``)."""
    return catalog_path(language).with_suffix(".mo")


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
    source: str  # the SHA-256 of the .po it was compiled from


def source_digest(po: bytes) -> str:
    return hashlib.sha256(po).hexdigest()


def compile_catalog(po: Path, language: str) -> bytes:
    """The ``.mo`` of the ``.po`` at ``po``: its complete, non-fuzzy entries (an incomplete
    plural is left out whole) and the ``.po``'s SHA-256."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = po.read_bytes()
    catalog = read_po(io.BytesIO(source), locale=language, domain=DOMAIN)
    for message in list(catalog)[1:]:  # the first is the header (Plural-Forms)
        complete = all(message.string) if message.pluralizable else bool(message.string)
        if message.fuzzy or not complete:
            catalog.delete(message.id, message.context)
    catalog.add(SOURCE_KEY, source_digest(source), context=SOURCE_CONTEXT)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _read_compiled(mo: bytes) -> _Compiled:
    translations = gettext.GNUTranslations(io.BytesIO(mo))
    # GNUTranslations keeps a plural entry under (key, index) and a context's under
    # "context\x04key"; it has no public listing of its keys.
    entries = translations._catalog  # type: ignore[attr-defined]
    singular = {key: text for key, text in entries.items()
                if isinstance(key, str) and key and "\x04" not in key}
    plural = frozenset(key[0] for key in entries if isinstance(key, tuple))
    source = translations.pgettext(SOURCE_CONTEXT, SOURCE_KEY)
    return _Compiled(translations, singular, plural, source)


def load_catalog(po: Path, mo: Path, language: str) -> _Compiled:
    """The texts of ``po``: from ``mo`` when it was compiled from this very ``.po``,
    otherwise compiled now."""
    if not po.is_file():
        raise FileNotFoundError(f"no catalog for language {language!r} at {po}")
    digest = source_digest(po.read_bytes())
    if mo.is_file():
        compiled = _read_compiled(mo.read_bytes())
        if compiled.source == digest:
            return compiled
        log.info("%s does not match its .po (make setup compiles it): compiling the .po", mo)
    return _read_compiled(compile_catalog(po, language))


@functools.cache
def _compiled(language: str) -> _Compiled:
    # Read once per process: the catalogs are data shipped with the code, never edited
    # while it runs.
    return load_catalog(catalog_path(language), compiled_path(language), language)


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
