"""Money, numbers, dates and times as each language writes them (Babel's CLDR data), in
Brussels time whatever the machine's zone (issue 24, defects 9 and 10)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kiosk.l10n import format_date, format_datetime, format_money, format_number, format_time


def test_money_as_each_language_writes_it():
    assert format_money(300, "fr") == "3,00\u00a0€"
    assert format_money(300, "nl") == "€\u00a03,00"
    assert format_money(300, "en") == "€3.00"
    # French thousands with a plain no-break space (U+202F is on no receipt code page)
    assert format_money(125050, "fr") == "1\u00a0250,50\u00a0€"
    assert format_money(125050, "nl") == "€\u00a01.250,50"
    assert format_number(1250, "en") == "1,250"


def test_times_are_brussels_time_whatever_zone_they_come_in():
    winter = datetime(2026, 12, 6, 22, 6, tzinfo=UTC)
    summer = datetime(2026, 7, 6, 22, 6, tzinfo=UTC)
    assert format_time(winter, "fr") == "23:06"
    assert format_time(summer, "nl") == "00:06"
    assert format_date(summer, "en") == "07/07/2026"  # already the next day in Brussels
    assert format_datetime(winter, "nl") == "06/12/2026 23:06"
    assert format_date(date(2026, 3, 2), "fr") == "02/03/2026"


def test_an_unknown_language_is_named():
    with pytest.raises(ValueError, match="no formatting locale for language 'xx'"):
        format_money(1, "xx")
