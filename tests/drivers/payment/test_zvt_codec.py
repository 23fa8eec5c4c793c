"""The ZVT codec: APDUs, BMPs, TLV and serial frames, round trips and refusals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.payment.zvt import messages as msg
from drivers.payment.zvt.codec import (
    Apdu,
    Tlv,
    decode_apdu,
    decode_bmps,
    decode_tlv,
    encode_apdu,
    encode_bmps,
    encode_tlv,
    mask_pan,
)
from drivers.payment.zvt.errors import ZvtProtocolError
from drivers.payment.zvt.framing import crc_ccitt, decode_frame, encode_frame


def test_authorisation_apdu_is_byte_exact():
    raw = encode_apdu(msg.authorisation(500))
    assert raw.hex(" ") == "06 01 0a 04 00 00 00 00 05 00 49 09 78"


def test_long_apdus_use_the_ff_length_little_endian():
    apdu = Apdu(0x06, 0xD3, bytes(300))
    raw = encode_apdu(apdu)
    assert raw[:5] == bytes([0x06, 0xD3, 0xFF, 0x2C, 0x01])
    assert decode_apdu(raw) == apdu


def test_status_information_round_trips_through_the_table():
    fields = [("result_code", 0), ("amount", "1234"), ("trace", "000042"),
              ("pan", "6703EEEEEEEE1234"), ("terminal_id", "52500001"),
              ("auth_code", "A1B2C3"), ("receipt_no", "0007"), ("card_name", "Bancontact")]
    decoded = decode_bmps(encode_bmps(fields))
    assert decoded == {"result_code": 0, "amount": "000000001234", "trace": "000042",
                       "pan": "6703EEEEEEEE1234", "terminal_id": "52500001",
                       "auth_code": "A1B2C3", "receipt_no": "0007", "card_name": "Bancontact"}


def test_odd_pans_are_padded_with_f_and_masked_to_the_last_four():
    decoded = decode_bmps(encode_bmps([("pan", "6703EEEEEEEEE1234")]))
    assert decoded["pan"] == "6703EEEEEEEEE1234"
    assert mask_pan(decoded["pan"]) == "*************1234"
    assert mask_pan("5413330089010434") == "************0434"  # even a clear PAN


def test_tlv_nests_and_uses_multi_byte_tags_and_lengths():
    items = (Tlv(0x1F07, b"\x01"), Tlv(0x25, tuple(Tlv(0x07, b"x" * 100) for _ in range(3))))
    raw = encode_tlv(items)
    assert decode_tlv(raw) == items
    assert msg.text_block_lines(msg.text_block(["A", "B"])) == ["A", "B"]


@pytest.mark.parametrize(("raw", "reason"), [
    (bytes([0x99, 1]), "unknown BMP 99 at offset 0"),
    (bytes([0x04, 0, 0]), "BMP 04 at offset 0: needs 6 bytes, 2 left"),
    (bytes([0x22, 0xF1]), "variable length cut"),
    (bytes([0x22, 0x12, 0x34]), "bad length byte 12"),
    (bytes([0x0B, 0x12, 0x3A, 0x00]), "not BCD"),
])
def test_bad_bmps_say_what_and_where(raw, reason):
    with pytest.raises(ZvtProtocolError, match=reason):
        decode_bmps(raw)


def test_crc_is_ccitt_kermit_and_dle_is_doubled():
    assert crc_ccitt(b"123456789") == 0x2189  # the CRC-16/KERMIT check value
    apdu = bytes([0x06, 0x01, 0x01, 0x10])
    frame = encode_frame(apdu)
    assert frame[:2] == b"\x10\x02" and frame[-4:-2] == b"\x10\x03"
    assert b"\x10\x10" in frame
    crc = crc_ccitt(apdu + b"\x03")
    assert frame[-2:] == bytes([crc & 0xFF, crc >> 8])
    assert decode_frame(frame) == apdu


def test_a_bad_serial_crc_names_the_byte():
    frame = bytearray(encode_frame(bytes([0x80, 0x00, 0x00])))
    frame[-1] ^= 0xFF
    with pytest.raises(ZvtProtocolError, match="byte 9: bad CRC"):
        decode_frame(bytes(frame))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_fuzzed_serial_frames_fail_only_with_protocol_errors(raw):
    try:
        decode_frame(raw)
    except ZvtProtocolError as exc:
        assert str(exc)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_fuzzed_apdus_and_bmps_fail_only_with_protocol_errors(raw):
    for decode in (decode_apdu, decode_bmps, decode_tlv):
        try:
            decode(raw)
        except ZvtProtocolError as exc:
            assert str(exc)


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=3, max_size=300))
def test_any_apdu_survives_a_serial_frame(data):
    assert decode_frame(encode_frame(data)) == data


def test_result_codes_map_to_outcomes():
    assert msg.outcome_of(0x00)[0] == "approved"
    assert msg.outcome_of(0x6C)[0] == "aborted"
    assert msg.outcome_of(0x33)[0] == "declined"
    assert msg.outcome_of(0xEE)[0] == "error"
