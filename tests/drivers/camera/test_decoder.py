"""Decoding generated codes from 1280x720 frames: every symbology, through blur,
rotation, glare and noise; the format filter; empty frames; refused input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.camera.decoder import DecoderOptions, decode
from drivers.camera.interface import SYMBOLOGIES, ScannedCode
from drivers.camera.synth import (
    CodeRenderError,
    Distortion,
    compose,
    render_code,
    scene,
    to_bgr,
)

SAMPLES = {
    "QR": "BCD\n002\n1\nSCT\nGEBABEBB\nVille de Bruxelles\nBE68539007547034\nEUR12.50\n\n"
    "+++090/9337/55454+++\n",
    "EAN13": "9782070612758",
    "CODE128": "LIB-0004711",
    "CODABAR": "A40012345B",
    "DATAMATRIX": "BXL-CASE-2026-000123",
}

LOOKS = {
    "sharp": Distortion(),
    "blurred": Distortion(blur=1.5),
    "askew": Distortion(rotate=7),
    "upside-down": Distortion(rotate=180),
    "sideways": Distortion(rotate=90),
    "glare": Distortion(glare=0.5),
    "noisy": Distortion(noise=5),
    "all-at-once": Distortion(blur=1.0, rotate=-4, glare=0.3, noise=3),
}


def frame_with(symbology: str, look: Distortion, seed: int = 1) -> np.ndarray:
    return compose(render_code(SAMPLES[symbology], symbology), look, seed)


@pytest.mark.parametrize("look", LOOKS, ids=str)
@pytest.mark.parametrize("symbology", sorted(SYMBOLOGIES))
def test_each_symbology_decodes_through_each_distortion(symbology, look):
    frame = frame_with(symbology, LOOKS[look])
    assert decode(frame, frozenset({symbology})) == [ScannedCode(SAMPLES[symbology], symbology)]


@pytest.mark.parametrize("symbology", ["QR", "DATAMATRIX"])
def test_matrix_codes_decode_at_any_angle(symbology):
    frame = frame_with(symbology, Distortion(rotate=37, blur=0.8))
    assert decode(frame) == [ScannedCode(SAMPLES[symbology], symbology)]


def test_with_no_filter_every_symbology_of_ours_is_found():
    for symbology in SYMBOLOGIES:
        assert decode(frame_with(symbology, Distortion())) == [
            ScannedCode(SAMPLES[symbology], symbology)
        ]


@pytest.mark.parametrize(
    ("shown", "asked"),
    [
        ("QR", {"CODE128", "EAN13"}),
        ("CODE128", {"QR"}),
        ("EAN13", {"CODE128"}),
        ("DATAMATRIX", {"QR"}),
    ],
)
def test_a_code_outside_the_screens_formats_is_not_decoded(shown, asked):
    assert decode(frame_with(shown, Distortion()), frozenset(asked)) == []


def test_two_codes_in_one_frame_are_both_returned():
    frame = scene(np.random.default_rng(3))
    qr, item = render_code("hello", "QR"), render_code("LIB-1", "CODE128")
    frame[50 : 50 + qr.shape[0], 50 : 50 + qr.shape[1]] = qr
    frame[400 : 400 + item.shape[0], 600 : 600 + item.shape[1]] = item
    assert sorted(decode(frame), key=lambda c: c.symbology) == [
        ScannedCode("LIB-1", "CODE128"),
        ScannedCode("hello", "QR"),
    ]


@pytest.mark.parametrize("look", [Distortion(), Distortion(noise=4), Distortion(blur=2)])
def test_empty_frames_give_nothing(look):
    for seed in range(3):
        assert decode(compose(None, look, seed)) == []


def test_a_flat_black_or_white_frame_gives_nothing():
    for value in (0, 255):
        assert decode(np.full((720, 1280), value, np.uint8)) == []


def test_bad_frames_and_formats_are_refused_with_the_reason():
    gray = compose(None)
    with pytest.raises(ValueError, match="2-D greyscale"):
        decode(to_bgr(gray))
    with pytest.raises(ValueError, match="uint8"):
        decode(gray.astype(np.float32))
    with pytest.raises(ValueError, match="unknown symbology 'PDF417'"):
        decode(gray, frozenset({"PDF417"}))


def test_text_a_symbology_cannot_carry_is_refused_when_rendering():
    with pytest.raises(CodeRenderError, match="EAN13"):
        render_code("5410000000000", "EAN13")  # wrong check digit
    with pytest.raises(CodeRenderError, match="CODABAR"):
        render_code("12345", "CODABAR")  # no start/stop characters
    with pytest.raises(ValueError, match="unknown symbology"):
        render_code("x", "AZTEC")


_SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SLOW
@given(
    text=st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=24),
    seed=st.integers(0, 1000),
)
def test_any_printable_ascii_round_trips_through_code128(text, seed):
    frame = compose(render_code(text, "CODE128"), Distortion(blur=0.8), seed)
    assert decode(frame, frozenset({"CODE128"})) == [ScannedCode(text, "CODE128")]


@_SLOW
@given(
    text=st.text(
        st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=60
    ),
    seed=st.integers(0, 1000),
    angle=st.floats(-180, 180, allow_nan=False),
)
def test_any_unicode_text_round_trips_through_qr(text, seed, angle):
    frame = compose(render_code(text, "QR"), Distortion(rotate=angle), seed)
    assert decode(frame, frozenset({"QR"})) == [ScannedCode(text, "QR")]


FAST = DecoderOptions(binarizer="fixed")


@pytest.mark.parametrize("symbology", sorted(SYMBOLOGIES))
def test_the_fast_profile_decodes_each_symbology_also_when_under_exposed(symbology):
    frame = frame_with(symbology, Distortion(blur=0.7, rotate=3, noise=2))
    dim = (frame * 0.4).astype(np.uint8)  # white paper at ~100: below the fixed threshold
    expected = [ScannedCode(SAMPLES[symbology], symbology)]
    assert decode(frame, frozenset({symbology}), FAST) == expected
    assert decode(dim, frozenset({symbology}), FAST) == expected
    assert decode(compose(None, Distortion(noise=3)), frozenset({symbology}), FAST) == []


def test_an_unknown_binarizer_is_refused():
    with pytest.raises(ValueError, match="binarizer must be"):
        DecoderOptions(binarizer="otsu")
