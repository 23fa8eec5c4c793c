"""The identity (4031) and address (4033) files: TLV fields → model, and back.

Errors name the file, the tag and what is wrong; they never quote a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from common.eid.model import Address, Identity, IdentityExtras
from drivers.eid.dates import (
    DateFormatError,
    card_language,
    format_birth_date,
    format_dotted_date,
    parse_birth_date,
    parse_dotted_date,
)
from drivers.eid.errors import CardDataError
from drivers.eid.tlv import encode_tlv, parse_tlv

IDENTITY_FILE = "identity file (4031)"
ADDRESS_FILE = "address file (4033)"

# Document type codes (tag 0x0F) → the name the kiosk uses. 11–31: residence documents
# of foreign nationals, named after the letter printed on the card.
DOCUMENT_TYPES: dict[int, str] = {
    1: "belgian_eid",
    6: "kids_eid",
    7: "bootstrap_card",
    8: "habilitation_card",
    11: "foreigner_a",
    12: "foreigner_b",
    13: "foreigner_c",
    14: "foreigner_d",
    15: "foreigner_e",
    16: "foreigner_e_plus",
    17: "foreigner_f",
    18: "foreigner_f_plus",
    19: "foreigner_h",
    20: "foreigner_i",
    21: "foreigner_j",
    22: "foreigner_m",
    23: "foreigner_n",
    27: "foreigner_k",
    28: "foreigner_l",
    31: "foreigner_eu",
}
_DOCUMENT_CODES = {name: code for code, name in DOCUMENT_TYPES.items()}

# Sex letters: M everywhere; F (FR), V (NL, vrouw), W (DE, weiblich).
_SEX = {"M": "M", "F": "F", "V": "F", "W": "F"}
_FEMALE_LETTER = {"fr": "F", "nl": "V", "de": "W"}

_KNOWN_TAGS = frozenset(range(0x00, 0x1B))
_REQUIRED = {
    0x01: "card number",
    0x03: "validity begin",
    0x04: "validity end",
    0x05: "issuing municipality",
    0x06: "national number",
    0x07: "surname",
    0x08: "first names",
    0x0A: "nationality",
    0x0B: "birth place",
    0x0C: "birth date",
    0x0D: "sex",
    0x0F: "document type",
}


@dataclass(frozen=True)
class IdentityFile:
    identity: Identity
    extras: IdentityExtras


def _text(fields: dict[int, bytes], tag: int, file_name: str) -> str:
    try:
        return fields.get(tag, b"").decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise CardDataError(
            f"{file_name}: tag 0x{tag:02X} is not valid UTF-8 (byte {exc.start})"
        ) from None


def _date(fields: dict[int, bytes], tag: int, what: str, birth: bool = False) -> date:
    text = _text(fields, tag, IDENTITY_FILE)
    try:
        return parse_birth_date(text) if birth else parse_dotted_date(text)
    except DateFormatError as exc:
        raise CardDataError(f"{IDENTITY_FILE}: tag 0x{tag:02X} ({what}): {exc}") from None


def document_type_name(code_text: str) -> str:
    """``"1"``/``"01"`` → ``"belgian_eid"``; unknown numeric codes → ``"type_NN"``."""
    if not code_text.isascii() or not code_text.isdigit():
        raise CardDataError(f"{IDENTITY_FILE}: tag 0x0F (document type) is not a number")
    code = int(code_text)
    return DOCUMENT_TYPES.get(code, f"type_{code:02d}")


def document_type_code(name: str) -> int:
    if name in _DOCUMENT_CODES:
        return _DOCUMENT_CODES[name]
    if name.startswith("type_") and name[5:].isdigit():
        return int(name[5:])
    raise ValueError(f"unknown document type {name!r}")


def parse_identity(data: bytes) -> IdentityFile:
    """Parse the identity file; raises :class:`CardDataError` on anything malformed."""
    fields = parse_tlv(data, IDENTITY_FILE)
    for tag, what in _REQUIRED.items():
        if tag not in fields:
            raise CardDataError(f"{IDENTITY_FILE}: tag 0x{tag:02X} ({what}) is missing")
    texts = {tag: _text(fields, tag, IDENTITY_FILE) for tag in fields if 0x01 <= tag <= 0x19
             and tag not in (0x02, 0x11)}
    sex_letter = texts[0x0D].upper()
    if sex_letter not in _SEX:
        raise CardDataError(f"{IDENTITY_FILE}: tag 0x0D (sex) is not one of M, F, V, W")
    identity = Identity(
        card_number=texts[0x01],
        national_number=texts[0x06],
        surname=texts[0x07],
        first_names=texts[0x08],
        nationality=texts[0x0A],
        birth_place=texts[0x0B],
        birth_date=_date(fields, 0x0C, "birth date", birth=True),
        sex=_SEX[sex_letter],
        document_type=document_type_name(texts[0x0F]),
        issuing_municipality=texts[0x05],
        validity_begin=_date(fields, 0x03, "validity begin"),
        validity_end=_date(fields, 0x04, "validity end"),
        card_language=card_language(texts[0x0C], sex_letter),
    )
    extras = IdentityExtras(
        chip_number=fields.get(0x02, b""),
        third_initial=texts.get(0x09, ""),
        noble_condition=texts.get(0x0E, ""),
        special_status=texts.get(0x10, ""),
        photo_hash=fields.get(0x11, b""),
        duplicata=texts.get(0x12, ""),
        special_organisation=texts.get(0x13, ""),
        member_of_family=bool(texts.get(0x14, "")),
        date_and_country_of_protection=texts.get(0x15, ""),
        work_permit=texts.get(0x16, ""),
        employer_vat_1=texts.get(0x17, ""),
        employer_vat_2=texts.get(0x18, ""),
        regional_file_number=texts.get(0x19, ""),
        basic_key_hash=fields.get(0x1A, b""),
        raw={tag: value for tag, value in fields.items() if tag not in _KNOWN_TAGS},
    )
    return IdentityFile(identity, extras)


def parse_address(data: bytes) -> Address:
    """Parse the address file; raises :class:`CardDataError` on anything malformed."""
    fields = parse_tlv(data, ADDRESS_FILE)
    for tag, what in ((0x01, "street and number"), (0x02, "zip"), (0x03, "municipality")):
        if tag not in fields:
            raise CardDataError(f"{ADDRESS_FILE}: tag 0x{tag:02X} ({what}) is missing")
    return Address(
        street=_text(fields, 0x01, ADDRESS_FILE),
        zip=_text(fields, 0x02, ADDRESS_FILE),
        municipality=_text(fields, 0x03, ADDRESS_FILE),
    )


def encode_identity(
    identity: Identity,
    *,
    language: str,
    chip_number: bytes,
    photo_hash: bytes,
    extra_fields: Sequence[tuple[int, bytes]] = (),
) -> bytes:
    """The identity file a card issued in ``language`` (fr/nl/de) would hold."""
    sex = identity.sex if identity.sex == "M" else _FEMALE_LETTER[language]

    def utf8(text: str) -> bytes:
        return text.encode("utf-8")

    fields = [
        (0x00, b"\x01"),
        (0x01, utf8(identity.card_number)),
        (0x02, chip_number),
        (0x03, utf8(format_dotted_date(identity.validity_begin))),
        (0x04, utf8(format_dotted_date(identity.validity_end))),
        (0x05, utf8(identity.issuing_municipality)),
        (0x06, utf8(identity.national_number)),
        (0x07, utf8(identity.surname)),
        (0x08, utf8(identity.first_names)),
        (0x0A, utf8(identity.nationality)),
        (0x0B, utf8(identity.birth_place)),
        (0x0C, utf8(format_birth_date(identity.birth_date, language))),
        (0x0D, utf8(sex)),
        (0x0F, utf8(f"{document_type_code(identity.document_type):d}")),
        (0x11, photo_hash),
        *extra_fields,
    ]
    return encode_tlv(sorted(fields, key=lambda item: item[0]))


def encode_address(address: Address) -> bytes:
    return encode_tlv([
        (0x00, b"\x01"),
        (0x01, address.street.encode("utf-8")),
        (0x02, address.zip.encode("utf-8")),
        (0x03, address.municipality.encode("utf-8")),
    ])
