"""Limits every request is held to, in one place so the contract can state them.

- ``MAX_BODY_BYTES``: a request body (JSON or form) larger than this is refused with
  413 before it is read (:mod:`kiosk.backend.json_guard`); a batch of 500 events is
  well under it.
- ``MAX_PAYLOAD_BYTES``: one event's payload, as compact JSON; a larger one is rejected
  for that event only (the rest of the batch goes on).
- :data:`PlausibleDatetime`: a timestamp from a kiosk must fall in 2000-2099 (by its own
  calendar). Outside that, the kiosk's clock is wrong, and at the extremes converting
  to UTC overflows (``9999-12-31T23:59:59-14:00``). Its text is held to one exact
  pattern (ISO 8601 with an offset, real calendar dates), the same in the contract and
  on the server, so a generated valid value is accepted and an invalid one refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field

MAX_BODY_BYTES = 2 << 20
MAX_PAYLOAD_BYTES = 16 << 10
FIRST_YEAR, LAST_YEAR = 2000, 2099


_YEAR = "20[0-9]{2}"
_LEAP_YEAR = "20([02468][048]|[13579][26])"  # 2000-2099: every fourth year, 2000 too
_DATE = (f"({_YEAR}-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"
         f"|{_YEAR}-(0[469]|11)-(0[1-9]|[12][0-9]|30)"
         f"|{_YEAR}-02-(0[1-9]|1[0-9]|2[0-8])|{_LEAP_YEAR}-02-29)")
_TIME = "T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?"
_OFFSET = "(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)"
DATETIME_PATTERN = f"^{_DATE}{_TIME}{_OFFSET}$"
_DATETIME = re.compile(DATETIME_PATTERN)
_WINDOW = f"between {FIRST_YEAR}-01-01 and {LAST_YEAR}-12-31"


def well_formed(value: Any) -> Any:
    """Text must match :data:`DATETIME_PATTERN` (parsed values pass through)."""
    if isinstance(value, str) and not _DATETIME.match(value):
        raise ValueError(
            f"must be an ISO 8601 date-time with its UTC offset, {_WINDOW} "
            "(2026-03-01T09:30:00+01:00); a date outside that window means the sender's "
            "clock is wrong")
    return value


def plausible(value: datetime) -> datetime:
    """``value`` if its year is within the window (so ``astimezone`` cannot overflow)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"must be {_WINDOW}: a date outside that window means the sender's clock "
            "is wrong")
    return value


PlausibleDatetime = Annotated[
    AwareDatetime,
    BeforeValidator(well_formed),
    AfterValidator(plausible),
    Field(
        description=f"An ISO 8601 date-time with its UTC offset, in {FIRST_YEAR}-{LAST_YEAR}.",
        json_schema_extra={"pattern": DATETIME_PATTERN},
    ),
]


def json_integer(value: Any) -> Any:
    """A JSON integer: a number without a fraction. ``true`` and ``"1"`` are refused
    (``false`` was taken as 0); ``1.0`` is the same number as ``1`` in JSON Schema, which
    the contract is written in, so it is taken as 1."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a JSON integer (a number, not a string or a boolean)")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("must be a JSON integer (no fraction)")
        return int(value)
    return value


def json_int(ge: int, le: int) -> Any:
    """An integer field in ``ge``..``le`` that must be a JSON integer (see
    :func:`json_integer`); the bounds stay in the contract as minimum and maximum.
    Counters and ids; money is stricter still (payloads.PaymentCompleted)."""
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(json_integer)]

def json_number(value: Any) -> Any:
    """A JSON number: ``true`` and ``"1.5"`` are refused, as for :func:`json_integer`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a JSON number (not a string or a boolean)")
    return value


def json_float(ge: float, le: float) -> Any:
    """A number field in ``ge``..``le`` that must be a JSON number."""
    return Annotated[float, Field(ge=ge, le=le), BeforeValidator(json_number)]


_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def calendar_day(value: Any) -> Any:
    """``YYYY-MM-DD`` only: pydantic would also read ``0`` or ``"0"`` as 1970-01-01."""
    if isinstance(value, str) and not _DAY.match(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    if isinstance(value, int | float):
        raise ValueError("must be a date written YYYY-MM-DD, not a number")
    return value


Day = Annotated[date, BeforeValidator(calendar_day)]
