"""The keyboard-wedge scanner: fast bursts ending in Enter are codes, typing is not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.camera.interface import ScannedCode
from drivers.camera.wedge import WedgeAccumulator


def typed(wedge: WedgeAccumulator, text: str, start: float, gap: float) -> list[ScannedCode]:
    """Feed ``text`` one key every ``gap`` seconds from ``start``; the codes that came out."""
    codes = []
    for i, key in enumerate(text):
        code = wedge.feed(key, start + i * gap)
        if code is not None:
            codes.append(code)
    return codes


def test_a_fast_burst_ending_in_enter_is_a_code():
    wedge = WedgeAccumulator()
    assert typed(wedge, "LIB-0004711\r", 10.0, 0.004) == [ScannedCode("LIB-0004711", "UNKNOWN")]
    assert wedge.last_rejection is None


def test_slow_human_typing_is_rejected():
    wedge = WedgeAccumulator()
    assert typed(wedge, "LIB-0004711\r", 10.0, 0.18) == []
    assert wedge.last_rejection.reason == "too_slow"


def test_a_quick_enter_after_slow_typing_is_still_not_a_code():
    wedge = WedgeAccumulator()
    typed(wedge, "hello", 0.0, 0.2)
    assert wedge.feed("\r", 0.8 + 0.01) is None
    assert wedge.last_rejection.reason == "too_short"


def test_typing_before_and_after_a_scan_does_not_touch_it():
    wedge = WedgeAccumulator()
    assert typed(wedge, "abc", 0.0, 0.25) == []
    assert typed(wedge, "9782070612758\n", 1.0, 0.003) == [ScannedCode("9782070612758", "UNKNOWN")]
    assert typed(wedge, "xyz\r", 2.0, 0.3) == []
    assert typed(wedge, "A40012345B\r", 4.0, 0.002) == [ScannedCode("A40012345B", "UNKNOWN")]


def test_two_scans_back_to_back_are_two_codes():
    wedge = WedgeAccumulator()
    assert typed(wedge, "LIB-1\rLIB-2\r", 0.0, 0.005) == [
        ScannedCode("LIB-1", "UNKNOWN"),
        ScannedCode("LIB-2", "UNKNOWN"),
    ]


def test_a_pause_inside_a_burst_starts_it_over():
    wedge = WedgeAccumulator()
    assert typed(wedge, "LIB-", 0.0, 0.005) == []
    # A person's key, then a scanner burst: only the burst is the code.
    assert typed(wedge, "0001\r", 1.0, 0.005) == [ScannedCode("0001", "UNKNOWN")]


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("]C0LIB-7", ScannedCode("LIB-7", "CODE128")),
        ("]E09782070612758", ScannedCode("9782070612758", "EAN13")),
        ("]Q1BXL-LETTER", ScannedCode("BXL-LETTER", "QR")),
        ("]F0A123B", ScannedCode("A123B", "CODABAR")),
        ("]d1DM-1", ScannedCode("DM-1", "DATAMATRIX")),
        ("]X0ABC", ScannedCode("]X0ABC", "UNKNOWN")),
    ],
)
def test_aim_identifiers_name_the_symbology(sent, expected):
    assert typed(WedgeAccumulator(), sent + "\r", 0.0, 0.002) == [expected]


def test_keys_without_text_and_overlong_bursts():
    wedge = WedgeAccumulator(max_length=8)
    assert wedge.feed("", 0.0) is None  # Shift: no text
    assert typed(wedge, "AB12\r", 0.001, 0.002) == [ScannedCode("AB12", "UNKNOWN")]
    assert typed(wedge, "123456789\r", 1.0, 0.002) == []
    assert wedge.last_rejection.reason == "too_long"
    assert typed(wedge, "1234\r", 2.0, 0.002) == [ScannedCode("1234", "UNKNOWN")]


def test_a_clock_going_backwards_is_a_pause_not_a_crash():
    wedge = WedgeAccumulator()
    wedge.feed("A", 5.0)
    assert typed(wedge, "LIB-9\r", 1.0, 0.002) == [ScannedCode("LIB-9", "UNKNOWN")]


def test_reset_drops_a_partial_burst():
    wedge = WedgeAccumulator()
    typed(wedge, "LIB-", 0.0, 0.002)
    wedge.reset()
    assert typed(wedge, "\r", 0.009, 0.002) == []


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="max_gap_s"):
        WedgeAccumulator(max_gap_s=0)
    with pytest.raises(ValueError, match="min_length"):
        WedgeAccumulator(min_length=10, max_length=5)


@given(
    text=st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=3, max_size=64),
    gap=st.floats(0.0005, 0.045),
)  # under the 50 ms limit, clear of float rounding
def test_any_fast_scan_comes_out_as_sent(text, gap):
    wedge = WedgeAccumulator()
    codes = typed(wedge, text + "\r", 100.0, gap)
    if text.startswith("]") and len(text) > 3 and text[1] in "QECFd" and text[2].isalnum():
        assert len(codes) == 1 and codes[0].text == text[3:]
    else:
        assert codes == [ScannedCode(text, "UNKNOWN")]
