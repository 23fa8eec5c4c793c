"""Keeping personal data out of the audit log.

The log is kept for years and exported; it must name what happened to money and who
(a kiosk, a technician) did it, never which citizen. Callers pass only facts, and this
is the backstop: personal keys are dropped, card numbers masked to their last four
digits, and anything in free text that looks like a national or card number is masked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Keys whose values are about a person, at any depth: dropped, the key kept as a marker.
PERSONAL_KEYS = frozenset(
    {
        "national_number",
        "rrn",
        "name",
        "surname",
        "first_names",
        "given_names",
        "last_name",
        "first_name",
        "full_name",
        "address",
        "street",
        "street_and_number",
        "zip",
        "municipality",
        "birth_date",
        "birth_place",
        "photo",
        "email",
        "phone",
        "card_number",
        "chip_number",
        "patron_identifier",
        "patron",
        "iban",
    }
)
REMOVED = "[removed]"
# Belgian national numbers (YY.MM.DD-XXX.CC, with or without separators) and
# 12–19 digit card numbers (PAN), possibly grouped by spaces or dashes.
_NATIONAL_NUMBER = re.compile(
    r"(?<![\dA-Za-z])\d{2}[.\s-]?\d{2}[.\s-]?\d{2}[.\s-]?\d{3}[.\s-]?\d{2}(?![\dA-Za-z])"
)
_PAN = re.compile(r"(?<![\dA-Za-z])(?:\d[ -]?){8,15}(\d{4})(?![\dA-Za-z])")


def mask_pan(value: str) -> str:
    """Only the last four characters of a (possibly already masked) card number."""
    tail = re.sub(r"[^0-9A-Za-z*]", "", value)[-4:]
    return "*" * 4 + tail if tail else ""


def mask_text(text: str) -> str:
    """Free text with national numbers and card numbers masked."""
    text = _PAN.sub(lambda m: "****" + m.group(1), text)
    return _NATIONAL_NUMBER.sub("[national number]", text)


def scrub(details: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``details`` fit for the audit log (see the module docstring)."""
    return {str(k): _value(str(k), v) for k, v in details.items()}


def _value(key: str, value: Any) -> Any:
    lowered = key.lower()
    if lowered in PERSONAL_KEYS:
        return REMOVED
    if lowered in ("pan", "masked_pan") or lowered.endswith("_pan"):
        return mask_pan(str(value)) if value else value
    if isinstance(value, Mapping):
        return scrub(value)
    if isinstance(value, list | tuple):
        return [_value(key, v) for v in value]
    if isinstance(value, str):
        # Identifiers and hashes are ours (UUIDs, hex): masking could only mangle them.
        return value if lowered.endswith(("_id", "hash", "_at")) else mask_text(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**10:
        return REMOVED  # no amount in cents gets there; an 11-digit number is a person's
    return value
