"""One way to write ages, money, sizes and hashes (kiosk/formatting.py)."""

from __future__ import annotations

import pytest

from kiosk.formatting import age, bytes_size, count, money, short_hash


@pytest.mark.parametrize(
    "seconds,text",
    [(None, "—"), (-3, "0 s"), (45.4, "45 s"), (60, "1 min"), (59 * 60 + 59, "59 min"),
     (83 * 60, "1 h 23 min"), (2 * 3600, "2 h"), (26 * 3600, "1 d 2 h"), (3 * 86400, "3 d")],
)
def test_ages(seconds, text):
    assert age(seconds) == text


@pytest.mark.parametrize(
    "cents,text",
    [(None, "—"), (0, "€0.00"), (31300, "€313.00"), (31000, "€310.00"), (-250, "-€2.50"),
     (125000, "€1,250.00")],
)
def test_money(cents, text):
    assert money(cents) == text


def test_sizes_hashes_and_counts():
    assert [bytes_size(n) for n in (950, 10_000_000, 1_500_000_000, 5 * 10**12)] == [
        "950 B", "10 MB", "1.5 GB", "5.0 TB"]
    assert short_hash("0123456789abcdef0123") == "0123456789ab" and short_hash(None) == "—"
    assert (count(0), count(1), count(None), count(12345)) == ("0", "1", "—", "12,345")
