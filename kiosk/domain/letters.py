"""Paying a letter from the City: the QR code on the letter, checked, then paid.

City letters carry the European Payments Council's "SEPA credit transfer" QR code
(EPC069-12, the one banking apps scan), with the Belgian structured communication
(``+++123/4567/89002+++``) as the creditor reference. The kiosk accepts a code only
when it is a well-formed EPC code, pays one of the City's accounts, has a structured
communication whose mod-97 check holds, and a sensible amount in euros.

Line by line (``\\n`` separated)::

    BCD                      service tag
    001 | 002                version
    1                        character set (UTF-8)
    SCT                      SEPA credit transfer
    GEBABEBB                 BIC (may be empty in version 002)
    Ville de Bruxelles       beneficiary
    BE68539007547034         IBAN
    EUR12.50                 amount
    (empty)                  purpose
    +++090/9337/55493+++     structured communication (12 digits also accepted)
    (optional free text)
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.catalog import Catalog
from kiosk.domain.queue import Site

# The City's collection accounts (demo values; a real kiosk gets them with the catalog).
CITY_IBANS: frozenset[str] = frozenset({"BE68539007547034", "BE71096123456769"})
MAX_AMOUNT_CENTS = 1_000_000  # 10 000 €: more is not paid at a kiosk
LETTER_SERVICE_ID = "letter-payment"

_AMOUNT = re.compile(r"^EUR(\d{1,7})(?:\.(\d{1,2}))?$")
_STRUCTURED = re.compile(r"^(?:\+\+\+|\*\*\*)?(\d{3})/?(\d{4})/?(\d{5})(?:\+\+\+|\*\*\*)?$")


class LetterCodeError(ValueError):
    """A scanned code that is not a payable City letter; ``reason`` names why (and is
    the key of the text shown to the citizen)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


@dataclass(frozen=True)
class LetterPayment:
    """What a City letter asks to be paid."""

    communication: str  # +++123/4567/89002+++
    amount_cents: int
    beneficiary: str
    iban: str

    def as_details(self) -> dict[str, Any]:
        return {
            "communication": self.communication,
            "amount_cents": self.amount_cents,
            "beneficiary": self.beneficiary,
            "iban": self.iban,
        }


def structured_communication(digits: str) -> str:
    """``digits`` (12) as printed on Belgian transfers, after checking its mod-97."""
    if len(digits) != 12 or not digits.isdigit():
        raise LetterCodeError("bad_reference", "a structured communication has 12 digits")
    check = int(digits[:10]) % 97 or 97
    if check != int(digits[10:]):
        raise LetterCodeError(
            "bad_reference", f"check digits {digits[10:]} do not match (expected {check:02d})"
        )
    return f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++"


def make_communication(number: int) -> str:
    """A valid structured communication for ``number`` (< 10**10): for letters and tests."""
    if not 0 <= number < 10**10:
        raise ValueError("a structured communication holds a 10-digit number")
    check = number % 97 or 97
    return structured_communication(f"{number:010d}{check:02d}")


def epc_payload(payment: LetterPayment, bic: str = "GEBABEBB") -> str:
    """The QR text for ``payment`` (what the City prints on its letters)."""
    euros, cents = divmod(payment.amount_cents, 100)
    return "\n".join(
        [
            "BCD",
            "002",
            "1",
            "SCT",
            bic,
            payment.beneficiary,
            payment.iban,
            f"EUR{euros}.{cents:02d}",
            "",
            payment.communication,
            "",
        ]
    )


def parse_letter_code(text: str, city_ibans: frozenset[str] = CITY_IBANS) -> LetterPayment:
    """The payment a scanned QR code asks for, or :class:`LetterCodeError` saying why not."""
    lines = text.replace("\r\n", "\n").split("\n")
    if len(lines) < 10 or lines[0] != "BCD" or lines[3] != "SCT":
        raise LetterCodeError("not_a_letter", "not an EPC payment QR code")
    if lines[1] not in ("001", "002") or lines[2] not in ("1", ""):
        raise LetterCodeError("not_a_letter", f"unsupported EPC version {lines[1]!r}")
    beneficiary, iban = lines[5].strip(), lines[6].replace(" ", "").upper()
    if iban not in city_ibans:
        raise LetterCodeError("not_city", "the account is not one of the City's")
    amount = _AMOUNT.match(lines[7].strip())
    if amount is None:
        raise LetterCodeError("bad_amount", f"amount {lines[7]!r} is not EUR<euros>.<cents>")
    cents = int(amount[1]) * 100 + int((amount[2] or "0").ljust(2, "0"))
    if not 0 < cents <= MAX_AMOUNT_CENTS:
        raise LetterCodeError("bad_amount", f"amount {cents} cents is out of range")
    reference = _STRUCTURED.match(lines[9].strip())
    if reference is None:
        raise LetterCodeError("bad_reference", "no Belgian structured communication")
    communication = structured_communication("".join(reference.groups()))
    return LetterPayment(communication, cents, beneficiary, iban)


def letter_delivery(
    catalog: Catalog,
    site: Site,
    *,
    details: dict[str, Any],
    language: str,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Any:
    """What a completed letter payment writes in its completion transaction: the paid
    letter as a request row (the payment's own ``payment.completed`` event carries it
    to the City). Returns a ``kiosk.payments.completion.Deliver``."""
    from kiosk.payments.completion import Delivery  # SQLAlchemy: only once paying
    from kiosk.store.counters import next_number
    from kiosk.store.models import RequestRow

    service = catalog.service(LETTER_SERVICE_ID)
    communication = str(details["communication"])
    zone = ZoneInfo(site.timezone)

    def deliver(session: Any, facts: Any) -> Any:
        at = now().astimezone(UTC)
        local = at.astimezone(zone)
        number = next_number(session, site.id, "letter", local.date().isoformat())
        request_id = str(uuid.uuid4())
        session.add(
            RequestRow(
                id=request_id,
                kind="letter_payment",
                service_id=service.id,
                reference=f"{site.id.upper()}-{local:%Y%m%d}-L{number:04d}",
                site=site.id,
                kiosk_id=site.kiosk_id,
                language=language,
                status="committed",
                payload={
                    "communication": communication,
                    "amount_cents": int(details["amount_cents"]),
                    "iban": str(details.get("iban", "")),
                    "payment": facts.as_payload(),
                },
                created_at=at,
            )
        )
        return Delivery(request_id, communication, service.name.get(language), ())

    return deliver
