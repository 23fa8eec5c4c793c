from collections.abc import Callable

import pytest

from drivers.eid.apdu import EidSession
from drivers.eid.errors import CardError

Step = tuple[str, bytes, int]


class ScriptedTransport:
    """Answers a fixed script of (expected APDU hex, data, SW); fails on any deviation."""

    def __init__(self, script: list[Step]) -> None:
        self.script = list(script)
        self.sent: list[str] = []

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.sent.append(apdu.hex().upper())
        assert self.script, f"unexpected APDU {apdu.hex()}"
        expected, data, sw = self.script.pop(0)
        assert apdu.hex().upper() == expected.replace(" ", "")
        return data, sw


def session(script: list[Step], chunk: int = 0xFC) -> tuple[EidSession, ScriptedTransport]:
    transport = ScriptedTransport(script)
    return EidSession(transport, chunk), transport


SELECT_4031 = "00A4080C06 3F00DF014031"


def test_read_short_file_in_one_chunk():
    s, t = session([(SELECT_4031, b"", 0x9000), ("00B00000FC", b"A" * 100, 0x9000)])
    assert s.read_file(bytes.fromhex("3F00DF014031")) == b"A" * 100
    assert s.apdu_count == 2 and not t.script


def test_chunks_and_short_final_chunk():
    s, t = session([
        (SELECT_4031, b"", 0x9000),
        ("00B0000010", b"a" * 16, 0x9000),
        ("00B0001010", b"b" * 16, 0x9000),
        ("00B0002010", b"c" * 3, 0x9000),
    ], chunk=0x10)
    assert s.read_file(bytes.fromhex("3F00DF014031")) == b"a" * 16 + b"b" * 16 + b"ccc"
    assert not t.script


def test_exact_multiple_ends_with_6b00():
    s, t = session([
        (SELECT_4031, b"", 0x9000),
        ("00B0000010", b"a" * 16, 0x9000),
        ("00B0001010", b"", 0x6B00),
    ], chunk=0x10)
    assert s.read_file(bytes.fromhex("3F00DF014031")) == b"a" * 16
    assert not t.script


def test_6cxx_retries_with_exact_length():
    s, t = session([
        (SELECT_4031, b"", 0x9000),
        ("00B00000FC", b"", 0x6C80),
        ("00B0000080", b"z" * 0x80, 0x9000),
    ])
    assert s.read_file(bytes.fromhex("3F00DF014031")) == b"z" * 0x80
    assert not t.script


def test_61xx_get_response():
    s, _t = session([("80E400001C", b"", 0x611C), ("00C000001C", bytes(21) + b"\x17" + bytes(6),
                                                    0x9000)])
    info = s.get_card_data()
    assert info.applet_version == 0x17 and info.serial == bytes(16)
    assert s.apdu_count == 2


def test_applet_18_uses_long_card_data():
    short = bytes(21) + b"\x18" + bytes(6)
    s, t = session([("80E400001C", short, 0x9000), ("80E400011F", short + bytes(3), 0x9000)])
    assert s.get_card_data().applet_version == 0x18
    assert not t.script


def test_path_select_falls_back_to_file_by_file_and_remembers():
    s, t = session([
        (SELECT_4031, b"", 0x6A86),
        ("00A4020C02 3F00", b"", 0x9000),
        ("00A4020C02 DF01", b"", 0x9000),
        ("00A4020C02 4031", b"", 0x9000),
        ("00A4020C02 3F00", b"", 0x9000),
        ("00A4020C02 DF01", b"", 0x9000),
        ("00A4020C02 4032", b"", 0x9000),
    ])
    s.select_path(bytes.fromhex("3F00DF014031"))
    s.select_path(bytes.fromhex("3F00DF014032"))
    assert not t.script


@pytest.mark.parametrize(
    ("call", "script", "message"),
    [
        (lambda s: s.read_file(bytes.fromhex("3F00DF014031"), "identity file (4031)"),
         [(SELECT_4031, b"", 0x9000), ("00B00000FC", b"", 0x6982)],
         r"READ BINARY of identity file \(4031\) failed: APDU 00 B0 00 00 FC → SW 6982"),
        (lambda s: s.read_file(bytes.fromhex("3F00DF014031")),
         [(SELECT_4031, b"", 0x9000), ("00B00000FC", b"", 0x6B00)],
         r"APDU 00 B0 00 00 FC → SW 6B00"),
        (lambda s: s.select_path(bytes.fromhex("3F00DF014031")),
         [(SELECT_4031, b"", 0x6F00)], r"SELECT by path failed: APDU 00 A4 08 0C 06 → SW 6F00"),
        (lambda s: s.get_card_data(), [("80E400001C", b"", 0x6D00)],
         r"GET CARD DATA failed \(not a Belgian eID\?\): APDU 80 E4 00 00 1C → SW 6D00"),
        (lambda s: s.select_aid(b"\xa0\x00"), [("00A4040C02A000", b"", 0x6A82)],
         r"SELECT by AID failed"),
    ],
)
def test_unhandled_status_words_name_apdu_and_sw(
    call: Callable[[EidSession], object], script: list[Step], message: str
):
    s, _ = session(script)
    with pytest.raises(CardError, match=message):
        call(s)


def test_endless_get_response_is_bounded():
    class Endless:
        def transmit(self, apdu: bytes) -> tuple[bytes, int]:
            return b"x", 0x6101

    with pytest.raises(CardError, match="GET RESPONSE"):
        EidSession(Endless()).transmit(bytes.fromhex("80E400001C"))


def test_file_that_never_ends_is_bounded():
    class Endless:
        def transmit(self, apdu: bytes) -> tuple[bytes, int]:
            return (b"x" * apdu[4], 0x9000) if apdu[1] == 0xB0 else (b"", 0x9000)

    with pytest.raises(CardError, match="larger than"):
        EidSession(Endless()).read_file(bytes.fromhex("3F00DF014035"))


def test_chunk_size_is_validated():
    with pytest.raises(ValueError):
        EidSession(ScriptedTransport([]), chunk_size=0)
