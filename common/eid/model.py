"""What an eID card holds once read. Personal fields are kept out of ``repr`` so a
stray log line or traceback never prints them in clear."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Address:
    street: str = field(repr=False)
    zip: str = field(repr=False)
    municipality: str = field(repr=False)


@dataclass(frozen=True)
class Identity:
    card_number: str = field(repr=False)
    national_number: str = field(repr=False)
    surname: str = field(repr=False)
    first_names: str = field(repr=False)
    nationality: str = field(repr=False)
    birth_place: str = field(repr=False)
    birth_date: date = field(repr=False)
    sex: str = field(repr=False)
    document_type: str
    issuing_municipality: str = field(repr=False)
    validity_begin: date
    validity_end: date
    # The language the card is written in ("fr", "nl", "de"; "" when the card does not
    # tell): the birth date's month spelling and the sex letter give it away. Derived,
    # so it takes no part in comparing two identities.
    card_language: str = field(default="", compare=False)


@dataclass(frozen=True)
class Verification:
    """Which genuineness checks passed; ``None`` means the check could not be run."""

    photo_hash: bool | None = None
    identity_signature: bool | None = None
    address_signature: bool | None = None

    @property
    def all_passed(self) -> bool:
        return bool(self.photo_hash and self.identity_signature and self.address_signature)


@dataclass(frozen=True)
class EidCardData:
    identity: Identity
    address: Address
    photo: bytes = field(repr=False)
    verification: Verification = field(default_factory=Verification)
    extras: IdentityExtras | None = field(default=None, repr=False)
    card_info: CardInfo | None = None


@dataclass(frozen=True)
class CardEvent:
    """A card was inserted into or removed from ``reader``."""

    kind: str  # "inserted" | "removed"
    reader: str


@dataclass(frozen=True)
class IdentityExtras:
    """The identity-file fields beyond :class:`Identity`; unknown tags kept raw."""

    chip_number: bytes = field(default=b"", repr=False)
    third_initial: str = field(default="", repr=False)
    noble_condition: str = field(default="", repr=False)
    special_status: str = ""
    photo_hash: bytes = field(default=b"", repr=False)
    duplicata: str = ""
    special_organisation: str = ""
    member_of_family: bool = False
    date_and_country_of_protection: str = field(default="", repr=False)
    work_permit: str = field(default="", repr=False)
    employer_vat_1: str = field(default="", repr=False)
    employer_vat_2: str = field(default="", repr=False)
    regional_file_number: str = field(default="", repr=False)
    basic_key_hash: bytes = field(default=b"", repr=False)
    raw: dict[int, bytes] = field(default_factory=dict, repr=False)  # tags 0x1B–0x1F, unknown


@dataclass(frozen=True)
class CardInfo:
    """From GET CARD DATA: the chip serial and the applet version (0x11, 0x17, 0x18…)."""

    serial: bytes = field(default=b"", repr=False)
    applet_version: int = 0
