"""Numbers, money, dates and times as each language writes them, from Babel's CLDR data.

The kiosk speaks French, Dutch and English in Brussels: French and Dutch follow the Belgian
locales (``3,00 €`` in fr_BE, ``€ 3,00`` in nl_BE); English follows en_GB (``€3.00``), not
CLDR's en_BE, which writes ``3,00 €`` — a form English readers take for a typo. Every clock
time a citizen sees or takes home is Brussels time, whatever the machine's zone (a UTC
container printed 22:06 on a test page while receipts said 23:06: issue 24, defect 9).
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    BRUSSELS: ZoneInfo


@functools.cache
def brussels() -> ZoneInfo:
    """Brussels' time zone. Built at first use: zoneinfo (with the sysconfig it reads for
    its search path) costs some 5 ms, and the attract screen shows no clock time."""
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Brussels")


def __getattr__(name: str) -> Any:
    # ``from kiosk.l10n import BRUSSELS`` keeps working: the zone, built when first asked.
    if name == "BRUSSELS":
        return brussels()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# language code (kiosk.domain.catalog.LANGUAGES, plus one ready to add) → CLDR locale
LOCALES: dict[str, str] = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB", "de": "de_BE"}


def locale_of(language: str) -> str:
    """The CLDR locale a kiosk language formats with; an unknown language is an error."""
    try:
        return LOCALES[language]
    except KeyError:
        raise ValueError(f"no formatting locale for language {language!r}; "
                         f"known: {sorted(LOCALES)}") from None


def _printable(text: str) -> str:
    # CLDR separates French thousands with U+202F, which no receipt printer code page has
    # and some screen fonts lack: the ordinary no-break space reads the same.
    return text.replace("\u202f", "\u00a0")


@functools.lru_cache(maxsize=1024)  # babel takes ~1 ms a call; screens ask on every step
def format_money(cents: int, language: str) -> str:
    """Euro cents as the language writes them: ``3,00 €`` (fr), ``€ 3,00`` (nl), ``€3.00`` (en)."""
    from babel import numbers  # CLDR data: loaded at first use, not before the first frame

    amount = Decimal(cents).scaleb(-2)
    return _printable(numbers.format_currency(amount, "EUR", locale=locale_of(language)))


def format_number(value: int | float | Decimal, language: str) -> str:
    """A plain number with the language's separators (``1.250`` in nl, ``1,250`` in en)."""
    from babel import numbers

    return _printable(numbers.format_decimal(value, locale=locale_of(language)))


def in_brussels(moment: datetime) -> datetime:
    """``moment`` as a Brussels wall-clock time (zone-aware, so CET or CEST). A naive
    datetime is taken as a Brussels wall-clock time already (the receipts' ``*_local``
    fields); an aware one, whatever its zone, is converted."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=brussels())
    return moment.astimezone(brussels())


def format_time(moment: datetime, language: str) -> str:
    """A clock time in Brussels: ``14:30``."""
    from babel import dates

    return dates.format_time(in_brussels(moment), "HH:mm", locale=locale_of(language))


def format_date(day: date | datetime, language: str) -> str:
    """A day as dd/mm/yyyy in every language (what Belgian forms use); a datetime is
    taken in Brussels first (23:30 UTC on the 6th is already the 7th there)."""
    from babel import dates

    if isinstance(day, datetime):
        day = in_brussels(day).date()
    return dates.format_date(day, "dd/MM/yyyy", locale=locale_of(language))


def format_long_date(day: date, language: str) -> str:
    """A day in words for screens: ``lundi 7 décembre``, ``maandag 7 december``."""
    from babel import dates

    return dates.format_date(day, "EEEE d MMMM", locale=locale_of(language))


def format_datetime(moment: datetime, language: str) -> str:
    """Day and clock time in Brussels: ``07/12/2026 14:30``."""
    return f"{format_date(moment, language)} {format_time(moment, language)}"


def format_technical(moment: datetime, *, zone: bool = False, seconds: bool = False) -> str:
    """Brussels wall-clock time the same in every language, sortable: ``2026-12-07 14:30``
    (technician screens, beside the log lines, which are in Brussels time too; staff
    pages and reports). With ``zone``, the offset's name follows (``2026-10-25 02:30
    CEST``): the hour repeated when summer time ends is then told apart from its twin
    (``… 02:30 CET``); with ``seconds``, ``14:30:05``."""
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return in_brussels(moment).strftime(f"{pattern} %Z" if zone else pattern)


def now_utc() -> datetime:
    """The current moment, zone-aware (callers format it with the functions above)."""
    return datetime.now(UTC)
