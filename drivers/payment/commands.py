"""``kiosk device payment pay|end-of-day|status``: drive a card terminal by hand."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from drivers.cli_support import emit, open_device, parse_amount
from drivers.errors import DeviceError, DeviceTimeoutError, DeviceUriError
from drivers.payment.interface import CardPaymentResult


def result_to_json(result: CardPaymentResult) -> dict[str, Any]:
    outcome = result.outcome or ("approved" if result.approved else "declined")
    if outcome == "error":
        outcome = "declined"
    return {"result": outcome, "amount_cents": result.amount_cents,
            "auth_code": result.auth_code, "pan_masked": result.masked_pan,
            "trace": result.trace, "terminal_id": result.terminal_id,
            "reason": result.reason, "receipt_no": result.receipt_no}






def _pay(args: argparse.Namespace) -> int:
    try:
        terminal = open_device("card_terminal", args.uri)
    except DeviceUriError as exc:
        sys.stderr.write(f"payment pay: {exc}\n")
        return 2
    try:
        prompts = (lambda p: sys.stderr.write(f"terminal: {p}\n")) if args.verbose_prompts \
            else None
        try:
            data = result_to_json(terminal.authorise(args.amount, prompts))
        except DeviceTimeoutError as exc:
            data = {"result": "timeout", "amount_cents": args.amount, "auth_code": "",
                    "pan_masked": "", "trace": "", "terminal_id": "", "reason": str(exc),
                    "receipt_no": ""}
        except DeviceError as exc:
            sys.stderr.write(f"payment pay: {exc}\n")
            return 2
    finally:
        terminal.close()
    emit(data, args.json)
    return 0 if data["result"] == "approved" else 1


def _end_of_day(args: argparse.Namespace) -> int:
    try:
        terminal = open_device("card_terminal", args.uri)
        try:
            result = terminal.end_of_day()
        finally:
            terminal.close()
    except (DeviceError, DeviceUriError) as exc:
        sys.stderr.write(f"payment end-of-day: {exc}\n")
        return 2
    emit({"ok": result.ok, "total_cents": result.total_cents, "reason": result.reason,
           "lines": list(result.receipt_lines)}, args.json)
    return 0 if result.ok else 1


def _status(args: argparse.Namespace) -> int:
    try:
        terminal = open_device("card_terminal", args.uri)
    except (DeviceError, DeviceUriError) as exc:
        sys.stderr.write(f"payment status: {exc}\n")
        return 2
    try:
        status = terminal.status()
    finally:
        terminal.close()
    emit({"online": status.online, "error": status.error}, args.json)
    return 0 if status.online else 1


def register(device_subparsers: argparse._SubParsersAction) -> None:
    """Add ``payment`` under ``kiosk device``."""
    payment = device_subparsers.add_parser("payment", help="bank-card terminal")
    sub = payment.add_subparsers(dest="payment_command", metavar="COMMAND", required=True)

    pay = sub.add_parser("pay", help="take a card payment")
    pay.add_argument("--uri", required=True, help="e.g. zvt+tcp://host:20007")
    pay.add_argument("--amount", required=True, type=parse_amount, help="euros, e.g. 5.00")
    pay.add_argument("--json", action="store_true", help="one JSON object on stdout")
    pay.add_argument("--prompts", dest="verbose_prompts", action="store_true",
                     help="show the terminal's prompts on stderr")
    pay.set_defaults(handler=_pay)

    eod = sub.add_parser("end-of-day", help="close the terminal's batch")
    eod.add_argument("--uri", required=True, help="the card terminal, as for pay")
    eod.add_argument("--json", action="store_true", help="one JSON object")
    eod.set_defaults(handler=_end_of_day)

    status = sub.add_parser("status", help="status enquiry")
    status.add_argument("--uri", required=True, help="the card terminal, as for pay")
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=_status)
