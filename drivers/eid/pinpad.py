"""PC/SC part 10 secure PIN entry (a pinpad reader verifies the PIN itself, so the PIN
never passes through the kiosk's memory).

``SCardControl(CM_IOCTL_GET_FEATURE_REQUEST)`` answers TLVs ``tag, 4, ioctl (big
endian)``; when ``FEATURE_VERIFY_PIN_DIRECT`` is among them, the reader takes a
PIN_VERIFY_STRUCTURE (little-endian fields, then the VERIFY APDU with an empty PIN block
the reader fills in) and answers the card's status word.
"""

from __future__ import annotations

import struct

FEATURE_VERIFY_PIN_DIRECT = 0x06

# The Belgian eID block: byte 0 = 0x2N (N = number of digits), then BCD, F padding.
_VERIFY_TEMPLATE = bytes.fromhex("0020000108") + bytes.fromhex("20FFFFFFFFFFFFFF")


def parse_features(response: bytes) -> dict[int, int]:
    """Feature tag → control code, from the GET_FEATURE_REQUEST answer."""
    features: dict[int, int] = {}
    offset = 0
    while offset + 6 <= len(response):
        tag, length = response[offset], response[offset + 1]
        if length != 4:
            break  # malformed: keep what was understood, a pinpad is then not offered
        features[tag] = int.from_bytes(response[offset + 2 : offset + 6], "big")
        offset += 6
    return features


def verify_pin_structure(timeout_s: int = 30, min_digits: int = 4,
                         max_digits: int = 12, lang_id: int = 0x080C) -> bytes:
    """PIN_VERIFY_STRUCTURE for the eID's VERIFY (PC/SC part 10, section 2.5.2):

    - bmFormatString 0x89: system unit bytes, PIN at byte 1 of the block, BCD;
    - bmPINBlockString 0x47: a 4-bit length field, a 7-byte PIN area;
    - bmPINLengthFormat 0x04: the length sits at bit 4 of the block's first byte
      (the ``N`` of ``0x2N``);
    - validation with the reader's OK key; wLangId French (Belgium) by default.
    """
    return struct.pack(
        "<BBBBBHBBHB3sI",
        timeout_s, timeout_s,
        0x89, 0x47, 0x04,
        (min_digits << 8) | max_digits,
        0x02,  # bEntryValidationCondition: the OK key
        0x01,  # bNumberMessage
        lang_id,
        0x00,  # bMsgIndex
        b"\x00\x00\x00",  # bTeoPrologue
        len(_VERIFY_TEMPLATE),
    ) + _VERIFY_TEMPLATE
