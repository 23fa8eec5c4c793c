"""Every decoder of outside input, fuzzed (fuzz/targets.py): nothing but its own error.

``make test`` runs the "fuzz-ci" profile (200 derandomised examples per target: the same
inputs each run, so a red build is never luck); ``make fuzz`` sets FUZZ_PROFILE=fuzz
(many more random examples, failures kept in .hypothesis/ to replay) and then runs the
atheris harness. Hangs are caught by pytest's per-test timeout (inputs are bounded);
memory by tracemalloc's peak for each call, bounded by the input's size.
"""

from __future__ import annotations

import os
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.targets import Target, all_targets

settings.register_profile(
    "fuzz-ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Not KIOSK_*: tests/conftest.py clears those.
FUZZ = settings.get_profile(os.environ.get("FUZZ_PROFILE", "fuzz-ci"))

TARGETS = all_targets()
# A decoder may hold its input a few times over, and the config loader a parsed
# document, but never memory out of proportion to what it was given.
MEMORY_BASE = 4 * 1024 * 1024
MEMORY_PER_INPUT_BYTE = 256


@st.composite
def mutated(draw: st.DrawFn, target: Target) -> bytes:
    """A seed with a few byte-level edits: flips, inserts, deletions, cuts, repeats."""
    data = bytearray(draw(st.sampled_from(target.seeds)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("flip", "insert", "delete", "cut", "repeat")))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 8))]
        elif op == "cut":
            del data[at:]
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
    return bytes(data[: target.max_len])


# What generic generators (schemathesis included) rarely produce and the red team of
# issue #23 did: lone surrogates (as JSON escapes and as raw UTF-8), datetimes and numbers
# at the edges of their range, non-finite numbers, type confusion.
HOSTILE = (
    b'"\\ud800"', b'"\\udfff x"', b'"\xed\xa0\x80"', b"\xed\xa0\x80", b"\xff\xfe",
    b'"9999-12-31T23:59:59-14:00"', b'"0001-01-01T00:00:00+14:00"', b'"2026-02-30"',
    b"1e400", b"-1e400", b"NaN", b"Infinity", b"-Infinity", b"-0", b"5.0", b"1e-400",
    b"9223372036854775808", b"18446744073709551616", b"-9223372036854775809",
    b"true", b"false", b"null", b"[]", b"{}", b'"500"', b'""', b"\x00", b'"\\u0000"',
)


@st.composite
def hostile(draw: st.DrawFn, target: Target) -> bytes:
    """A seed with values swapped for hostile ones: after a ``:`` or ``=`` (a value in
    JSON or TOML) or anywhere, sometimes a huge string up to the target's size."""
    data = bytearray(draw(st.sampled_from(target.seeds)))
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 9)) == 0:
            token = b'"' + b"A" * draw(st.integers(256, target.max_len)) + b'"'
        else:
            token = draw(st.sampled_from(HOSTILE))
        values = [i + 1 for i, byte in enumerate(data) if byte in b":="]
        if values and draw(st.booleans()):
            at = draw(st.sampled_from(values))
            end = at
            while end < len(data) and data[end] not in b",}\n]":
                end += 1
            data[at:end] = b" " + token
        else:
            at = draw(st.integers(0, len(data)))
            data[at:at] = token
    return bytes(data[: target.max_len])


def inputs(target: Target) -> st.SearchStrategy[bytes]:
    raw = st.binary(max_size=target.max_len)
    if not target.seeds:
        return raw
    return st.one_of(raw, mutated(target), hostile(target))


def run_bounded(target: Target, data: bytes) -> None:
    tracemalloc.start()
    try:
        target.call(data)
    except target.allowed as exc:
        assert str(exc), f"{target.name}: {type(exc).__name__} without a message"
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    limit = MEMORY_BASE + MEMORY_PER_INPUT_BYTE * len(data)
    assert peak <= limit, f"{target.name}: {peak} bytes at peak for {len(data)} input bytes"


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_only_the_decoders_own_errors(name):
    target = TARGETS[name]

    @FUZZ
    @given(inputs(target))
    def check(data: bytes) -> None:
        run_bounded(target, data)

    check()


@pytest.mark.parametrize("name", sorted(n for n, t in TARGETS.items() if t.seeds))
def test_the_seeds_are_accepted(name):
    """Seeds must decode: mutations of a valid input reach past the first checks."""
    target = TARGETS[name]
    for seed in target.seeds:
        target.call(seed)


def test_every_decoder_family_is_covered():
    families = {name.split("_")[0] for name in TARGETS}
    assert {"eid", "zvt", "essp", "config", "backend"} <= families
