"""``ZvtCardTerminal``: the :class:`~drivers.payment.interface.CardTerminal` over ZVT."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from drivers.errors import DeviceError, DeviceTimeoutError
from drivers.payment.interface import CardPaymentResult, EndOfDayResult, TerminalStatus
from drivers.payment.zvt import messages as msg
from drivers.payment.zvt.codec import ACK, Apdu, decode_apdu
from drivers.payment.zvt.errors import ZvtProtocolError
from drivers.payment.zvt.transport import Transport

log = logging.getLogger(__name__)

ACK_TIMEOUT = 5.0  # T3: the terminal acknowledges a command within 5 s
TRANSACTION_TIMEOUT = 180.0  # T4: a whole card transaction, citizen included
POLL_SLICE = 0.2  # how often a waiting transaction looks at the abort flag


class ZvtCardTerminal:
    """A ZVT terminal behind any :class:`Transport`.

    The connection is opened (and the ECR registered) on first use and dropped after
    any transport or protocol error, so the next call starts clean. :meth:`abort` may be
    called from any thread; every other method belongs to the device's owner thread.
    """

    def __init__(self, connect: Callable[[], Transport], name: str, password: str = "000000",
                 ack_timeout: float = ACK_TIMEOUT,
                 transaction_timeout: float = TRANSACTION_TIMEOUT) -> None:
        self._connect = connect
        self.name = name
        self._password = password
        self._ack_timeout = ack_timeout
        self._tx_timeout = transaction_timeout
        self._transport: Transport | None = None
        self._abort = threading.Event()
        self._receipts: dict[str, str] = {}  # trace → receipt number, for reversals

    # --- CardTerminal -------------------------------------------------------------

    def status(self) -> TerminalStatus:
        """Status enquiry (05 01); never raises."""
        try:
            tx = self._run(msg.status_enquiry(self._password), None, self._ack_timeout * 2)
        except DeviceError as exc:
            return TerminalStatus(online=False, error=str(exc))
        code = tx.result_code
        if code not in (None, 0):
            return TerminalStatus(online=False, error=msg.outcome_of(code)[1])
        return TerminalStatus(online=True)

    def authorise(
        self, amount_cents: int, on_progress: Callable[[str], None] | None = None,
        reference: str = "",
    ) -> CardPaymentResult:
        """Authorisation (06 01). Raises DeviceTimeoutError when the terminal's answer
        never comes — then the outcome is unknown: ask :meth:`last_transaction`."""
        if amount_cents <= 0:
            raise ValueError(f"amount must be positive, got {amount_cents}")
        self._abort.clear()
        try:
            tx = self._run(msg.authorisation(amount_cents), on_progress, self._tx_timeout)
        except DeviceTimeoutError:
            self._abort_after_timeout()
            raise
        return self._result(tx, amount_cents)

    def reverse(self, trace: str, receipt_no: str = "") -> CardPaymentResult:
        """Reversal (06 30) of the payment with ``trace``. ZVT reverses by receipt
        number: pass it when it was journaled, else the one seen this session is used."""
        receipt = receipt_no or self._receipts.get(trace, "")
        if not receipt:
            raise DeviceError(
                f"{self.name}: no receipt number known for trace {trace}; "
                "read it with last_transaction()")
        tx = self._run(msg.reversal(self._password, receipt), None, self._tx_timeout)
        result = self._result(tx, tx.amount_cents)
        return CardPaymentResult(
            approved=result.approved, amount_cents=result.amount_cents,
            reason=result.reason or "reversed", trace=trace, auth_code=result.auth_code,
            terminal_id=result.terminal_id, receipt_lines=result.receipt_lines,
            outcome="reversed" if result.approved else result.outcome, receipt_no=receipt)

    def refund(self, amount_cents: int) -> CardPaymentResult:
        """Refund (06 31) of ``amount_cents`` to the card the citizen presents."""
        self._abort.clear()
        tx = self._run(msg.refund(self._password, amount_cents), None, self._tx_timeout)
        return self._result(tx, amount_cents)

    def last_transaction(self, reference: str = "") -> CardPaymentResult | None:
        """The terminal's last transaction (repeat receipt 06 20), or None if it has none.

        This is how a lost answer is recovered: after a timeout, the kiosk asks what
        the terminal did, then keeps or reverses it."""
        tx = self._run(msg.repeat_receipt(self._password), None, self._tx_timeout)
        if tx.finished == "abort" or not tx.fields:
            return None
        return self._result(tx, tx.amount_cents)

    def end_of_day(self) -> EndOfDayResult:
        """End of day (06 50): closes the terminal's batch and returns its totals."""
        tx = self._run(msg.end_of_day(self._password), None, self._tx_timeout)
        code = tx.result_code
        ok = tx.finished == "completion" and code in (None, 0)
        reason = "" if ok else msg.outcome_of(code if code is not None else 0xFF)[1]
        return EndOfDayResult(ok=ok, total_cents=tx.amount_cents, reason=reason,
                              receipt_lines=tuple(tx.receipt_lines))

    def diagnosis(self) -> TerminalStatus:
        """Diagnosis (06 70): the terminal checks its host connection."""
        try:
            tx = self._run(msg.diagnosis(), None, self._tx_timeout)
        except DeviceError as exc:
            return TerminalStatus(online=False, error=str(exc))
        ok = tx.finished == "completion" and tx.result_code in (None, 0)
        return TerminalStatus(online=ok, error="" if ok else "diagnosis failed")

    def abort(self) -> None:
        """Ask the running transaction to stop (06 B0); safe from any thread."""
        self._abort.set()

    def close(self) -> None:
        self._drop()

    # --- the exchange ---------------------------------------------------------------

    def _link(self) -> Transport:
        if self._transport is None:
            self._transport = self._connect()
            try:
                tx = self._exchange(self._transport, msg.registration(self._password), None,
                                    self._ack_timeout * 2)
            except DeviceError:
                self._drop()
                raise
            if tx.finished != "completion":
                self._drop()
                raise DeviceError(f"{self.name}: registration refused "
                                  f"({msg.outcome_of(tx.result_code or 0xFF)[1]})")
        return self._transport

    def _drop(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def _run(self, command: Apdu, on_progress: Callable[[str], None] | None,
             timeout: float) -> msg.Transaction:
        transport = self._link()
        try:
            return self._exchange(transport, command, on_progress, timeout)
        except DeviceError:
            self._drop()
            raise

    def _exchange(self, transport: Transport, command: Apdu,
                  on_progress: Callable[[str], None] | None, timeout: float) -> msg.Transaction:
        log.debug("%s: → %s", self.name, command.name)
        transport.send(command)
        first = transport.receive(self._ack_timeout)
        if first.is_nack():
            raise DeviceError(f"{self.name}: terminal refused {command.name} "
                              f"(NACK {first.instr:02X})")
        if not first.is_ack():
            raise ZvtProtocolError(f"{self.name}: expected ACK for {command.name}, "
                                   f"got {first.name}")
        tx = msg.Transaction()
        deadline = time.monotonic() + timeout
        abort_sent = False
        while not tx.finished:
            if self._abort.is_set() and not abort_sent:
                transport.send(msg.abort())
                abort_sent = True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceTimeoutError(
                    f"{self.name}: {command.name} unanswered after {timeout:g} s")
            try:
                message = transport.receive(min(POLL_SLICE, remaining))
            except DeviceTimeoutError:
                continue
            self._handle(transport, message, tx, on_progress)
        return tx

    def _handle(self, transport: Transport, message: Apdu, tx: msg.Transaction,
                on_progress: Callable[[str], None] | None) -> None:
        key = (message.cls, message.instr)
        if message.is_ack():
            return  # the terminal acknowledging our abort request
        handler = _HANDLERS.get(key)
        if handler is None:
            # Unknown message: refuse it (84 83) and keep waiting, as the protocol asks.
            log.warning("%s: unexpected %s, answered NACK", self.name, message.name)
            transport.send(msg.nack())
            return
        handler(message, tx)
        transport.send(decode_apdu(ACK))
        if key == (0x04, 0xFF) and on_progress is not None:
            on_progress(tx.prompts[-1])

    def _abort_after_timeout(self) -> None:
        # The terminal may still be busy with the citizen's card: tell it to stop and
        # read what it says until it is done (so a serial line is quiet again), then
        # forget the connection: its state is unknown.
        transport = self._transport
        if transport is None:
            return
        try:
            transport.send(msg.abort())
            deadline = time.monotonic() + self._ack_timeout
            while (left := deadline - time.monotonic()) > 0:
                message = transport.receive(left)
                if message.is_ack() or message.is_nack():
                    deadline = min(deadline, time.monotonic() + POLL_SLICE * 2)
                    continue
                transport.send(decode_apdu(ACK))
                if (message.cls, message.instr) in ((0x06, 0x1E), (0x06, 0x0F)):
                    break
        except DeviceError:
            pass
        self._drop()

    def _result(self, tx: msg.Transaction, requested: int) -> CardPaymentResult:
        code = tx.result_code
        if code is None:
            outcome, reason = ("approved", "") if tx.finished == "completion" else (
                "aborted", "terminal aborted without a reason")
        else:
            outcome, reason = msg.outcome_of(code)
        if tx.finished == "abort" and outcome == "approved":
            outcome, reason = "aborted", "terminal aborted"
        fields = tx.fields
        trace = str(fields.get("trace", ""))
        receipt_no = str(fields.get("receipt_no", ""))
        if trace and receipt_no:
            self._receipts[trace] = receipt_no
        log.info("%s: %s %s cents, trace %s", self.name, outcome,
                 tx.amount_cents or requested, trace or "-")
        return CardPaymentResult(
            approved=outcome == "approved", amount_cents=tx.amount_cents or requested,
            reason=reason, trace=trace, auth_code=str(fields.get("auth_code", "")),
            terminal_id=str(fields.get("terminal_id", "")), masked_pan=tx.masked_pan,
            card_type=tx.card_type, receipt_lines=tuple(tx.receipt_lines),
            outcome=outcome, receipt_no=receipt_no)


def _intermediate(message: Apdu, tx: msg.Transaction) -> None:
    tx.prompts.append(msg.prompt_of(message))


def _status_information(message: Apdu, tx: msg.Transaction) -> None:
    tx.add_status_information(message)


def _print_line(message: Apdu, tx: msg.Transaction) -> None:
    tx.receipt_lines.append(msg.print_line_text(message))


def _text_block(message: Apdu, tx: msg.Transaction) -> None:
    tx.receipt_lines.extend(msg.text_block_lines(message))


def _completion(message: Apdu, tx: msg.Transaction) -> None:
    if message.data:
        tx.fields.update(msg.decode_bmps(message.data, "completion 06 0F"))
    tx.finished = "completion"


def _terminal_abort(message: Apdu, tx: msg.Transaction) -> None:
    tx.abort_code = message.data[0] if message.data else 0xFF
    tx.finished = "abort"


_HANDLERS: dict[tuple[int, int], Callable[[Apdu, msg.Transaction], None]] = {
    (0x04, 0xFF): _intermediate,
    (0x04, 0x0F): _status_information,
    (0x06, 0xD1): _print_line,
    (0x06, 0xD3): _text_block,
    (0x06, 0x0F): _completion,
    (0x06, 0x1E): _terminal_abort,
}
