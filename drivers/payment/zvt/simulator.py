"""A ZVT card terminal simulator speaking the real protocol over TCP or a pty.

Tests and the demo point the real :class:`ZvtCardTerminal` at it. Faults (constructor
or :meth:`ZvtTerminalSimulator.inject`): decline, pin_retry, timeout (the terminal goes
silent mid-transaction), citizen_abort, card_removed, offline (no answer at all), and
reply_lost (approved, then the answer never reaches the kiosk).
"""

from __future__ import annotations

import itertools
import logging
import socket
import threading
import time
from dataclasses import dataclass

from drivers.errors import DeviceError, DeviceTimeoutError
from drivers.payment.zvt import messages as msg
from drivers.payment.zvt.codec import ACK, Apdu, decode_apdu, decode_bmps, encode_bmps
from drivers.payment.zvt.transport import SerialTransport, TcpTransport, Transport
from drivers.pty import RawPty
from drivers.simulation import FaultSet

log = logging.getLogger(__name__)

ZVT_SIM_FAULTS = ("decline", "pin_retry", "timeout", "citizen_abort", "card_removed",
                  "offline", "reply_lost")
_ACK = decode_apdu(ACK)


@dataclass
class SimPayment:
    """One payment as the simulated terminal's journal holds it."""

    amount_cents: int
    trace: str
    receipt_no: str
    approved: bool
    reversed: bool = False


class _EcrAbortError(Exception):
    """The ECR sent 06 B0 while the terminal was busy."""


class ZvtTerminalSimulator:
    """Start with :meth:`start_tcp` or :meth:`start_pty` (each returns the URI to use);
    always :meth:`stop`."""

    def __init__(self, faults: list[str] | None = None, terminal_id: str = "52500001",
                 card_wait: float = 0.05, ack_timeout: float = 5.0) -> None:
        self.faults = FaultSet("ZVT terminal", ZVT_SIM_FAULTS, faults or ())
        self.terminal_id = terminal_id
        self.payments: list[SimPayment] = []
        self.commands: list[str] = []
        self._card_wait = card_wait
        self._ack_timeout = ack_timeout
        self._trace = itertools.count(1)
        self._receipt = itertools.count(1)
        self._batch: list[SimPayment] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._server: socket.socket | None = None
        self._pty: RawPty | None = None

    def inject(self, fault: str) -> None:
        self.faults.inject(fault)

    def clear(self, fault: str | None = None) -> None:
        self.faults.clear(fault)

    # --- lifecycle -------------------------------------------------------------------

    def start_tcp(self) -> str:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(0.1)
        self._server = server
        self._start(self._serve_tcp)
        return f"zvt+tcp://127.0.0.1:{server.getsockname()[1]}"

    def start_pty(self) -> str:
        self._pty = RawPty()
        self._start(self._serve_pty)
        return f"zvt+serial://{self._pty.path}"

    def _start(self, target: object) -> None:
        self._thread = threading.Thread(target=target, name="zvt-simulator", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._server is not None:
            self._server.close()
        if self._pty is not None:
            self._pty.close()
            self._pty = None

    def __enter__(self) -> ZvtTerminalSimulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve_tcp(self) -> None:
        assert self._server is not None
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if "offline" in self.faults:
                conn.close()
                continue
            # Several APDUs in a row per transaction: with Nagle on, each waited for the
            # kiosk's delayed ACK (40 ms), which the benchmark then took for protocol cost.
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            transport = TcpTransport(conn, "ECR")
            try:
                self._serve(transport)
            finally:
                transport.close()

    def _serve_pty(self) -> None:
        assert self._pty is not None
        port = self._pty
        transport = SerialTransport(port, "ECR", t2=self._ack_timeout)
        while not self._stop.is_set():
            if "offline" in self.faults:
                port.read(256)  # a dead terminal: bytes in, nothing out
                continue
            self._serve(transport, once=True)

    def _serve(self, transport: Transport, once: bool = False) -> None:
        while not self._stop.is_set():
            try:
                command = transport.receive(0.1)
            except DeviceTimeoutError:
                if once:
                    return
                continue
            except DeviceError as exc:
                log.debug("simulator: link ends: %s", exc)
                return
            try:
                self._dispatch(transport, command)
            except DeviceError as exc:
                log.debug("simulator: %s abandoned: %s", command.name, exc)
                if not once:
                    return
            if once:
                return

    # --- the terminal's behaviour ------------------------------------------------------

    def _dispatch(self, t: Transport, command: Apdu) -> None:
        self.commands.append(command.name)
        handler = {
            (0x06, 0x00): self._completion_only, (0x06, 0x02): self._completion_only,
            (0x06, 0x70): self._completion_only, (0x06, 0x01): self._authorisation,
            (0x06, 0x30): self._reversal, (0x06, 0x31): self._refund,
            (0x06, 0x50): self._end_of_day, (0x05, 0x01): self._status_enquiry,
            (0x06, 0x20): self._repeat_receipt,
        }.get((command.cls, command.instr))
        if command.cls == 0x06 and command.instr == 0xB0:
            t.send(_ACK)  # nothing running to abort
            return
        if handler is None:
            t.send(msg.nack(0x83))
            return
        t.send(_ACK)
        try:
            handler(t, command)
        except _EcrAbortError:
            self._say(t, Apdu(0x06, 0x1E, bytes([0x6C])), abortable=False)

    def _say(self, t: Transport, message: Apdu, abortable: bool = True) -> None:
        t.send(message)
        while True:
            reply = t.receive(self._ack_timeout)
            if reply.cls == 0x06 and reply.instr == 0xB0 and abortable:
                self.commands.append(reply.name)
                t.send(_ACK)
                raise _EcrAbortError
            if reply.is_ack() or reply.is_nack():
                return

    def _prompt(self, t: Transport, name: str) -> None:
        self._say(t, Apdu(0x04, 0xFF, bytes([msg.PROMPT_CODES[name]])))
        deadline = time.monotonic() + self._card_wait
        while (left := deadline - time.monotonic()) > 0:
            try:
                reply = t.receive(left)
            except DeviceTimeoutError:
                return
            if reply.cls == 0x06 and reply.instr == 0xB0:
                self.commands.append(reply.name)
                t.send(_ACK)
                raise _EcrAbortError

    def _finish(self, t: Transport, fields: list[tuple[str, object]] | None = None) -> None:
        self._say(t, Apdu(0x06, 0x0F, encode_bmps(fields or [])), abortable=False)

    def _abort(self, t: Transport, code: int) -> None:
        self._say(t, Apdu(0x06, 0x1E, bytes([code])), abortable=False)

    def _status(self, t: Transport, fields: list[tuple[str, object]]) -> None:
        self._say(t, Apdu(0x04, 0x0F, encode_bmps(fields)), abortable=False)

    def _completion_only(self, t: Transport, command: Apdu) -> None:
        self._finish(t, [("terminal_id", self.terminal_id)])

    def _payment_fields(self, p: SimPayment, code: int) -> list[tuple[str, object]]:
        now = time.localtime()
        fields: list[tuple[str, object]] = [
            ("result_code", code), ("amount", str(p.amount_cents)), ("trace", p.trace),
            ("time", time.strftime("%H%M%S", now)), ("date", time.strftime("%m%d", now)),
            ("terminal_id", self.terminal_id), ("receipt_no", p.receipt_no)]
        if code == 0:
            fields += [("pan", "6703EEEEEEEE1234"), ("auth_code", "A1B2C3"),
                       ("card_type", 0x40), ("card_name", "Bancontact")]
        return fields

    def _authorisation(self, t: Transport, command: Apdu) -> None:
        amount = int(decode_bmps(command.data, "authorisation")["amount"])
        self._prompt(t, "insert_card")
        if "timeout" in self.faults:
            return  # silent from here on: the kiosk's T4 must fire
        if "citizen_abort" in self.faults:
            self._abort(t, 0x6C)
            return
        self._prompt(t, "enter_pin")
        if "pin_retry" in self.faults:
            self._prompt(t, "wrong_pin")
            self._prompt(t, "enter_pin")
        if "card_removed" in self.faults:
            self._prompt(t, "card_not_readable")
            self._abort(t, 0x64)
            return
        self._prompt(t, "processing")
        payment = SimPayment(amount, f"{next(self._trace):06d}", f"{next(self._receipt):04d}",
                             approved="decline" not in self.faults)
        self.payments.append(payment)
        if not payment.approved:
            self._status(t, self._payment_fields(payment, 0x05))
            self._abort(t, 0x05)
            return
        self._batch.append(payment)
        if "reply_lost" in self.faults:
            return  # approved and booked, but the kiosk never hears it
        self._status(t, self._payment_fields(payment, 0x00))
        self._say(t, msg.text_block([
            "CITY OF BRUSSELS", f"TERMINAL {self.terminal_id}", "BANCONTACT",
            "************1234", f"EUR {amount / 100:.2f}", f"TRACE {payment.trace}",
            "APPROVED"]), abortable=False)
        self._finish(t, [("terminal_id", self.terminal_id)])

    def _reversal(self, t: Transport, command: Apdu) -> None:
        _, rest = msg.split_password(command)
        receipt = decode_bmps(rest, "reversal").get("receipt_no", "")
        found = [p for p in self.payments if p.receipt_no == receipt and p.approved]
        if not found:
            self._status(t, [("result_code", 0xB5)])
            self._abort(t, 0xB5)
            return
        payment = found[0]
        if payment.reversed:
            self._status(t, [("result_code", 0xB4)])
            self._abort(t, 0xB4)
            return
        payment.reversed = True
        self._status(t, [("result_code", 0), ("amount", str(payment.amount_cents)),
                         ("trace", f"{next(self._trace):06d}"), ("receipt_no", receipt),
                         ("terminal_id", self.terminal_id)])
        self._finish(t)

    def _refund(self, t: Transport, command: Apdu) -> None:
        _, rest = msg.split_password(command)
        amount = int(decode_bmps(rest, "refund")["amount"])
        self._prompt(t, "insert_card")
        payment = SimPayment(-amount, f"{next(self._trace):06d}", f"{next(self._receipt):04d}",
                             approved=True)
        self._batch.append(payment)
        fields = self._payment_fields(payment, 0)
        fields[1] = ("amount", str(amount))
        self._status(t, fields)
        self._finish(t)

    def _end_of_day(self, t: Transport, command: Apdu) -> None:
        total = sum(p.amount_cents for p in self._batch if not p.reversed)
        self._status(t, [("result_code", 0), ("amount", str(max(total, 0))),
                         ("trace", f"{next(self._trace):06d}"),
                         ("terminal_id", self.terminal_id)])
        self._say(t, msg.text_block(["END OF DAY", f"TRANSACTIONS {len(self._batch)}",
                                     f"TOTAL EUR {total / 100:.2f}"]), abortable=False)
        self._batch = []
        self._finish(t)

    def _status_enquiry(self, t: Transport, command: Apdu) -> None:
        self._status(t, [("result_code", 0), ("terminal_id", self.terminal_id)])
        self._finish(t)

    def _repeat_receipt(self, t: Transport, command: Apdu) -> None:
        if not self.payments:
            self._abort(t, 0x83)
            return
        last = self.payments[-1]
        self._status(t, self._payment_fields(last, 0 if last.approved else 0x05))
        self._finish(t)
