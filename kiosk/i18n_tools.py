"""Catalog maintenance for developers: add texts to every language's ``.po`` and the template.

``python -m kiosk.i18n_tools add-tuples FILE.py`` takes every ``"key": ("fr", "nl", "en")``
entry of the dict literals in a Python file (the form texts had before the gettext
catalogs, as a branch written against it still adds them) and writes them into
``kiosk/locale``; ``python -m kiosk.i18n_tools set KEY FR NL EN`` does one. Both compile the
``.mo`` files the kiosk reads again; ``python -m kiosk.i18n_tools compile`` (run by
``make setup``) compiles them alone."""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Mapping
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from kiosk.domain.catalog import LANGUAGES
from kiosk.i18n import DOMAIN, LOCALE_DIR, catalog_path, compile_catalog, compiled_path

TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def _read(path: Path, locale: str | None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale, domain=DOMAIN)


def _write(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as f:
        write_po(f, catalog, width=100, sort_output=False)


def set_texts(entries: Mapping[str, tuple[str, ...]]) -> None:
    """Add or replace ``key → (fr, nl, en)`` in the catalogs and the template."""
    catalogs = {language: _read(catalog_path(language), language) for language in LANGUAGES}
    template = _read(TEMPLATE, None)
    for key, texts in entries.items():
        if len(texts) != len(LANGUAGES) or not all(isinstance(t, str) and t for t in texts):
            raise ValueError(f"{key!r}: want {len(LANGUAGES)} non-empty texts {LANGUAGES}")
        flags = ["python-brace-format"] if "{" in texts[-1] else []
        for language, text in zip(LANGUAGES, texts, strict=True):
            catalogs[language].delete(key)
            catalogs[language].add(key, text, flags=flags)
        template.delete(key)
        template.add(key, "", flags=flags, auto_comments=[texts[LANGUAGES.index("en")]])
    for language, catalog in catalogs.items():
        _write(catalog_path(language), catalog)
    _write(TEMPLATE, template)
    compile_all()


def compile_all() -> list[Path]:
    """Write every language's ``.mo`` from its ``.po``; the paths written."""
    written = []
    for language in LANGUAGES:
        mo = compiled_path(language)
        mo.write_bytes(compile_catalog(catalog_path(language), language))
        written.append(mo)
    return written


def tuples_in(source: str, filename: str) -> dict[str, tuple[str, ...]]:
    """Every ``"key": ("…", "…", "…")`` in the dict literals of Python source."""
    found: dict[str, tuple[str, ...]] = {}
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Dict):
            continue
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and isinstance(value, ast.Tuple):
                try:
                    texts = ast.literal_eval(value)
                except ValueError:
                    continue
                if len(texts) == len(LANGUAGES) and all(isinstance(t, str) for t in texts):
                    found[key.value] = texts
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.i18n_tools")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add-tuples", help="add the (fr, nl, en) tuples of a Python file")
    add.add_argument("file", type=Path)
    one = sub.add_parser("set", help="add or replace one text")
    one.add_argument("key")
    one.add_argument("texts", nargs=len(LANGUAGES), metavar="TEXT")
    sub.add_parser("compile", help="compile every language's .mo from its .po")
    args = parser.parse_args(argv)
    if args.command == "compile":
        written = compile_all()
        sys.stdout.write(f"{len(written)} catalog(s) compiled\n")
        return 0
    if args.command == "add-tuples":
        entries = tuples_in(args.file.read_text(encoding="utf-8"), str(args.file))
    else:
        entries = {args.key: tuple(args.texts)}
    set_texts(entries)
    sys.stdout.write(f"{len(entries)} text(s) written to {LOCALE_DIR}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
