"""Babel extraction for the catalogs' keys (``kiosk/locale/babel.cfg``).

Python call sites are read by Babel's own Python extractor (keywords in the config). QML
reads its texts from a view-model's ``texts`` map (``vm.texts["attract.title"]``, sometimes
through a ternary that picks one of two keys), which no stock extractor understands: this one
takes every string literal in a QML file shaped like a catalog key (``word.word…``)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

# "attract.title", "library.ui.scan_card"; not "Main.qml", "qrc:/x", "1.5"
_KEY_LITERAL = re.compile(r'"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"')
_NOT_KEYS = (".qml", ".js", ".png", ".svg")


def extract_qml(fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str],
                options: Mapping[str, Any]) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction method: (line number, function, key, comments) for each key literal."""
    encoding = options.get("encoding", "utf-8")
    for lineno, line in enumerate(fileobj.read().decode(encoding).splitlines(), start=1):
        if line.lstrip().startswith(("import ", "//")):
            continue
        for match in _KEY_LITERAL.finditer(line):
            key = match.group(1)
            if not key.endswith(_NOT_KEYS):
                yield lineno, None, key, []
