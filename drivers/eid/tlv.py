"""The eID's TLV encoding: 1-byte tag, then a length whose bytes are summed while they
are 0xFF (a length byte of 0xFF means "add the next byte"); files are zero-padded."""

from __future__ import annotations

from drivers.eid.errors import CardDataError


def parse_tlv(data: bytes, file_name: str) -> dict[int, bytes]:
    """Split ``data`` into ``{tag: value}``; the first occurrence of a tag wins.

    Parsing stops at trailing zero padding (a zero tag with a zero length at the end of
    the file). Raises :class:`CardDataError` naming the file, tag and offset on any
    length that runs past the end.
    """
    fields: dict[int, bytes] = {}
    offset = 0
    size = len(data)
    while offset < size:
        if not any(data[offset:]):
            break  # the rest is padding
        tag = data[offset]
        tag_offset = offset
        offset += 1
        length = 0
        while True:
            if offset >= size:
                raise CardDataError(
                    f"{file_name}: tag 0x{tag:02X} at offset {tag_offset} has no length byte"
                )
            part = data[offset]
            offset += 1
            length += part
            if part != 0xFF:
                break
        end = offset + length
        if end > size:
            raise CardDataError(
                f"{file_name}: tag 0x{tag:02X} at offset {tag_offset} declares {length} bytes "
                f"but only {size - offset} remain"
            )
        fields.setdefault(tag, data[offset:end])
        offset = end
    return fields


def encode_length(length: int) -> bytes:
    """The eID length encoding of ``length`` (0xFF bytes, then the remainder)."""
    if length < 0:
        raise ValueError("negative length")
    return b"\xff" * (length // 0xFF) + bytes([length % 0xFF])


def encode_tlv(fields: list[tuple[int, bytes]]) -> bytes:
    """Encode ``(tag, value)`` pairs in order."""
    out = bytearray()
    for tag, value in fields:
        out.append(tag)
        out += encode_length(len(value))
        out += value
    return bytes(out)
