"""PC/SC part 10 secure PIN entry: the feature list and the PIN_VERIFY_STRUCTURE bytes
(layout from PC/SC part 10 v2.02.09 §2.5.2, all multi-byte fields little-endian)."""

from __future__ import annotations

from drivers.eid.pinpad import FEATURE_VERIFY_PIN_DIRECT, parse_features, verify_pin_structure


def test_feature_list_is_tag_length_big_endian_control_code():
    # A reader offering VERIFY_PIN_DIRECT (06) and MODIFY_PIN_DIRECT (07).
    response = bytes.fromhex("0604 42330006 0704 42330007")
    assert parse_features(response) == {FEATURE_VERIFY_PIN_DIRECT: 0x42330006, 7: 0x42330007}
    assert parse_features(b"") == {}
    assert parse_features(bytes.fromhex("0603 423300")) == {}  # malformed: no pinpad offered


def test_verify_structure_for_the_belgian_eid_pin_block():
    structure = verify_pin_structure(timeout_s=30, min_digits=4, max_digits=12, lang_id=0x080C)
    assert structure.hex(" ") == (
        "1e 1e "  # bTimerOut, bTimerOut2
        "89 47 04 "  # bmFormatString, bmPINBlockString, bmPINLengthFormat
        "0c 04 "  # wPINMaxExtraDigit: max 12, min 4
        "02 01 "  # bEntryValidationCondition (OK key), bNumberMessage
        "0c 08 "  # wLangId 0x080C (French, Belgium)
        "00 00 00 00 "  # bMsgIndex, bTeoPrologue
        "0d 00 00 00 "  # ulDataLength 13
        "00 20 00 01 08 20 ff ff ff ff ff ff ff"  # VERIFY with an empty 0x2N block
    )
