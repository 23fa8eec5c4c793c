"""SSP framing: ``7F | SEQ/ID | LEN | DATA | CRCL CRCH``.

CRC-16 with poly 0x8005 and seed 0xFFFF (MSB-first shift) over SEQ/ID, LEN and DATA,
sent low byte first. Any 0x7F after the STX is doubled on the wire. Bit 7 of SEQ/ID
toggles with each new command; a repeated command keeps it, so the device can tell a
retry from a new request.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.errors import DeviceError

STX = 0x7F


class EsspProtocolError(DeviceError):
    """Bytes from (or for) the device break the SSP rules; the message says what and where."""


def crc16(data: bytes, seed: int = 0xFFFF) -> int:
    crc = seed
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x8005) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


@dataclass(frozen=True)
class Frame:
    seq: bool
    address: int
    data: bytes


def encode_frame(frame: Frame) -> bytes:
    if not 0 <= frame.address <= 0x7D:
        raise EsspProtocolError(f"SSP address {frame.address} out of range 0..125")
    if len(frame.data) > 255:
        raise EsspProtocolError(f"SSP data of {len(frame.data)} bytes exceeds 255")
    body = bytes([(0x80 if frame.seq else 0) | frame.address, len(frame.data)]) + frame.data
    crc = crc16(body)
    body += bytes([crc & 0xFF, crc >> 8])
    return bytes([STX]) + body.replace(b"\x7f", b"\x7f\x7f")


class FrameReader:
    """Feed bytes; returns a :class:`Frame` once one is complete and its CRC checks.

    Raises :class:`EsspProtocolError` (with the byte position) on a bad CRC, a lone
    0x7F inside a frame, or bytes before the STX.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self._started = False
        self._escape = False
        self.position = 0

    @property
    def started(self) -> bool:
        return self._started

    def feed(self, byte: int) -> Frame | None:
        self.position += 1
        where = f"SSP byte {self.position}"
        if not self._started:
            if byte != STX:
                raise EsspProtocolError(f"{where}: expected STX 7F, got {byte:02X}")
            self._started = True
            return None
        if self._escape:
            self._escape = False
            if byte != STX:
                raise EsspProtocolError(
                    f"{where}: lone 7F inside a frame (followed by {byte:02X})")
            self._buf.append(STX)
        elif byte == STX:
            self._escape = True
            return None
        else:
            self._buf.append(byte)
        buf = self._buf
        if len(buf) >= 2 and len(buf) == buf[1] + 4:
            got = buf[-2] | buf[-1] << 8
            want = crc16(bytes(buf[:-2]))
            if got != want:
                raise EsspProtocolError(f"{where}: bad CRC {got:04X}, expected {want:04X}")
            return Frame(bool(buf[0] & 0x80), buf[0] & 0x7F, bytes(buf[2:-2]))
        return None


def decode_frame(raw: bytes) -> Frame:
    """Exactly one frame in ``raw``."""
    reader = FrameReader()
    for index, byte in enumerate(raw):
        frame = reader.feed(byte)
        if frame is not None:
            if index != len(raw) - 1:
                raise EsspProtocolError(
                    f"SSP frame: {len(raw) - index - 1} stray bytes after the CRC")
            return frame
    raise EsspProtocolError(f"SSP frame cut after {len(raw)} bytes")
