"""Case follow-up: the citizen's cases, read live from the City, in plain words."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from kiosk.domain.city import CaseSummary, CityPlatform
from kiosk.domain.fulfilment import Handler

# The backend's case states; the UI shows each as "case.status.<state>" in plain words.
CASE_STATUSES: tuple[str, ...] = ("received", "in_progress", "ready", "delivered", "rejected")

# The QR on a confirmation or letter for following a case up without the eID:
# "BXLCASE:<reference>:<code>". The code is derived from the request's id, a random
# UUID the kiosk made and the platform keeps but which is never printed: knowing a
# reference alone does not give the code, and no national number is in the QR.
CASE_QR_PREFIX = "BXLCASE:"
CODE_LENGTH = 8  # base32: 40 bits
_REFERENCE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,63}$")
_CODE = re.compile(rf"^[A-Z2-7]{{{CODE_LENGTH}}}$")


class CaseCodeError(ValueError):
    """A scanned code that is not a case QR; ``reason`` names why (for the UI)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class CaseQr:
    reference: str
    code: str


def verification_code(request_id: str) -> str:
    """The code printed beside a reference, from the request's (secret) id."""
    digest = hashlib.sha256(b"bxl-case-code:" + request_id.encode()).digest()
    return base64.b32encode(digest).decode()[:CODE_LENGTH]


def code_matches(code: str, request_id: str) -> bool:
    return hmac.compare_digest(code.encode(), verification_code(request_id).encode())


def case_qr_payload(reference: str, request_id: str) -> str:
    """The QR text for a request (what the confirmation receipt carries)."""
    if not _REFERENCE.match(reference):
        raise ValueError(f"case QR: reference {reference!r} is not a printable reference")
    return f"{CASE_QR_PREFIX}{reference}:{verification_code(request_id)}"


def parse_case_qr(text: str) -> CaseQr:
    """The reference and code a scanned QR carries, or :class:`CaseCodeError`."""
    if not text.startswith(CASE_QR_PREFIX):
        raise CaseCodeError("not_a_case", "not a case follow-up QR code")
    reference, _, code = text[len(CASE_QR_PREFIX) :].strip().rpartition(":")
    if not _REFERENCE.match(reference) or not _CODE.match(code):
        raise CaseCodeError("unreadable", "case QR: reference or code malformed")
    return CaseQr(reference, code)


def typed_code(code: str) -> str:
    """The follow-up code as printed for typing: two groups of four (``ABCD EFGH``)."""
    return f"{code[:4]} {code[4:]}"


def parse_typed_case(reference: str, code: str) -> CaseQr:
    """What a citizen typed from a confirmation (reference and follow-up code, in any
    case, with or without the code's space or a dash), or :class:`CaseCodeError` naming
    the field that cannot be right (``typed_reference`` / ``typed_code``)."""
    reference = reference.strip().upper()
    code = "".join(code.split()).replace("-", "").upper()
    if not _REFERENCE.match(reference):
        raise CaseCodeError("typed_reference", "typed case reference malformed")
    if not _CODE.match(code):
        raise CaseCodeError("typed_code", "typed follow-up code malformed")
    return CaseQr(reference, code)


@runtime_checkable
class CaseByReference(Protocol):
    """A platform that finds one case by its QR (sync.city_client.CityClient does)."""

    def case_by_reference(self, reference: str, code: str) -> list[CaseSummary]:
        """The case ``reference`` names when ``code`` is its code; [] otherwise."""
        ...


def case_followup_handler(
    platform: CityPlatform,
    timezone: str = "Europe/Brussels",
) -> Handler:
    """Fetch the identified citizen's cases, newest first; or, when the details carry a
    scanned case QR (``case_reference`` + ``case_code``), that one case only."""
    zone = ZoneInfo(timezone)

    def handle(language: str, details: Mapping[str, Any]) -> dict[str, Any]:
        if "case_reference" in details:
            if not isinstance(platform, CaseByReference):
                raise TypeError("this City platform cannot look a case up by its QR")
            found = platform.case_by_reference(details["case_reference"], details["case_code"])
        else:
            # The platform answers only with the card session the citizen's PIN and card
            # signature opened (kiosk.domain.card_session); none → refused there.
            found = platform.cases(details["national_number"], details.get("card_session"))
        rows = [
            {
                "id": c.id,
                "service_id": c.service_id,
                "status": c.status if c.status in CASE_STATUSES else "received",
                "updated": c.updated_at.astimezone(zone).strftime("%d/%m/%Y"),
            }
            for c in sorted(found, key=lambda c: c.updated_at, reverse=True)
        ]
        return {"kind": "case_followup", "cases": rows, "printed": True}

    return handle
