"""Change arithmetic on a cash device's levels (denomination in cents → count)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Euro notes and coins a validator/hopper may take; the device ignores those it lacks.
DENOMINATIONS: tuple[int, ...] = (100, 200, 500, 1000, 2000, 5000)


def value_of(levels: Mapping[int, int]) -> int:
    """What the levels are worth in cents."""
    return sum(int(value) * int(count) for value, count in levels.items())


def payable(levels: Mapping[int, int], amount_cents: int) -> int:
    """The largest amount ≤ ``amount_cents`` the levels can pay, biggest value first:
    the same greedy rule the devices use, so the kiosk never promises more."""
    paid = 0
    for value in sorted(levels, reverse=True):
        if value <= 0:
            continue
        paid += min(levels[value], (amount_cents - paid) // value) * value
    return paid


def acceptable(levels: Mapping[int, int], remaining_cents: int,
               denominations: Iterable[int] = DENOMINATIONS) -> frozenset[int]:
    """Denominations the kiosk can take now: those not above what is still due, and
    bigger ones only when the change they need can be paid in full from ``levels``."""
    out = set()
    for value in denominations:
        change = value - remaining_cents
        if change <= 0 or payable(levels, change) == change:
            out.add(value)
    return frozenset(out)


def levels_to_json(levels: Mapping[int, int]) -> dict[str, int]:
    """JSON objects have string keys; the journal keeps levels this way."""
    return {str(value): int(count) for value, count in sorted(levels.items())}


def levels_from_json(data: Mapping[str, int]) -> dict[int, int]:
    return {int(value): int(count) for value, count in data.items()}
