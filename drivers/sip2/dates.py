"""SIP2's 18-character date: ``YYYYMMDDZZZZHHMMSS`` (ZZZZ = blanks for local time)."""

from __future__ import annotations

import re
from datetime import date, datetime

_SIP_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})[A-Z ]{4}(\d{2})(\d{2})(\d{2})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
BLANK_DATE = " " * 18


def sip_datetime(when: datetime) -> str:
    """``when`` (local wall-clock time) as a SIP2 transaction date."""
    return when.strftime("%Y%m%d") + "    " + when.strftime("%H%M%S")


def parse_sip_date(text: str) -> date | None:
    """The day of a SIP2 date or an ISO date; None for blanks or an unknown format.

    The due date (AH) is free text in SIP2 2.00; library systems send either form.
    """
    text = text.strip()
    match = _SIP_DATE.match(text) or _ISO_DAY.match(text)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
