"""What the ``kiosk device …`` commands share: amounts, output, opening a device."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from typing import Any


def parse_amount(text: str) -> int:
    """``"5.00"`` → 500 cents; refuses negatives, zero and fractions of a cent."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount like 5.00") from None
    cents = value * 100
    if not value.is_finite() or cents != cents.to_integral_value() or cents <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a positive amount in euros, like 5.00")
    return int(cents)


def emit(data: dict[str, Any], as_json: bool) -> None:
    """One JSON object, or ``key: value`` lines for a person."""
    if as_json:
        sys.stdout.write(json.dumps(data, sort_keys=True) + "\n")
    else:
        for key, value in data.items():
            sys.stdout.write(f"{key}: {value}\n")


def open_device(kind: Any, uri: str) -> Any:
    # Imported here: the registry imports the device packages these commands live in.
    from drivers.registry import default_registry

    return default_registry().open(kind, uri)
