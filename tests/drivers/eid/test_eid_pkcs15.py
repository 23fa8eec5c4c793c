"""The virtual card's PKCS#15 files against a Fedict test card's published files
(vsmartcard, virtualsmartcard/belpic-example-data/belpic.xml): byte for byte, since
OpenSC's BELPIC driver finds keys and certificates only through them."""

from __future__ import annotations

import pytest

from drivers.eid import pkcs15

FEDICT_TEST_CARD = {
    "3F002F00": "61234F0CA000000177504B43532D3135500642454C50494351043F00DF0073050603603802",
    "3F00DF005031": "A00A300804063F00DF005035A40A300804063F00DF005037A80A300804063F00DF005034",
    "3F00DF005032": "30270201000410534C494E336600296CFF278E5519202E800642454C50494303020430"
                    "9E0403020000",
    "3F00DF005034": "3033300F0C0942617369632050494E030206C03003040101A11B30190302020C0A0100"
                    "0201040201088001010401FF300404023F00",
    "3F00DF005035": "303A30170C0E41757468656E7469636174696F6E030206C0040101300F04010203020520"
                    "030203B802020082A10E300C300604043F00DF0002020800303930150C095369676E617475"
                    "7265030206C004010102010130100401030303060040030203B802020083A10E300C3006"
                    "04043F00DF0002020800",
    "3F00DF005037": "302C30170C0E41757468656E7469636174696F6E030206C00401013003040102A10C300A"
                    "300804063F00DF005038302730120C095369676E6174757265030206C004010130030401"
                    "03A10C300A300804063F00DF0050393023300B0C024341030206C004010130060401040101"
                    "FFA10C300A300804063F00DF00503A3025300D0C04526F6F74030206C00401013006040106"
                    "0101FFA10C300A300804063F00DF00503B",
}
TEST_CARD_CHIP = bytes.fromhex("534C494E336600296CFF278E5519202E")


@pytest.mark.parametrize("path", sorted(FEDICT_TEST_CARD))
def test_rsa_card_files_match_the_fedict_test_card(path):
    files = pkcs15.pkcs15_files(TEST_CARD_CHIP, ec=False)
    assert files[bytes.fromhex(path)].hex().upper() == FEDICT_TEST_CARD[path]


def test_ec_card_describes_its_keys_as_ec_keys_with_the_same_references():
    prkdf = pkcs15.prkdf(ec=True)
    # privateECKey is the [0] choice; the key references 82 and 83 are unchanged.
    assert prkdf[0] == 0xA0
    assert bytes.fromhex("02020082") in prkdf and bytes.fromhex("02020083") in prkdf


def test_der_long_form_length():
    assert pkcs15.der(0x04, bytes(200))[:3] == bytes.fromhex("0481C8")
    assert pkcs15.der(0x04, bytes(300))[:4] == bytes.fromhex("0482012C")
