"""The decoder's pre-check: empty frames never reach zxing-cpp, codes always do — also
the hard case of a code in deep shadow next to a bright area, which the default
(local binarizer) still reads after the pre-check."""

from __future__ import annotations

import numpy as np
import pytest

from drivers.camera.decoder import DecoderOptions, decode, looks_like_a_code
from drivers.camera.interface import SYMBOLOGIES, ScannedCode
from drivers.camera.synth import Distortion, compose, render_code
from tests.drivers.camera.test_decoder import LOOKS, SAMPLES

CAMERA = Distortion(blur=0.7, rotate=3, noise=2)


@pytest.mark.parametrize("seed", range(4))
def test_empty_frames_are_judged_empty(seed):
    for look in (CAMERA, Distortion(noise=5)):
        assert not looks_like_a_code(compose(None, look, seed))


@pytest.mark.parametrize("symbology", sorted(SYMBOLOGIES))
def test_every_code_passes_the_pre_check_in_every_look(symbology):
    code = render_code(SAMPLES[symbology], symbology)
    for name, look in LOOKS.items():
        frame = compose(code, look, 3)
        assert looks_like_a_code(frame), name
        assert looks_like_a_code((frame * 0.15).astype(np.uint8)), f"{name}, dim"


def _shadowed(symbology: str, seed: int) -> np.ndarray:
    """The left half at 15 % brightness (deep shadow), the right half blown out."""
    frame = compose(render_code(SAMPLES[symbology], symbology), CAMERA, seed).astype(np.float32)
    frame[:, :640] *= 0.15
    frame[:, 640:] = np.minimum(255, frame[:, 640:] * 1.6)
    return frame.astype(np.uint8)


@pytest.mark.parametrize("symbology", ["CODE128", "EAN13", "CODABAR"])
def test_a_code_in_deep_shadow_next_to_a_bright_area_is_still_read(symbology):
    expected = [ScannedCode(SAMPLES[symbology], symbology)]
    for seed in range(5):
        frame = _shadowed(symbology, seed)
        assert looks_like_a_code(frame), seed
        # Never fewer codes than the full decode alone finds (seeds 0, 3, 4 put the code
        # across the shadow's edge, which neither reads).
        without = decode(frame, frozenset({symbology}), DecoderOptions(precheck=False))
        assert decode(frame, frozenset({symbology})) == without, seed
        if seed in (1, 2):  # the code wholly on one side of the shadow's edge
            assert without == expected, seed


def test_the_pre_check_can_be_turned_off_and_tiny_frames_are_not_judged():
    frame = compose(render_code(SAMPLES["QR"], "QR"), CAMERA, 1)
    expected = [ScannedCode(SAMPLES["QR"], "QR")]
    assert decode(frame, frozenset({"QR"}), DecoderOptions(precheck=False)) == expected
    assert looks_like_a_code(np.zeros((20, 20), np.uint8))
