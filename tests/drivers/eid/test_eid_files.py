import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.eid.model import Address, Identity
from drivers.eid.errors import CardDataError
from drivers.eid.files import encode_address, encode_identity, parse_address, parse_identity
from drivers.eid.tlv import encode_tlv

IDENTITY = Identity(
    card_number="591234567829", national_number="85073012434", surname="Dubois",
    first_names="Sophie Marie", nationality="Belge", birth_place="Bruxelles",
    birth_date=date(1985, 7, 30), sex="F", document_type="belgian_eid",
    issuing_municipality="Bruxelles", validity_begin=date(2021, 3, 15),
    validity_end=date(2031, 3, 15),
)


def identity_fields(**overrides: bytes) -> list[tuple[int, bytes]]:
    fields = {
        0x00: b"\x01", 0x01: b"591234567829", 0x02: bytes(range(16)), 0x03: b"15.03.2021",
        0x04: b"15.03.2031", 0x05: b"Bruxelles", 0x06: b"85073012434", 0x07: b"Dubois",
        0x08: b"Sophie Marie", 0x09: b"J", 0x0A: b"Belge", 0x0B: b"Bruxelles",
        0x0C: b"30 JUIL 1985", 0x0D: b"F", 0x0E: b"Baronne", 0x0F: b"1", 0x10: b"0",
        0x11: bytes(20), 0x12: b"02", 0x13: b"", 0x14: b"1", 0x15: b"", 0x16: b"",
        0x17: b"", 0x18: b"", 0x19: b"R-123", 0x1A: bytes(32), 0x1B: b"new", 0x1F: b"\x01",
    }
    for name, value in overrides.items():
        fields[int(name[1:], 16)] = value
    return sorted(fields.items())


def test_every_tag_parsed():
    parsed = parse_identity(encode_tlv(identity_fields()) + bytes(30))
    assert parsed.identity == IDENTITY
    extras = parsed.extras
    assert extras.chip_number == bytes(range(16))
    assert extras.third_initial == "J"
    assert extras.noble_condition == "Baronne"
    assert extras.special_status == "0"
    assert extras.photo_hash == bytes(20)
    assert extras.duplicata == "02"
    assert extras.member_of_family is True
    assert extras.regional_file_number == "R-123"
    assert extras.basic_key_hash == bytes(32)
    assert extras.raw == {0x1B: b"new", 0x1F: b"\x01"}


@pytest.mark.parametrize(("letter", "sex"), [(b"M", "M"), (b"F", "F"), (b"V", "F"), (b"W", "F")])
def test_sex_letters(letter, sex):
    assert parse_identity(encode_tlv(identity_fields(t0D=letter))).identity.sex == sex


@pytest.mark.parametrize(
    ("code", "name"),
    [(b"1", "belgian_eid"), (b"01", "belgian_eid"), (b"6", "kids_eid"),
     (b"11", "foreigner_a"), (b"15", "foreigner_e"), (b"31", "foreigner_eu"),
     (b"99", "type_99")],
)
def test_document_types(code, name):
    assert parse_identity(encode_tlv(identity_fields(t0F=code))).identity.document_type == name


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"t07": b"\xff\xfe"}, r"tag 0x07 is not valid UTF-8"),
        ({"t0C": b"31 FOO 1985"}, r"tag 0x0C \(birth date\): unknown month"),
        ({"t03": b"yesterday"}, r"tag 0x03 \(validity begin\)"),
        ({"t0D": b"X"}, r"tag 0x0D \(sex\)"),
        ({"t0F": b"eid"}, r"tag 0x0F \(document type\) is not a number"),
    ],
)
def test_bad_values_name_the_tag(overrides, message):
    with pytest.raises(CardDataError, match=message):
        parse_identity(encode_tlv(identity_fields(**overrides)))


def test_missing_tag():
    fields = [(t, v) for t, v in identity_fields() if t != 0x06]
    with pytest.raises(CardDataError, match=r"tag 0x06 \(national number\) is missing"):
        parse_identity(encode_tlv(fields))


def test_error_messages_never_quote_values():
    with pytest.raises(CardDataError) as info:
        parse_identity(encode_tlv(identity_fields(t0C=b"30 SECRETMONTH 1985")))
    assert "SECRET" not in str(info.value)


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_encode_parse_roundtrip(language):
    data = encode_identity(IDENTITY, language=language, chip_number=bytes(16),
                           photo_hash=bytes(32))
    assert parse_identity(data).identity == IDENTITY


def test_address():
    address = Address("Rue de la Loi 16", "1000", "Bruxelles")
    assert parse_address(encode_address(address) + bytes(50)) == address
    with pytest.raises(CardDataError, match=r"address file .* tag 0x02 \(zip\) is missing"):
        parse_address(encode_tlv([(0, b"\x01"), (1, b"x")]))


@given(st.binary(max_size=1024))
def test_fuzz_identity_and_address(data):
    for parser in (parse_identity, parse_address):
        with contextlib.suppress(CardDataError):
            parser(data)


@given(st.data())
def test_fuzz_mutated_identity(data):
    original = bytearray(encode_tlv(identity_fields()))
    for _ in range(data.draw(st.integers(1, 8))):
        index = data.draw(st.integers(0, len(original) - 1))
        original[index] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(original)))
    with contextlib.suppress(CardDataError):
        parse_identity(bytes(original[:cut]))


def test_the_card_states_its_language_by_month_spelling_or_sex_letter():
    from drivers.eid.dates import card_language

    assert card_language("30 JUIL 1985", "F") == "fr"
    assert card_language("14 MAAR 1979", "M") == "nl"
    assert card_language("14 JAN 1979", "V") == "nl"  # the Dutch female letter
    assert card_language("14 MÄR 1992", "W") == "de"
    assert card_language("14 NOV 1979", "M") == ""  # shared spelling: the card does not say
    assert card_language("14.11.1979", "M") == ""
