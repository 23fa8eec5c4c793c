"""The gettext catalogs: complete, never fuzzy, the same keys and placeholders in every
language, and holding every key the code and the screens ask for (Babel's extraction)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from kiosk.domain.catalog import LANGUAGES
from kiosk.i18n import (
    LOCALE_DIR,
    Translator,
    catalog_path,
    compile_catalog,
    compiled_path,
    load_catalog,
    read_catalog,
)

ROOT = Path(__file__).resolve().parents[2]


def _keys(catalog) -> set[str]:
    return {m.id[0] if m.pluralizable else m.id for m in catalog if m.id}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def template():
    with (LOCALE_DIR / "kiosk.pot").open("rb") as f:
        return read_po(f, domain="kiosk")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_translates_every_key_and_nothing_is_fuzzy(language, template):
    catalog = read_catalog(language)
    assert _keys(catalog) == _keys(template), "run the catalog update against kiosk.pot"
    untranslated = [m.id for m in catalog if m.id and not all(
        m.string if m.pluralizable else (m.string,))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"{language}: untranslated {untranslated}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy}"
    assert not catalog.obsolete, f"{language}: obsolete entries {list(catalog.obsolete)}"
    assert all(m.string.strip() for m in catalog if m.id and not m.pluralizable)
    if any(m.pluralizable for m in catalog):
        forms = catalog.num_plurals
        assert all(len(m.string) == forms for m in catalog if m.pluralizable), language


def test_placeholders_are_the_same_in_every_language():
    english = {m.id: m.string for m in read_catalog("en") if m.id}
    for language in LANGUAGES:
        for m in read_catalog(language):
            if not m.id:
                continue
            texts = m.string if m.pluralizable else (m.string,)
            source = english[m.id]
            wanted = _placeholders(source[-1] if m.pluralizable else source)
            for text in texts:
                assert _placeholders(text) == wanted, f"{language} {m.id!r}: {text!r}"


def test_plural_forms_follow_each_language():
    assert Translator("fr").plural("pin.tries", 1) == "1 essai restant"
    assert Translator("fr").plural("pin.tries", 0) == "0 essai restant"
    assert Translator("nl").plural("pin.tries", 2) == "Nog 2 pogingen"
    assert Translator("en").plural("pin.tries", 1) == "1 try left"
    with pytest.raises(KeyError, match="no plural text 'city'"):
        Translator("en").plural("city", 2)


def test_an_unknown_key_or_language_is_named():
    with pytest.raises(KeyError, match=r"no text 'nope\.nothing' in the nl catalog"):
        Translator("nl")("nope.nothing")
    with pytest.raises(ValueError, match="unknown language 'xx'"):
        Translator("xx")


def test_every_key_the_code_and_the_screens_use_is_in_the_catalog(template):
    with (LOCALE_DIR / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    config = (LOCALE_DIR / "babel.cfg").read_text()
    keywords = dict.fromkeys(re.search(r"keywords = (.*)", config).group(1).split())
    known = _keys(template)
    used: set[tuple[str, int, str]] = set()
    for package in ("kiosk", "ui"):
        for name, line, message, _, _ in extract_from_dir(
                ROOT / package, method_map, options_map, keywords=keywords):
            used.add((f"{package}/{name}", line, message[0] if isinstance(message, tuple)
                      else message))
    assert len({key for *_, key in used}) > 150  # the extraction really ran over the code
    assert any(where.endswith(".qml") for where, *_ in used)
    missing = sorted(u for u in used if u[2] not in known)
    assert not missing, f"keys used but not in kiosk/locale/kiosk.pot: {missing}"


def test_old_style_tuples_are_found_for_the_catalog_tool():
    from kiosk.i18n_tools import tuples_in

    source = 'X = {"a.b": ("un", "een", "one"), "n": 3, "c.d": ("x", "y")}\n'
    assert tuples_in(source, "x.py") == {"a.b": ("un", "een", "one")}


def test_a_new_language_starts_from_the_template(tmp_path, template):
    # German is ready to add: `pybabel init` from the template, its formats known.
    from babel.messages.frontend import CommandLineInterface

    from kiosk.l10n import format_money

    CommandLineInterface().run(["pybabel", "-q", "init", "-D", "kiosk", "-l", "de",
                                "-i", str(LOCALE_DIR / "kiosk.pot"), "-d", str(tmp_path)])
    with (tmp_path / "de" / "LC_MESSAGES" / "kiosk.po").open("rb") as f:
        german = read_po(f, locale="de", domain="kiosk")
    assert _keys(german) == _keys(template) and german.num_plurals == 2
    assert format_money(300, "de") == "3,00\u00a0€"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_current_and_holds_the_same_texts(language):
    """The kiosk reads the .mo that make setup compiles (kiosk/i18n.py): it must be the
    compilation of today's .po, and read back to exactly the texts of the .po."""
    po, mo = catalog_path(language), compiled_path(language)
    assert mo.is_file() and mo.read_bytes() == compile_catalog(po, language), (
        f"{mo} is not compiled from today's {po.name}: run `make setup` "
        "(or python -m kiosk.i18n_tools compile)")
    compiled = load_catalog(po, mo, language)
    singular = {m.id: m.string for m in read_catalog(language)
                if m.id and not m.pluralizable and m.string and not m.fuzzy}
    assert compiled.singular == singular
    assert compiled.plural == {m.id[0] for m in read_catalog(language)
                               if m.id and m.pluralizable}
    assert Translator(language).all() == singular


def test_a_compiled_catalog_out_of_date_is_not_used(tmp_path):
    po, mo = tmp_path / "kiosk.po", tmp_path / "kiosk.mo"
    source = catalog_path("fr").read_text(encoding="utf-8")
    assert 'msgid "attract.title"' in source
    po.write_text(source, encoding="utf-8")
    mo.write_bytes(compile_catalog(po, "fr"))
    title = load_catalog(po, mo, "fr").singular["attract.title"]
    # The .po changes after the .mo was compiled: its new text is the one shown.
    po.write_text(source.replace(f'msgstr "{title}"', 'msgstr "Nouveau titre"', 1),
                  encoding="utf-8")
    assert load_catalog(po, mo, "fr").singular["attract.title"] == "Nouveau titre"
    mo.unlink()  # none compiled at all: the .po, compiled in memory
    assert load_catalog(po, mo, "fr").singular["attract.title"] == "Nouveau titre"
