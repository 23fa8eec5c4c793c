"""Dates as the eID writes them: ``DD.MM.YYYY`` for validity, and a localised birth
date (``30 JUIL 1985``, ``14 MAAR 1979``, ``14 MÄR 1979``) whose spelling varies by
the municipality's language and by card generation."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Month spellings seen on FR, NL and DE cards, accent-folded and upper-cased. Several
# generations abbreviate differently (MARS/MAR, AOUT/AOU, MAAR/MRT, MÄR/MAR/MRZ).
_MONTHS: dict[str, int] = {}
for _month, _names in enumerate(
    (
        ("JAN", "JANV", "JANVIER", "JANUARI", "JANUAR"),
        ("FEV", "FEVR", "FEVRIER", "FEB", "FEBR", "FEBRUARI", "FEBRUAR"),
        ("MARS", "MAR", "MAAR", "MAART", "MRT", "MAERZ", "MARZ", "MRZ"),
        ("AVR", "AVRIL", "APR", "APRIL"),
        ("MAI", "MEI"),
        ("JUIN", "JUN", "JUNI"),
        ("JUIL", "JUILLET", "JUL", "JULI"),
        ("AOUT", "AOU", "AUG", "AUGUSTUS", "AUGUST"),
        ("SEPT", "SEP", "SEPTEMBRE", "SEPTEMBER"),
        ("OCT", "OCTOBRE", "OKT", "OKTOBER"),
        ("NOV", "NOVEMBRE", "NOVEMBER"),
        ("DEC", "DECEMBRE", "DEZ", "DEZEMBER", "DECEMBER"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _month

# How the virtual card writes a birth date in each card language.
BIRTH_MONTHS: dict[str, tuple[str, ...]] = {
    "fr": ("JAN", "FEV", "MARS", "AVR", "MAI", "JUIN", "JUIL", "AOUT", "SEPT", "OCT", "NOV", "DEC"),
    "nl": ("JAN", "FEB", "MAAR", "APR", "MEI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEC"),
    "de": ("JAN", "FEB", "MÄR", "APR", "MAI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEZ"),
}

# Month spellings only one card language uses (JAN, NOV… are shared and tell nothing).
_LANGUAGE_OF_MONTH: dict[str, str] = {
    **{m: "fr" for m in ("JANV", "FEV", "FEVR", "MARS", "AVR", "JUIN", "JUIL", "AOUT",
                         "AOU", "SEPT")},
    **{m: "nl" for m in ("MAAR", "MAART", "MRT", "MEI")},
    **{m: "de" for m in ("MAERZ", "MARZ", "MRZ", "DEZ")},
}
_LANGUAGE_OF_SEX = {"V": "nl", "W": "de"}

_BIRTH = re.compile(r"^\s*(\d{1,2})[\s.\-/]+([A-Z]+)\.?[\s.\-/]+(\d{4})\s*$")
_DOTTED = re.compile(r"^\s*(\d{2})[.\-/](\d{2})[.\-/](\d{4})\s*$")


class DateFormatError(ValueError):
    """The text is not a date in the expected card format (message names no value)."""


def _fold(text: str) -> str:
    # Ä → A, É → E, Û → U: spellings differ only in accents between card generations.
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _make(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateFormatError("day or month out of range") from None


def parse_birth_date(text: str) -> date:
    """``"30 JUIL 1985"`` / ``"14 MAAR 1979"`` / ``"14 MÄR 1979"`` / ``"14.03.1979"`` → date."""
    folded = _fold(text)
    dotted = _DOTTED.match(folded)
    if dotted:
        return _make(int(dotted.group(3)), int(dotted.group(2)), int(dotted.group(1)))
    match = _BIRTH.match(folded)
    if not match:
        raise DateFormatError("expected 'DD MON YYYY'")
    month = _MONTHS.get(match.group(2))
    if month is None:
        raise DateFormatError("unknown month name")
    return _make(int(match.group(3)), month, int(match.group(1)))


def card_language(birth_text: str, sex_letter: str) -> str:
    """The language a card is written in, from its birth date's spelling and its sex
    letter: "fr", "nl", "de", or "" when both are shared between languages."""
    by_sex = _LANGUAGE_OF_SEX.get(sex_letter.upper())
    if by_sex:
        return by_sex
    match = _BIRTH.match(_fold(birth_text))
    return _LANGUAGE_OF_MONTH.get(match.group(2), "") if match else ""


def parse_dotted_date(text: str) -> date:
    """``"DD.MM.YYYY"`` (validity dates) → date."""
    match = _DOTTED.match(text)
    if not match:
        raise DateFormatError("expected 'DD.MM.YYYY'")
    return _make(int(match.group(3)), int(match.group(2)), int(match.group(1)))


def format_birth_date(value: date, language: str) -> str:
    """The card's spelling of a birth date in ``language`` (fr, nl or de)."""
    months = BIRTH_MONTHS[language]
    return f"{value.day:02d} {months[value.month - 1]} {value.year:04d}"


def format_dotted_date(value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
