"""``kiosk device payment pay|reverse|end-of-day|status``: drive a card terminal by hand."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from drivers.cli_support import emit, open_device, parse_amount
from drivers.errors import DeviceError, DeviceUriError
from drivers.payment.interface import CardPaymentResult

# ZVT reverses by the terminal's receipt number; nexo and the simulator by the
# transaction (trace / POI transaction id). The CLI prints, and takes back, that one.
_BY_RECEIPT = ("zvt+",)


def _reversed_by_receipt(uri: str) -> bool:
    return uri.startswith(_BY_RECEIPT)


def result_to_json(result: CardPaymentResult, uri: str = "") -> dict[str, Any]:
    outcome = result.outcome or ("approved" if result.approved else "declined")
    if outcome == "error":
        outcome = "declined"
    return {"result": outcome, "amount_cents": result.amount_cents,
            "auth_code": result.auth_code, "pan_masked": result.masked_pan,
            "trace": result.trace, "terminal_id": result.terminal_id,
            "reason": result.reason, "receipt_no": result.receipt_no,
            "transaction_id": result.receipt_no if _reversed_by_receipt(uri) else result.trace}


def _failed(amount: int, reason: str) -> dict[str, Any]:
    return {"result": "failed", "amount_cents": amount, "auth_code": "", "pan_masked": "",
            "trace": "", "terminal_id": "", "reason": reason, "receipt_no": "",
            "transaction_id": ""}


def _open(command: str, uri: str) -> Any:
    try:
        return open_device("card_terminal", uri)
    except (DeviceError, DeviceUriError) as exc:
        sys.stderr.write(f"payment {command}: {exc}\n")
        return None


def _pay(args: argparse.Namespace) -> int:
    terminal = _open("pay", args.uri)
    if terminal is None:
        return 2
    try:
        prompts = (lambda p: sys.stderr.write(f"terminal: {p}\n")) if args.verbose_prompts \
            else None
        try:
            data = result_to_json(terminal.authorise(args.amount, prompts), args.uri)
        except DeviceError as exc:
            # The outcome is unknown or the answer was unusable: never a guess.
            sys.stderr.write(f"payment pay: {exc}\n")
            data = _failed(args.amount, str(exc))
    finally:
        terminal.close()
    emit(data, args.json)
    if data["result"] == "failed":
        return 2
    return 0 if data["result"] == "approved" else 1


def _reverse(args: argparse.Namespace) -> int:
    terminal = _open("reverse", args.uri)
    if terminal is None:
        return 2
    try:
        if _reversed_by_receipt(args.uri):
            result = terminal.reverse("", args.transaction)
        else:
            result = terminal.reverse(args.transaction, "")
    except DeviceError as exc:
        sys.stderr.write(f"payment reverse: {exc}\n")
        return 2
    finally:
        terminal.close()
    done = result.approved
    emit({"result": "reversed" if done else "refused", "amount_cents": result.amount_cents,
          "transaction_id": args.transaction, "reason": "" if done else result.reason},
         args.json)
    return 0 if done else 1


def _end_of_day(args: argparse.Namespace) -> int:
    terminal = _open("end-of-day", args.uri)
    if terminal is None:
        return 2
    try:
        result = terminal.end_of_day()
    except DeviceError as exc:
        sys.stderr.write(f"payment end-of-day: {exc}\n")
        return 2
    finally:
        terminal.close()
    emit({"ok": result.ok, "count": result.count, "total_cents": result.total_cents,
          "reason": result.reason, "lines": list(result.receipt_lines)}, args.json)
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

    reverse = sub.add_parser("reverse", help="reverse (cancel) an approved payment")
    reverse.add_argument("--uri", required=True, help="the card terminal, as for pay")
    reverse.add_argument("--transaction", required=True,
                         help="transaction_id as `pay` printed it")
    reverse.add_argument("--json", action="store_true", help="one JSON object")
    reverse.set_defaults(handler=_reverse)

    eod = sub.add_parser("end-of-day", help="close the terminal's batch")
    eod.add_argument("--uri", required=True, help="the card terminal, as for pay")
    eod.add_argument("--json", action="store_true", help="one JSON object")
    eod.set_defaults(handler=_end_of_day)

    status = sub.add_parser("status", help="status enquiry")
    status.add_argument("--uri", required=True, help="the card terminal, as for pay")
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=_status)
