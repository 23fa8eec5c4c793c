"""The IPP message encoding of RFC 8010 §3: what the driver sends and parses.

Why our own ~150 lines rather than a library: pyipp, the maintained Python IPP client,
is asyncio-only (aiohttp) and built for reading printer attributes — it has no Print-Job
document upload or job tracking we could drive from a device's owner thread. The
encoding is small and fixed by the RFC; tests check it byte for byte against the RFC's
layout and run it against CUPS's ippeveprinter.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

# Operations (RFC 8011 §5.4.15).
PRINT_JOB = 0x0002
GET_JOB_ATTRIBUTES = 0x0009
GET_PRINTER_ATTRIBUTES = 0x000B
CANCEL_JOB = 0x0008

# Delimiter tags (RFC 8010 §3.5.1).
OPERATION = 0x01
JOB = 0x02
END = 0x03
PRINTER = 0x04
UNSUPPORTED_GROUP = 0x05

# Value tags (RFC 8010 §3.5.2).
INTEGER = 0x21
BOOLEAN = 0x22
ENUM = 0x23
OCTET_STRING = 0x30
DATE_TIME = 0x31
RESOLUTION = 0x32
RANGE = 0x33
BEGIN_COLLECTION = 0x34
TEXT_WITH_LANGUAGE = 0x35
NAME_WITH_LANGUAGE = 0x36
END_COLLECTION = 0x37
TEXT = 0x41
NAME = 0x42
KEYWORD = 0x44
URI = 0x45
URI_SCHEME = 0x46
CHARSET = 0x47
NATURAL_LANGUAGE = 0x48
MIME_MEDIA_TYPE = 0x49
MEMBER_NAME = 0x4A
_STRING_TAGS = frozenset({TEXT, NAME, KEYWORD, URI, URI_SCHEME, CHARSET, NATURAL_LANGUAGE,
                          MIME_MEDIA_TYPE, MEMBER_NAME, OCTET_STRING})
_OUT_OF_BAND = frozenset({0x10, 0x12, 0x13})  # unsupported, unknown, no-value

STATUS_TEXT = {0x0000: "successful-ok", 0x0001: "successful-ok-ignored-or-substituted",
               0x0002: "successful-ok-conflicting-attributes", 0x0400: "client-error-bad-request",
               0x0401: "client-error-forbidden", 0x0402: "client-error-not-authenticated",
               0x0404: "client-error-not-possible", 0x0406: "client-error-not-found",
               0x040A: "client-error-document-format-not-supported",
               0x0500: "server-error-internal-error", 0x0506: "server-error-not-accepting-jobs",
               0x0507: "server-error-busy", 0x0508: "server-error-job-canceled"}


class IppCodecError(ValueError):
    """An IPP message that does not follow RFC 8010; the message says where."""


@dataclass(frozen=True)
class Attribute:
    """One attribute to send: its value tag and its value(s)."""

    tag: int
    name: str
    values: tuple[str | int | bool, ...]


def attr(tag: int, name: str, *values: str | int | bool) -> Attribute:
    return Attribute(tag, name, values)


def _encode_value(tag: int, value: str | int | bool) -> bytes:
    if tag in (INTEGER, ENUM):
        return struct.pack(">i", int(value))
    if tag == BOOLEAN:
        return b"\x01" if value else b"\x00"
    return str(value).encode("utf-8")


def encode_request(operation: int, request_id: int,
                   groups: Iterable[tuple[int, Iterable[Attribute]]],
                   data: bytes = b"") -> bytes:
    """An IPP/2.0 request: version, operation, request id, attribute groups, end tag, data."""
    out = bytearray(struct.pack(">BBHI", 2, 0, operation, request_id))
    for group_tag, attributes in groups:
        out.append(group_tag)
        for attribute in attributes:
            for index, value in enumerate(attribute.values):
                name = attribute.name.encode("ascii") if index == 0 else b""
                encoded = _encode_value(attribute.tag, value)
                out += struct.pack(">BH", attribute.tag, len(name)) + name
                out += struct.pack(">H", len(encoded)) + encoded
    out.append(END)
    return bytes(out) + data


@dataclass
class Response:
    """A decoded IPP response: status and the attributes of each group, by group tag.

    Values: int for integer/enum, bool, str for strings, datetime for dateTime, tuples
    for resolution and rangeOfInteger, dict for collections, None for out-of-band."""

    version: tuple[int, int]
    status: int
    request_id: int
    groups: list[tuple[int, dict[str, list[object]]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status < 0x0100

    @property
    def status_text(self) -> str:
        return STATUS_TEXT.get(self.status, f"status 0x{self.status:04x}")

    def group(self, tag: int) -> dict[str, list[object]]:
        """The first group with ``tag`` (empty when the answer has none)."""
        return next((attrs for t, attrs in self.groups if t == tag), {})


def _decode_value(tag: int, raw: bytes, where: str) -> object:
    if tag in _OUT_OF_BAND:
        return None
    if tag in (INTEGER, ENUM):
        if len(raw) != 4:
            raise IppCodecError(f"{where}: integer of {len(raw)} bytes (expected 4)")
        return struct.unpack(">i", raw)[0]
    if tag == BOOLEAN:
        if len(raw) != 1:
            raise IppCodecError(f"{where}: boolean of {len(raw)} bytes (expected 1)")
        return raw != b"\x00"
    if tag == DATE_TIME:
        if len(raw) != 11:
            raise IppCodecError(f"{where}: dateTime of {len(raw)} bytes (expected 11)")
        year, month, day, hour, minute, second, decis, sign, oh, om = struct.unpack(
            ">HBBBBBBcBB", raw)
        offset = timedelta(hours=oh, minutes=om) * (-1 if sign == b"-" else 1)
        try:
            return datetime(year, month, day, hour, minute, second, decis * 100_000,
                            tzinfo=timezone(offset)).astimezone(UTC)
        except ValueError as exc:
            raise IppCodecError(f"{where}: bad dateTime ({exc})") from None
    if tag == RESOLUTION and len(raw) == 9:
        return struct.unpack(">iiB", raw)
    if tag == RANGE and len(raw) == 8:
        return struct.unpack(">ii", raw)
    if tag in (TEXT_WITH_LANGUAGE, NAME_WITH_LANGUAGE) and len(raw) >= 4:
        lang_len = struct.unpack(">H", raw[:2])[0]
        text_at = 2 + lang_len
        if text_at + 2 > len(raw):
            raise IppCodecError(f"{where}: text with language overruns its value")
        return raw[text_at + 2:].decode("utf-8", "replace")
    if tag in _STRING_TAGS:
        return raw.decode("utf-8", "replace")
    return raw  # a value type we have no use for: kept as bytes, never an error


def decode_response(body: bytes) -> Response:
    """Parse an IPP response; :class:`IppCodecError` names the byte offset of a fault."""
    if len(body) < 9:
        raise IppCodecError(f"IPP response of {len(body)} bytes: shorter than its header")
    major, minor, status, request_id = struct.unpack(">BBHI", body[:8])
    response = Response((major, minor), status, request_id)
    pos = 8
    current: dict[str, list[object]] | None = None
    last_name = ""
    depth = 0  # inside a collection: its members are skipped (the kiosk needs none)
    while pos < len(body):
        tag = body[pos]
        if tag == END and depth == 0:
            return response
        if tag < 0x10:  # a delimiter: a new attribute group
            if depth:
                raise IppCodecError(f"byte {pos}: group tag inside a collection")
            current = {}
            response.groups.append((tag, current))
            pos += 1
            continue
        if current is None:
            raise IppCodecError(f"byte {pos}: value tag 0x{tag:02x} before any group")
        if pos + 3 > len(body):
            raise IppCodecError(f"byte {pos}: attribute header cut short")
        name_len = struct.unpack(">H", body[pos + 1:pos + 3])[0]
        name = body[pos + 3:pos + 3 + name_len].decode("utf-8", "replace")
        at = pos + 3 + name_len
        if at + 2 > len(body):
            raise IppCodecError(f"byte {pos}: attribute {name or last_name!r} cut short")
        value_len = struct.unpack(">H", body[at:at + 2])[0]
        raw = body[at + 2:at + 2 + value_len]
        if len(raw) != value_len:
            raise IppCodecError(f"byte {pos}: value of {name or last_name!r} cut short")
        where = f"byte {pos}: {name or last_name!r}"
        pos = at + 2 + value_len
        if tag == BEGIN_COLLECTION:
            if depth == 0:  # the collection is this attribute's value: kept as {}
                if name:
                    last_name = name
                    current[name] = [{}]
                else:
                    current.setdefault(last_name, []).append({})
            depth += 1
            continue
        if tag == END_COLLECTION:
            if depth == 0:
                raise IppCodecError(f"{where}: endCollection without a collection")
            depth -= 1
            continue
        if depth:
            continue
        value = _decode_value(tag, raw, where)
        if name:
            last_name = name
            current[name] = [value]
        elif last_name:
            current[last_name].append(value)
        else:
            raise IppCodecError(f"{where}: additional value without an attribute")
    raise IppCodecError("IPP response without its end-of-attributes tag")
