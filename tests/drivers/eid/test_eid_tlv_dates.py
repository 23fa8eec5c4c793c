import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.eid.dates import (
    DateFormatError,
    format_birth_date,
    parse_birth_date,
    parse_dotted_date,
)
from drivers.eid.errors import CardDataError
from drivers.eid.tlv import encode_length, encode_tlv, parse_tlv


def test_parse_simple_fields_and_padding():
    data = bytes.fromhex("000101 0103414243 0200") + bytes(20)
    assert parse_tlv(data, "f") == {0x00: b"\x01", 0x01: b"ABC", 0x02: b""}


def test_length_ff_adds_next_byte():
    value = bytes(range(256)) + b"xyz"  # 259 bytes
    data = b"\x07" + b"\xff\x04" + value
    assert parse_tlv(data, "f") == {0x07: value}
    assert encode_length(259) == b"\xff\x04"
    assert encode_length(255) == b"\xff\x00"
    assert encode_length(600) == b"\xff\xff\x5a"


def test_first_occurrence_wins():
    assert parse_tlv(bytes.fromhex("0101410101 42"), "f") == {1: b"A"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes.fromhex("0105414243"), "tag 0x01 at offset 0 declares 5 bytes but only 3 remain"),
        (bytes.fromhex("000101 07"), "tag 0x07 at offset 3 has no length byte"),
        (bytes.fromhex("07ff"), "tag 0x07 at offset 0 has no length byte"),
    ],
)
def test_truncated_files_name_tag_and_offset(data, message):
    with pytest.raises(CardDataError, match=message):
        parse_tlv(data, "identity file (4031)")


@given(st.lists(st.tuples(st.integers(1, 0x1F), st.binary(max_size=600)), max_size=12))
def test_encode_parse_roundtrip(fields):
    expected: dict[int, bytes] = {}
    for tag, value in fields:
        expected.setdefault(tag, value)
    parsed = parse_tlv(encode_tlv(fields), "f")
    # A value of zeros at the very end is indistinguishable from padding only if the
    # tag and length are zero too; tags here start at 1, so everything survives.
    assert parsed == expected


@given(st.binary(max_size=2048))
def test_parse_tlv_never_raises_anything_else(data):
    with contextlib.suppress(CardDataError):
        parse_tlv(data, "f")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 JUIL 1985", date(1985, 7, 30)),
        ("14 MAAR 1979", date(1979, 3, 14)),
        ("14 MRT 1979", date(1979, 3, 14)),
        ("14 MÄR 1979", date(1979, 3, 14)),
        ("14 MÄRZ 1979", date(1979, 3, 14)),
        ("01 FÉV 2001", date(2001, 2, 1)),
        ("15 AOÛT 1960", date(1960, 8, 15)),
        ("3 DEZ 2010", date(2010, 12, 3)),
        ("07.OKT.1999", date(1999, 10, 7)),
        ("05 MEI 1970", date(1970, 5, 5)),
        ("14.03.1979", date(1979, 3, 14)),
    ],
)
def test_birth_date_spellings(text, expected):
    assert parse_birth_date(text) == expected


@pytest.mark.parametrize("text", ["", "1985", "31 FEB 1985", "12 FOO 1985", "JUIL 1985", "x"])
def test_bad_birth_dates(text):
    with pytest.raises(DateFormatError):
        parse_birth_date(text)


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_birth_date_format_roundtrip(language, value):
    assert parse_birth_date(format_birth_date(value, language)) == value


def test_dotted_dates():
    assert parse_dotted_date("15.03.2021") == date(2021, 3, 15)
    for bad in ("2021-03-15", "32.01.2020", "1.1.2020"):
        with pytest.raises(DateFormatError):
            parse_dotted_date(bad)


@given(st.text(max_size=40))
def test_date_parsers_raise_only_date_errors(text):
    for parser in (parse_birth_date, parse_dotted_date):
        with contextlib.suppress(DateFormatError):
            parser(text)
