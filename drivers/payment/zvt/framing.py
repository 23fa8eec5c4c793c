"""ZVT serial framing: ``DLE STX`` APDU ``DLE ETX`` CRC-L CRC-H.

A DLE (0x10) inside the APDU is sent twice. The CRC is CRC-16/CCITT in its reflected
form (poly 0x8408, init 0 — "KERMIT") over the unstuffed APDU plus the ETX byte, low
byte first.
"""

from __future__ import annotations

from drivers.payment.zvt.errors import ZvtProtocolError

DLE, STX, ETX = 0x10, 0x02, 0x03
ACK_BYTE, NAK_BYTE = b"\x06", b"\x15"


def _table() -> list[int]:
    table = []
    for i in range(256):
        crc = i
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8408 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_TABLE = _table()


def crc_ccitt(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc = (crc >> 8) ^ _TABLE[(crc ^ byte) & 0xFF]
    return crc


def encode_frame(apdu: bytes) -> bytes:
    crc = crc_ccitt(apdu + bytes([ETX]))
    body = apdu.replace(bytes([DLE]), bytes([DLE, DLE]))
    return bytes([DLE, STX]) + body + bytes([DLE, ETX, crc & 0xFF, crc >> 8])


class SerialFrameReader:
    """Feed bytes one at a time; returns the APDU when a whole, valid frame is in.

    Raises :class:`ZvtProtocolError` naming the byte position on anything else.
    """

    def __init__(self) -> None:
        self._state = "idle"
        self._body = bytearray()
        self._crc = bytearray()
        self.position = 0

    @property
    def started(self) -> bool:
        return self._state != "idle"

    def feed(self, byte: int) -> bytes | None:
        self.position += 1
        where = f"serial frame byte {self.position}"
        state = self._state
        if state == "idle":
            if byte != DLE:
                raise ZvtProtocolError(f"{where}: expected DLE to start a frame, got {byte:02X}")
            self._state = "stx"
        elif state == "stx":
            if byte != STX:
                raise ZvtProtocolError(f"{where}: expected STX after DLE, got {byte:02X}")
            self._state = "body"
        elif state == "body":
            if byte == DLE:
                self._state = "dle"
            else:
                self._body.append(byte)
        elif state == "dle":
            if byte == DLE:
                self._body.append(DLE)
                self._state = "body"
            elif byte == ETX:
                self._state = "crc"
            else:
                raise ZvtProtocolError(f"{where}: DLE followed by {byte:02X} inside a frame")
        else:
            self._crc.append(byte)
            if len(self._crc) == 2:
                got = self._crc[0] | self._crc[1] << 8
                want = crc_ccitt(bytes(self._body) + bytes([ETX]))
                if got != want:
                    raise ZvtProtocolError(
                        f"{where}: bad CRC {got:04X}, expected {want:04X}")
                if len(self._body) < 3:
                    raise ZvtProtocolError(f"{where}: frame holds only {len(self._body)} bytes")
                return bytes(self._body)
        return None


def decode_frame(raw: bytes) -> bytes:
    """Exactly one frame in ``raw`` → its APDU bytes."""
    reader = SerialFrameReader()
    for index, byte in enumerate(raw):
        apdu = reader.feed(byte)
        if apdu is not None:
            if index != len(raw) - 1:
                raise ZvtProtocolError(
                    f"serial frame: {len(raw) - index - 1} stray bytes after the CRC")
            return apdu
    raise ZvtProtocolError(f"serial frame cut after {len(raw)} bytes")
