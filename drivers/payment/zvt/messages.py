"""ZVT messages: the commands the ECR sends and what the terminal's answers mean.

Built on the table-driven codec; this module only holds tables (prompts, result codes,
card types) and the few lines that assemble commands from BMP names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drivers.payment.zvt.codec import (
    Apdu,
    Tlv,
    amount_to_bcd,
    bcd_encode,
    decode_bmps,
    decode_tlv,
    encode_bmps,
    find_tlv,
    mask_pan,
)
from drivers.payment.zvt.errors import ZvtProtocolError

CURRENCY_EUR = "0978"
# ECR prints payment and admin receipts (02, 04), wants intermediate status (08), controls
# payment and admin functions (10, 20), and wants receipts as print lines (80).
REGISTRATION_CONFIG = 0x02 | 0x04 | 0x08 | 0x10 | 0x20 | 0x80

# 04 FF intermediate status code → the prompt name given to ``on_progress``.
PROMPTS: dict[int, str] = {
    0x00: "confirm_amount", 0x01: "enter_pin", 0x02: "enter_pin", 0x03: "not_accepted",
    0x04: "processing", 0x05: "processing", 0x06: "processing", 0x07: "card_not_accepted",
    0x08: "card_unknown", 0x09: "card_expired", 0x0A: "insert_card", 0x0B: "remove_card",
    0x0C: "card_not_readable", 0x0D: "processing_error", 0x0E: "please_wait",
    0x0F: "processing", 0x10: "card_invalid", 0x14: "insufficient_funds", 0x15: "wrong_pin",
    0x17: "please_wait", 0x18: "pin_try_limit", 0x1C: "approved", 0x1D: "declined",
    0x5E: "processing",
}
PROMPT_CODES: dict[str, int] = {
    "insert_card": 0x0A, "enter_pin": 0x01, "processing": 0x04, "wrong_pin": 0x15,
    "remove_card": 0x0B, "card_not_readable": 0x0C, "please_wait": 0x0E,
}

# Result code (BMP 27 / 06 1E) → (outcome, reason). Codes 01–63 come from the issuer.
RESULT_CODES: dict[int, tuple[str, str]] = {
    0x00: ("approved", ""),
    0x05: ("declined", "declined by issuer"),
    0x51: ("declined", "insufficient funds"),
    0x55: ("declined", "wrong PIN"),
    0x64: ("aborted", "card not readable or removed"),
    0x6C: ("aborted", "aborted by the citizen or the terminal's timeout"),
    0x6E: ("declined", "card blocked"),
    0x71: ("declined", "insufficient funds"),
    0x78: ("declined", "card expired"),
    0x7A: ("declined", "card unknown"),
    0x83: ("error", "function not possible"),
    0x9C: ("error", "terminal busy, please wait"),
    0xA3: ("error", "terminal has no host connection"),
    0xB4: ("error", "already reversed"),
    0xB5: ("error", "reversal not possible"),
    0xC2: ("error", "diagnosis required"),
    0xDE: ("aborted", "card removed"),
    0xFF: ("error", "system error"),
}

CARD_TYPES: dict[int, str] = {5: "girocard", 6: "Mastercard", 10: "Visa", 46: "Maestro",
                              12: "American Express"}


def outcome_of(code: int) -> tuple[str, str]:
    if code in RESULT_CODES:
        return RESULT_CODES[code]
    if 0x01 <= code <= 0x63:
        return "declined", f"declined by issuer (code {code:02X})"
    return "error", f"terminal error {code:02X}"


def _password(password: str) -> bytes:
    return bcd_encode(password, 3)


def registration(password: str) -> Apdu:
    data = _password(password) + bytes([REGISTRATION_CONFIG]) + bytes.fromhex(CURRENCY_EUR)
    return Apdu(0x06, 0x00, data + encode_bmps([("service_byte", 0x00)]))


def authorisation(amount_cents: int) -> Apdu:
    return Apdu(0x06, 0x01, encode_bmps([
        ("amount", str(amount_cents)), ("currency", CURRENCY_EUR)]))


def refund(password: str, amount_cents: int) -> Apdu:
    return Apdu(0x06, 0x31, _password(password) + encode_bmps([
        ("amount", str(amount_cents)), ("currency", CURRENCY_EUR)]))


def reversal(password: str, receipt_no: str) -> Apdu:
    return Apdu(0x06, 0x30, _password(password) + encode_bmps([("receipt_no", receipt_no)]))


def end_of_day(password: str) -> Apdu:
    return Apdu(0x06, 0x50, _password(password))


def status_enquiry(password: str) -> Apdu:
    return Apdu(0x05, 0x01, _password(password))


def repeat_receipt(password: str) -> Apdu:
    return Apdu(0x06, 0x20, _password(password))


def diagnosis() -> Apdu:
    return Apdu(0x06, 0x70)


def abort() -> Apdu:
    return Apdu(0x06, 0xB0)


def nack(code: int = 0x83) -> Apdu:
    return Apdu(0x84, code)


def split_password(apdu: Apdu) -> tuple[str, bytes]:
    """Commands that start with a 3-byte BCD password: (password, the rest)."""
    if len(apdu.data) < 3:
        raise ZvtProtocolError(f"{apdu.name}: password missing")
    return apdu.data[:3].hex(), apdu.data[3:]


@dataclass
class Transaction:
    """What the terminal said during one command, gathered as its messages arrive."""

    fields: dict[str, Any] = field(default_factory=dict)
    receipt_lines: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    finished: str = ""  # "completion" or "abort"
    abort_code: int | None = None

    def add_status_information(self, apdu: Apdu) -> None:
        self.fields.update(decode_bmps(apdu.data, "status information 04 0F"))

    @property
    def result_code(self) -> int | None:
        if self.abort_code is not None:
            return self.abort_code
        return self.fields.get("result_code")

    @property
    def amount_cents(self) -> int:
        return int(self.fields.get("amount", "0") or 0)

    @property
    def masked_pan(self) -> str:
        return mask_pan(self.fields.get("pan", ""))

    @property
    def card_type(self) -> str:
        if self.fields.get("card_name"):
            return str(self.fields["card_name"])
        code = self.fields.get("card_type")
        return CARD_TYPES.get(code, f"card type {code}") if code is not None else ""


def prompt_of(apdu: Apdu) -> str:
    if not apdu.data:
        raise ZvtProtocolError("intermediate status 04 FF without a status byte")
    return PROMPTS.get(apdu.data[0], f"status_{apdu.data[0]:02x}")


def print_line_text(apdu: Apdu) -> str:
    """06 D1: attribute byte, then the text."""
    if not apdu.data:
        raise ZvtProtocolError("print line 06 D1 without its attribute byte")
    return apdu.data[1:].decode("latin-1").rstrip()


def text_block_lines(apdu: Apdu) -> list[str]:
    """06 D3: a BMP 06 TLV container; the lines are the 07 elements (inside 25)."""
    fields = decode_bmps(apdu.data, "print text block 06 D3")
    items: tuple[Tlv, ...] = fields.get("tlv", ())
    return [bytes(t.value).decode("latin-1").rstrip() for t in find_tlv(items, 0x07)
            if isinstance(t.value, bytes)]


def text_block(lines: list[str]) -> Apdu:
    texts = tuple(Tlv(0x07, line.encode("latin-1", "replace")) for line in lines)
    return Apdu(0x06, 0xD3, encode_bmps([("tlv", (Tlv(0x1F07, b"\x01"), Tlv(0x25, texts)))]))


def tlv_of(apdu: Apdu) -> tuple[Tlv, ...]:
    return decode_tlv(apdu.data)


def amount_bytes(cents: int) -> bytes:
    return amount_to_bcd(cents)
