"""``kiosk device cash status|accept|payout``: drive a cash device by hand."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from drivers.cash.interface import CashPayoutError
from drivers.cli_support import emit, open_device, parse_amount
from drivers.errors import DeviceError, DeviceUriError

# What a citizen may feed; the device's own channels decide what it can actually take.
DENOMINATIONS = (500, 1000, 2000, 5000, 100, 200)


def payable(levels: dict[int, int], amount: int) -> int:
    """Largest amount ≤ ``amount`` the levels can pay, greedy from the biggest value."""
    paid = 0
    for value in sorted(levels, reverse=True):
        if value > 0:
            paid += min(levels[value], (amount - paid) // value) * value
    return paid


def acceptable(levels: dict[int, int], remaining: int) -> frozenset[int]:
    """Denominations whose change the device can still give in full."""
    return frozenset(v for v in DENOMINATIONS
                     if v <= remaining or payable(levels, v - remaining) == v - remaining)






def _status(args: argparse.Namespace) -> int:
    try:
        device = open_device("cash", args.uri)
        try:
            status = device.status()
            levels = device.levels() if status.online else {}
        finally:
            device.close()
    except (DeviceError, DeviceUriError) as exc:
        sys.stderr.write(f"cash status: {exc}\n")
        return 2
    emit({"online": status.online, "error": status.error,
           "levels": {str(v): n for v, n in sorted(levels.items())},
           "total_cents": sum(v * n for v, n in levels.items())}, args.json)
    return 0 if status.online else 1


def _accept(args: argparse.Namespace) -> int:
    amount = args.amount
    inserted, events = 0, []
    try:
        device = open_device("cash", args.uri)
    except (DeviceError, DeviceUriError) as exc:
        sys.stderr.write(f"cash accept: {exc}\n")
        return 2
    result, change = "timeout", 0
    try:
        device.enable(acceptable(device.levels(), amount))
        deadline = time.monotonic() + args.wait
        while inserted < amount and time.monotonic() < deadline:
            for event in device.poll():
                events.append(event.kind)
                if event.kind == "credit":
                    inserted += event.value_cents
                    device.enable(acceptable(device.levels(), max(amount - inserted, 0)))
            time.sleep(0.1)
        device.disable()
        for event in device.poll():
            events.append(event.kind)
            if event.kind == "credit":
                inserted += event.value_cents
        if inserted >= amount:
            result = "paid"
            owed = inserted - amount
        else:
            owed = inserted  # not enough in time: give it all back
        if owed:
            change = device.payout(owed)
    except CashPayoutError as exc:
        change = exc.paid_cents
        result = "error"
        sys.stderr.write(f"cash accept: {exc}\n")
    except DeviceError as exc:
        result = "error"
        sys.stderr.write(f"cash accept: {exc}\n")
    finally:
        device.close()
    emit({"result": result, "amount_cents": amount, "inserted_cents": inserted,
           "change_cents": change, "events": events}, args.json)
    return 0 if result == "paid" else 1


def _payout(args: argparse.Namespace) -> int:
    try:
        device = open_device("cash", args.uri)
    except (DeviceError, DeviceUriError) as exc:
        sys.stderr.write(f"cash payout: {exc}\n")
        return 2
    try:
        paid = device.payout(args.amount)
        data: dict[str, Any] = {"requested_cents": args.amount, "paid_cents": paid}
    except CashPayoutError as exc:
        data = {"requested_cents": args.amount, "paid_cents": exc.paid_cents, "error": str(exc)}
    except DeviceError as exc:
        sys.stderr.write(f"cash payout: {exc}\n")
        return 2
    finally:
        device.close()
    emit(data, args.json)
    return 0 if data["paid_cents"] == args.amount else 1


def register(device_subparsers: argparse._SubParsersAction) -> None:
    """Add ``cash`` under ``kiosk device``."""
    cash = device_subparsers.add_parser("cash", help="note/coin recycler")
    sub = cash.add_subparsers(dest="cash_command", metavar="COMMAND", required=True)

    status = sub.add_parser("status", help="online state and levels per denomination")
    status.add_argument("--uri", required=True, help="e.g. essp+serial:///dev/ttyACM0")
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=_status)

    accept = sub.add_parser("accept", help="take an amount in cash, giving change")
    accept.add_argument("--uri", required=True, help="the cash unit, as for status")
    accept.add_argument(
        "--amount", required=True, type=parse_amount, help="euros to take, e.g. 10.00"
    )
    accept.add_argument("--wait", type=float, default=60.0, help="seconds to wait (60)")
    accept.add_argument("--json", action="store_true", help="one JSON object")
    accept.set_defaults(handler=_accept)

    payout = sub.add_parser("payout", help="pay an amount out")
    payout.add_argument("--uri", required=True, help="the cash unit, as for status")
    payout.add_argument(
        "--amount", required=True, type=parse_amount, help="euros to pay out, e.g. 2.50"
    )
    payout.add_argument("--json", action="store_true", help="one JSON object")
    payout.set_defaults(handler=_payout)
