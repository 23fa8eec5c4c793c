"""The one ZVT codec: APDUs, bitmaps (BMPs) and TLV containers, all driven by tables.

Messages are never parsed by hand: a message's data is a run of BMPs, each described by
one row of :data:`BMP_TABLE` (fixed BCD/binary/ASCII, LL/LLL-variable, or a TLV
container). Adding a field means adding a row, not code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from drivers.payment.zvt.errors import ZvtProtocolError

ACK = bytes([0x80, 0x00, 0x00])

COMMAND_NAMES: dict[tuple[int, int], str] = {
    (0x06, 0x00): "registration", (0x06, 0x01): "authorisation", (0x06, 0x02): "log off",
    (0x06, 0x0F): "completion", (0x06, 0x1E): "abort (terminal)", (0x06, 0x20): "repeat receipt",
    (0x06, 0x30): "reversal", (0x06, 0x31): "refund", (0x06, 0x50): "end of day",
    (0x06, 0x70): "diagnosis", (0x06, 0xB0): "abort (ECR)", (0x06, 0xD1): "print line",
    (0x06, 0xD3): "print text block", (0x05, 0x01): "status enquiry",
    (0x04, 0x0F): "status information", (0x04, 0xFF): "intermediate status",
    (0x80, 0x00): "ACK", (0x84, 0x00): "NACK",
}


@dataclass(frozen=True)
class Apdu:
    """CLASS INSTR DATA; the length is the codec's business."""

    cls: int
    instr: int
    data: bytes = b""

    @property
    def name(self) -> str:
        if self.cls == 0x84:
            return f"NACK {self.instr:02X}"
        return COMMAND_NAMES.get((self.cls, self.instr), f"{self.cls:02X} {self.instr:02X}")

    def is_ack(self) -> bool:
        return self.cls == 0x80 and self.instr == 0x00

    def is_nack(self) -> bool:
        return self.cls == 0x84


def encode_apdu(apdu: Apdu) -> bytes:
    """CLASS INSTR LEN DATA; LEN = FF announces a 2-byte little-endian length."""
    size = len(apdu.data)
    if size > 0xFFFF:
        raise ZvtProtocolError(f"{apdu.name}: {size} data bytes do not fit in one APDU")
    head = bytes([apdu.cls, apdu.instr])
    length = bytes([size]) if size < 0xFF else b"\xff" + size.to_bytes(2, "little")
    return head + length + apdu.data


def apdu_header_length(header: bytes) -> tuple[int, int]:
    """From the first 3 bytes: (extra length bytes still to read, data length or -1)."""
    if header[2] == 0xFF:
        return 2, -1
    return 0, header[2]


def decode_apdu(raw: bytes) -> Apdu:
    """Exactly one APDU in ``raw``; anything short, long or inconsistent is refused."""
    if len(raw) < 3:
        raise ZvtProtocolError(f"APDU too short: {len(raw)} bytes, need at least 3")
    offset = 3
    size = raw[2]
    if size == 0xFF:
        if len(raw) < 5:
            raise ZvtProtocolError("APDU with extended length is cut before its 2 length bytes")
        size = int.from_bytes(raw[3:5], "little")
        offset = 5
    if len(raw) != offset + size:
        raise ZvtProtocolError(
            f"APDU {raw[0]:02X} {raw[1]:02X}: length says {size} data bytes, "
            f"got {len(raw) - offset}"
        )
    return Apdu(raw[0], raw[1], bytes(raw[offset:]))


# --- BCD helpers -------------------------------------------------------------------

def bcd_encode(digits: str, size: int) -> bytes:
    """``"500"``, 6 → ``00 00 00 00 05 00``."""
    if not digits.isdigit() or len(digits) > size * 2:
        raise ZvtProtocolError(f"{digits!r} is not a number of at most {size * 2} digits")
    return bytes.fromhex(digits.rjust(size * 2, "0"))


def bcd_decode(raw: bytes, where: str) -> str:
    text = raw.hex()
    if not text.isdigit():
        raise ZvtProtocolError(f"{where}: {raw.hex(' ')} is not BCD")
    return text


def amount_to_bcd(cents: int) -> bytes:
    if cents < 0:
        raise ZvtProtocolError(f"amount must not be negative, got {cents}")
    return bcd_encode(str(cents), 6)


# --- TLV (BER tags and lengths, as in BMP 06) ---------------------------------------

@dataclass(frozen=True)
class Tlv:
    """One TLV element; constructed tags hold a tuple of children."""

    tag: int
    value: bytes | tuple[Tlv, ...]


def _tag_bytes(tag: int) -> bytes:
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def _is_constructed(tag: int) -> bool:
    return bool(_tag_bytes(tag)[0] & 0x20)


def encode_ber_length(size: int) -> bytes:
    if size < 0x80:
        return bytes([size])
    if size <= 0xFF:
        return bytes([0x81, size])
    if size <= 0xFFFF:
        return b"\x82" + size.to_bytes(2, "big")
    raise ZvtProtocolError(f"TLV length {size} too large")


def decode_ber_length(raw: bytes, pos: int, where: str) -> tuple[int, int]:
    if pos >= len(raw):
        raise ZvtProtocolError(f"{where}: length missing at offset {pos}")
    first = raw[pos]
    if first < 0x80:
        return first, pos + 1
    count = first & 0x7F
    if count not in (1, 2) or pos + 1 + count > len(raw):
        raise ZvtProtocolError(f"{where}: bad length byte {first:02X} at offset {pos}")
    return int.from_bytes(raw[pos + 1:pos + 1 + count], "big"), pos + 1 + count


def encode_tlv(items: Iterable[Tlv]) -> bytes:
    out = bytearray()
    for item in items:
        body = encode_tlv(item.value) if isinstance(item.value, tuple) else item.value
        out += _tag_bytes(item.tag) + encode_ber_length(len(body)) + body
    return bytes(out)


def decode_tlv(raw: bytes, where: str = "TLV") -> tuple[Tlv, ...]:
    items: list[Tlv] = []
    pos = 0
    while pos < len(raw):
        start = pos
        tag = raw[pos]
        pos += 1
        if tag & 0x1F == 0x1F:  # multi-byte tag: continuation bytes carry bit 8
            while True:
                if pos >= len(raw):
                    raise ZvtProtocolError(f"{where}: tag cut at offset {start}")
                tag = (tag << 8) | raw[pos]
                pos += 1
                if not raw[pos - 1] & 0x80:
                    break
                if pos - start > 4:
                    raise ZvtProtocolError(f"{where}: tag too long at offset {start}")
        size, pos = decode_ber_length(raw, pos, where)
        if pos + size > len(raw):
            raise ZvtProtocolError(
                f"{where}: tag {tag:X} at offset {start} wants {size} bytes, "
                f"{len(raw) - pos} left"
            )
        body = raw[pos:pos + size]
        pos += size
        value: bytes | tuple[Tlv, ...] = (
            decode_tlv(body, f"{where}/{tag:X}") if _is_constructed(tag) else bytes(body)
        )
        items.append(Tlv(tag, value))
    return tuple(items)


def find_tlv(items: Iterable[Tlv], tag: int) -> list[Tlv]:
    """Every element with ``tag``, searched depth-first."""
    found: list[Tlv] = []
    for item in items:
        if item.tag == tag:
            found.append(item)
        if isinstance(item.value, tuple):
            found.extend(find_tlv(item.value, tag))
    return found


# --- BMPs ---------------------------------------------------------------------------

@dataclass(frozen=True)
class BmpSpec:
    """One row of the BMP table. ``kind``: bcd/bin/ascii (fixed ``size``), llvar,
    lllvar (raw bytes), llvar_bcd (hex digits, E = masked, F = pad), llvar_ascii, tlv."""

    tag: int
    name: str
    kind: str
    size: int = 0


BMP_TABLE: dict[int, BmpSpec] = {s.tag: s for s in (
    BmpSpec(0x01, "timeout", "bin", 1),
    BmpSpec(0x02, "max_status_infos", "bin", 1),
    BmpSpec(0x03, "service_byte", "bin", 1),
    BmpSpec(0x04, "amount", "bcd", 6),
    BmpSpec(0x05, "pump_number", "bin", 1),
    BmpSpec(0x06, "tlv", "tlv"),
    BmpSpec(0x0B, "trace", "bcd", 3),
    BmpSpec(0x0C, "time", "bcd", 3),
    BmpSpec(0x0D, "date", "bcd", 2),
    BmpSpec(0x0E, "expiry", "bcd", 2),
    BmpSpec(0x17, "card_sequence", "bcd", 2),
    BmpSpec(0x19, "payment_type", "bin", 1),
    BmpSpec(0x22, "pan", "llvar_bcd"),
    BmpSpec(0x23, "track2", "llvar"),
    BmpSpec(0x24, "track3", "lllvar"),
    BmpSpec(0x27, "result_code", "bin", 1),
    BmpSpec(0x29, "terminal_id", "bcd", 4),
    BmpSpec(0x2A, "vu_number", "ascii", 15),
    BmpSpec(0x2D, "track1", "llvar"),
    BmpSpec(0x37, "original_trace", "bcd", 3),
    BmpSpec(0x3A, "cvv", "bcd", 2),
    BmpSpec(0x3B, "auth_code", "ascii", 8),
    BmpSpec(0x3C, "additional_text", "lllvar"),
    BmpSpec(0x3D, "password", "bcd", 3),
    BmpSpec(0x49, "currency", "bcd", 2),
    BmpSpec(0x60, "totals", "lllvar"),
    BmpSpec(0x87, "receipt_no", "bcd", 2),
    BmpSpec(0x88, "turnover_no", "bcd", 3),
    BmpSpec(0x8A, "card_type", "bin", 1),
    BmpSpec(0x8B, "card_name", "llvar_ascii"),
    BmpSpec(0x8C, "card_type_id", "bin", 1),
    BmpSpec(0x9A, "geldkarte", "lllvar"),
    BmpSpec(0xA0, "result_code_as", "bin", 1),
    BmpSpec(0xA7, "chip_data", "llvar"),
    BmpSpec(0xAF, "emv_data", "lllvar"),
    BmpSpec(0xBA, "aid_parameter", "bin", 5),
)}
BMP_BY_NAME: dict[str, BmpSpec] = {s.name: s for s in BMP_TABLE.values()}


def _var_length(raw: bytes, pos: int, digits: int, where: str) -> tuple[int, int]:
    if pos + digits > len(raw):
        raise ZvtProtocolError(f"{where}: variable length cut at offset {pos}")
    size = 0
    for i in range(digits):
        byte = raw[pos + i]
        if byte & 0xF0 != 0xF0 or byte & 0x0F > 9:
            raise ZvtProtocolError(f"{where}: bad length byte {byte:02X} at offset {pos + i}")
        size = size * 10 + (byte & 0x0F)
    return size, pos + digits


def _encode_var_length(size: int, digits: int) -> bytes:
    if size >= 10 ** digits:
        raise ZvtProtocolError(f"{size} bytes do not fit a {'L' * digits}VAR")
    return bytes(0xF0 | int(d) for d in str(size).rjust(digits, "0"))


def _encode_value(spec: BmpSpec, value: Any) -> bytes:
    kind = spec.kind
    if kind == "bcd":
        return bcd_encode(str(value), spec.size)
    if kind == "bin":
        raw = bytes([value]) if isinstance(value, int) else bytes(value)
        if len(raw) != spec.size:
            raise ZvtProtocolError(f"BMP {spec.name} needs {spec.size} bytes, got {len(raw)}")
        return raw
    if kind == "ascii":
        return str(value).encode("ascii")[:spec.size].ljust(spec.size, b"\x00")
    if kind == "tlv":
        body = encode_tlv(value)
        return encode_ber_length(len(body)) + body
    if kind == "llvar_bcd":
        text = str(value)
        text += "F" * (len(text) % 2)
        body = bytes.fromhex(text)
        return _encode_var_length(len(body), 2) + body
    body = value.encode("ascii") if isinstance(value, str) else bytes(value)
    return _encode_var_length(len(body), 3 if kind == "lllvar" else 2) + body


def encode_bmps(fields: Iterable[tuple[str, Any]]) -> bytes:
    """``[("amount", "500"), ("currency", "0978")]`` → BMP bytes, in the given order."""
    out = bytearray()
    for name, value in fields:
        spec = BMP_BY_NAME.get(name)
        if spec is None:
            raise ZvtProtocolError(f"no BMP named {name!r}")
        out.append(spec.tag)
        out += _encode_value(spec, value)
    return bytes(out)


def decode_bmps(raw: bytes, where: str = "BMPs") -> dict[str, Any]:
    """BMP bytes → ``{name: value}``; an unknown tag or a cut field raises with its offset."""
    fields: dict[str, Any] = {}
    pos = 0
    while pos < len(raw):
        tag = raw[pos]
        spec = BMP_TABLE.get(tag)
        here = f"{where}: BMP {tag:02X} at offset {pos}"
        if spec is None:
            raise ZvtProtocolError(f"{where}: unknown BMP {tag:02X} at offset {pos}")
        pos += 1
        if spec.kind == "tlv":
            size, pos = decode_ber_length(raw, pos, here)
        elif spec.kind in ("llvar", "llvar_bcd", "llvar_ascii"):
            size, pos = _var_length(raw, pos, 2, here)
        elif spec.kind == "lllvar":
            size, pos = _var_length(raw, pos, 3, here)
        else:
            size = spec.size
        if pos + size > len(raw):
            raise ZvtProtocolError(f"{here}: needs {size} bytes, {len(raw) - pos} left")
        body = bytes(raw[pos:pos + size])
        pos += size
        fields.setdefault(spec.name, _decode_value(spec, body, here))
    return fields


def _decode_value(spec: BmpSpec, body: bytes, where: str) -> Any:
    kind = spec.kind
    if kind == "bcd":
        return bcd_decode(body, where)
    if kind == "bin":
        return body[0] if spec.size == 1 else body
    if kind in ("ascii", "llvar_ascii"):
        return body.rstrip(b"\x00").decode("latin-1")
    if kind == "llvar_bcd":
        return body.hex().upper().rstrip("F")
    if kind == "tlv":
        return decode_tlv(body, where)
    return body


def mask_pan(pan_digits: str) -> str:
    """Terminal PAN digits with E for masked ones → ``************1234``.

    Whatever the terminal sends, only the last four digits are kept in clear, so a
    terminal configured to send full PANs still never puts one in our logs or store.
    """
    digits = pan_digits.replace("E", "*")
    keep = 4
    return "*" * max(0, len(digits) - keep) + digits[-keep:] if len(digits) > keep else digits
