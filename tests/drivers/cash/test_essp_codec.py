"""eSSP framing, encryption and poll parsing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.cash.essp.crypto import EsspCipher, KeyExchange, aes_key, is_prime
from drivers.cash.essp.events import encode_event, parse_poll
from drivers.cash.essp.frame import EsspProtocolError, Frame, crc16, decode_frame, encode_frame


def test_the_sync_frame_is_byte_exact():
    assert encode_frame(Frame(True, 0, b"\x11")) == bytes.fromhex("7F 80 01 11 65 82")
    assert decode_frame(bytes.fromhex("7F 80 01 11 65 82")) == Frame(True, 0, b"\x11")
    assert crc16(b"\x80\x01\x11") == 0x8265


def test_7f_after_the_stx_is_doubled_including_in_the_crc():
    frame = Frame(False, 0, b"\x7f\x01\x7f")
    wire = encode_frame(frame)
    assert wire.count(b"\x7f\x7f") >= 2
    assert decode_frame(wire) == frame
    for data in (bytes([i]) for i in range(256)):  # some CRC bytes are 7F too
        assert decode_frame(encode_frame(Frame(True, 3, data))).data == data


@pytest.mark.parametrize(("raw", "reason"), [
    (bytes.fromhex("7F 80 01 11 65 83"), "byte 6: bad CRC"),
    (bytes.fromhex("00 80"), "expected STX 7F, got 00"),
    (bytes.fromhex("7F 80 02 7F 01"), "lone 7F"),
    (bytes.fromhex("7F 80 01"), "cut after 3 bytes"),
    (bytes.fromhex("7F 80 01 11 65 82 00"), "1 stray bytes"),
])
def test_bad_frames_say_what_and_where(raw, reason):
    with pytest.raises(EsspProtocolError, match=reason):
        decode_frame(raw)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_fuzzed_frames_fail_only_with_protocol_errors(raw):
    try:
        decode_frame(raw)
    except EsspProtocolError as exc:
        assert str(exc)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=255), st.booleans(), st.integers(0, 0x7D))
def test_any_frame_round_trips(data, seq, address):
    assert decode_frame(encode_frame(Frame(seq, address, data))) == Frame(seq, address, data)


def test_key_exchange_agrees_and_packets_round_trip_with_counters():
    host = KeyExchange()
    device = KeyExchange(host.generator, host.modulus)
    assert is_prime(host.generator) and is_prime(host.modulus)
    key = host.key(device.intermediate)
    assert key == device.key(host.intermediate)
    host_side, device_side = EsspCipher(aes_key(key)), EsspCipher(aes_key(key))
    packet = host_side.wrap(b"\x33\x10\x27\x00\x00EUR\x19")
    assert packet[0] == 0x7E and (len(packet) - 1) % 16 == 0
    assert device_side.unwrap(packet) == b"\x33\x10\x27\x00\x00EUR\x19"
    assert host_side.unwrap(device_side.wrap(b"\xf0")) == b"\xf0"
    with pytest.raises(EsspProtocolError, match="eCOUNT 0, expected 2"):
        host_side.unwrap(packet)  # a replayed packet


def test_the_aes_key_is_the_fixed_key_then_the_negotiated_one_little_endian():
    assert aes_key(1) == bytes.fromhex("6745230167452301") + bytes.fromhex("0100000000000000")


def test_a_wrong_key_is_a_clear_error():
    packet = EsspCipher(aes_key(1)).wrap(b"\x07")
    with pytest.raises(EsspProtocolError, match="bad eCRC"):
        EsspCipher(aes_key(2)).unwrap(packet)


def test_poll_events_parse_from_the_table():
    reply = (b"\xf0" + encode_event("credit", channel=2) + b"\xe9"
             + encode_event("dispensed", value=250)
             + encode_event("incomplete_payout", value=100, requested=300))
    events = parse_poll(reply)
    assert [(e.kind, e.detail, e.channel, e.value, e.requested) for e in events] == [
        ("credit", "", 2, 0, 0), ("jam", "safe", 0, 0, 0), ("dispensed", "", 0, 250, 0),
        ("incomplete_payout", "", 0, 100, 300)]


@pytest.mark.parametrize(("reply", "reason"), [
    (b"\xf0\x42", "unknown event 42 at offset 1"),
    (b"\xf0\xee", "credit event at offset 2 needs 1 bytes"),
    (b"\xf0\xd2\x01\x00", "dispensed event at offset 3 needs 7 bytes"),
    (b"\xf5", "does not start with F0"),
])
def test_bad_poll_replies_say_what_and_where(reply, reason):
    with pytest.raises(EsspProtocolError, match=reason):
        parse_poll(reply)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40))
def test_fuzzed_poll_replies_fail_only_with_protocol_errors(raw):
    try:
        parse_poll(b"\xf0" + raw)
    except EsspProtocolError as exc:
        assert str(exc)
