"""SIP2 extension fields: the identified fields a library system adds that SIP2 2.00
(and so pysip2's models) does not define.

pysip2 decodes a frame into its typed model and skips unknown field identifiers, so an
extension never reaches the caller. This module reads them from the same raw frame,
once pysip2 has accepted it (checksum, framing): the fixed-length part is skipped by
the widths pysip2's own message spec gives, then every ``XXvalue|`` field whose id is
not in the spec is kept.

The one the kiosk reads is the patron's birth date, ``PB`` (the Envisionware extension
that Koha's and Evergreen's SIP servers send in patron information 64): ``YYYYMMDD``,
some servers ``YYYY-MM-DD``. It is personal data: never logged.
"""

from __future__ import annotations

import re
from datetime import date

from pysip2.models import spec_for_id

BIRTH_DATE = "PB"
_TRAILER = re.compile(rb"(AY\d)?AZ[0-9A-Fa-f]{4}$")
_BIRTH = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")


def extension_fields(frame: bytes, encoding: str = "cp850",
                     field_delimiter: str = "|") -> dict[str, str]:
    """The fields of ``frame`` (one whole SIP2 answer, CR included, already accepted by
    pysip2's decoder) that its message's spec does not define: field id → value.

    A frame too short for its fixed part, or with an unknown command, has none: the
    typed decoder has already refused such frames, this never raises on them.
    """
    body = frame[:-1] if frame.endswith(b"\r") else frame
    body = _TRAILER.sub(b"", body)
    try:
        spec = spec_for_id(body[:2].decode("ascii"))
    except (KeyError, UnicodeDecodeError):
        return {}
    known = {f.field_id for f in spec.fields if f.field_id is not None}
    cursor = 2 + sum(f.width or 0 for f in spec.fields if f.field_id is None)
    delimiter = field_delimiter.encode("ascii")
    found: dict[str, str] = {}
    while cursor + 2 <= len(body):
        end = body.find(delimiter, cursor + 2)
        if end == -1:
            break
        field_id = body[cursor:cursor + 2].decode(encoding, errors="replace")
        if field_id not in known and field_id not in found:
            found[field_id] = body[cursor + 2:end].decode(encoding, errors="replace")
        cursor = end + 1
    return found


def birth_date(fields: dict[str, str]) -> date | None:
    """The ``PB`` birth date, or None when absent, blank or not a date."""
    match = _BIRTH.match(fields.get(BIRTH_DATE, "").strip())
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
