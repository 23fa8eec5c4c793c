"""An eSSP note recycler simulator on a pty, speaking the real framing and encryption.

Tests call :meth:`EsspCashSimulator.insert` as a citizen feeds money (or
:meth:`queue_insert` to feed it as soon as the host enables acceptance). Faults:
jam (safe jam on the next note), unsafe_jam, stacker_full, fraud, cashbox_removed
(E3 now, E4 when cleared), jam_mid_payout, silent (no reply at all), bad_crc (the next
reply goes out with a broken CRC, once).
"""

from __future__ import annotations

import logging
import secrets
import threading

from drivers.cash.essp.crypto import EsspCipher, aes_key
from drivers.cash.essp.frame import EsspProtocolError, Frame, FrameReader, encode_frame
from drivers.pty import RawPty
from drivers.simulation import FaultSet

log = logging.getLogger(__name__)

ESSP_SIM_FAULTS = ("jam", "unsafe_jam", "stacker_full", "fraud", "cashbox_removed",
                   "jam_mid_payout", "silent", "bad_crc")
CHANNELS = (500, 1000, 2000, 5000)
DEFAULT_LEVELS = {100: 20, 200: 20, 500: 10, 1000: 10, 2000: 5}
_MONEY = {0x33, 0x3B, 0x3F}  # refused unless encrypted
# PAYOUT AMOUNT (33) option byte, written here from the ITL SMART Payout SSP manual and
# on purpose not imported from the driver: a twin sharing the driver's constant cannot
# see the driver get it wrong. 0x58 dispenses; 0x19 only answers whether it could.
SPEC_PAYOUT_REAL = 0x58
SPEC_PAYOUT_TEST = 0x19
# F5 reply data for a payout the device cannot make (same manual).
SPEC_NOT_ENOUGH_VALUE = 0x00
SPEC_CANNOT_PAY_EXACT = 0x01
# Poll events as the SSP manuals code them, again not taken from the driver's table.
# Channel events carry the channel (1 byte); payout events the count of currencies (1)
# then per currency the value (u32 LE, cents) and its ISO code (3 ASCII).
SPEC_EVENTS = {"reset": 0xF1, "read": 0xEF, "credit": 0xEE, "rejecting": 0xED,
               "rejected": 0xEC, "stacking": 0xCC, "stacked": 0xEB, "stacker_full": 0xE7,
               "fraud": 0xE6, "cashbox_removed": 0xE3, "cashbox_replaced": 0xE4,
               "dispensing": 0xDA, "dispensed": 0xD2, "payout_jam": 0xD5,
               "emptying": 0xC2, "emptied": 0xC3}
_CHANNEL_EVENTS = {"read", "credit", "fraud"}
_VALUE_EVENTS = {"dispensing", "dispensed", "payout_jam"}


def _event(kind: str, channel: int = 0, value: int = 0) -> bytes:
    out = bytes([SPEC_EVENTS[kind]])
    if kind in _CHANNEL_EVENTS:
        out += bytes([channel])
    elif kind in _VALUE_EVENTS:
        out += b"\x01" + value.to_bytes(4, "little") + b"EUR"
    return out


class EsspCashSimulator:
    """Start with :meth:`start` (returns the ``essp+serial://`` URI); always :meth:`stop`."""

    def __init__(self, faults: list[str] | None = None,
                 levels: dict[int, int] | None = None, address: int = 0) -> None:
        self.faults = FaultSet("eSSP device", ESSP_SIM_FAULTS, ())
        self.levels = dict(DEFAULT_LEVELS if levels is None else levels)
        self.cashbox: dict[int, int] = {}
        self.address = address
        self.commands: list[int] = []
        self.received: list[bytes] = []  # every command's plaintext, decrypted if it was
        self.paid_out: list[int] = []  # amounts really dispensed (not test payouts)
        self._to_cashbox: set[int] = set()
        self._inhibits = 0
        self._enabled = False
        self._batches: list[list[bytes]] = [[_event("reset")]]
        self._queued: list[int] = []
        self._lock = threading.Lock()
        self._last_seq: bool | None = None
        self._last_reply = b""
        self._generator = self._modulus = 0
        self._cipher: EsspCipher | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pty: RawPty | None = None
        for fault in faults or ():
            self.inject(fault)

    # --- test hooks ------------------------------------------------------------------

    def inject(self, fault: str) -> None:
        self.faults.inject(fault)
        if fault == "cashbox_removed":
            self._push([_event("cashbox_removed")])

    def clear(self, fault: str | None = None) -> None:
        if fault in (None, "cashbox_removed") and "cashbox_removed" in self.faults:
            self._push([_event("cashbox_replaced")])
        self.faults.clear(fault)

    def insert(self, value_cents: int) -> None:
        """A citizen feeds a note of ``value_cents``."""
        with self._lock:
            self._insert_locked(value_cents)

    def queue_insert(self, *values: int) -> None:
        """Feed these notes as soon as the host enables the device."""
        with self._lock:
            self._queued.extend(values)
            if self._enabled:
                self._flush_queue()

    def _push(self, batch: list[bytes]) -> None:
        with self._lock:
            self._batches.append(batch)

    def _insert_locked(self, value: int) -> None:
        channel = CHANNELS.index(value) + 1 if value in CHANNELS else 0
        open_ = self._enabled and channel and self._inhibits & (1 << (channel - 1))
        read = _event("read", channel=channel)
        if "fraud" in self.faults:
            self._batches.append([read, _event("fraud", channel=channel)])
        elif "jam" in self.faults or "unsafe_jam" in self.faults:
            kind = b"\xea" if "unsafe_jam" in self.faults else b"\xe9"
            self._batches.append([read, kind])
        elif "stacker_full" in self.faults:
            self._batches.append([read, _event("stacker_full"),
                                  _event("rejecting"), _event("rejected")])
        elif not open_:
            self._batches.append([_event("read", channel=0)])
            self._batches.append([_event("rejecting"), _event("rejected")])
        else:
            self._batches.append([read])
            self._batches.append([_event("credit", channel=channel),
                                  _event("stacking")])
            self._batches.append([_event("stacked")])
            store = self.cashbox if value in self._to_cashbox else self.levels
            store[value] = store.get(value, 0) + 1

    def _flush_queue(self) -> None:
        queued, self._queued = self._queued, []
        for value in queued:
            self._insert_locked(value)

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> str:
        self._pty = RawPty()
        self._thread = threading.Thread(target=self._serve, name="essp-simulator", daemon=True)
        self._thread.start()
        return f"essp+serial://{self._pty.path}"

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._pty is not None:
            self._pty.close()
            self._pty = None

    def __enter__(self) -> EsspCashSimulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        assert self._pty is not None
        port = self._pty
        reader = FrameReader()
        while not self._stop.is_set():
            chunk = port.read(256)
            for byte in chunk:
                try:
                    frame = reader.feed(byte)
                except EsspProtocolError as exc:
                    log.debug("essp simulator: dropped bad frame: %s", exc)
                    reader = FrameReader()
                    continue
                if frame is None:
                    continue
                reader = FrameReader()
                if frame.address != self.address or "silent" in self.faults:
                    continue
                port.write(self._answer(frame))

    # --- the device -----------------------------------------------------------------

    def _answer(self, frame: Frame) -> bytes:
        is_sync = frame.data[:1] == b"\x11"
        if not is_sync and frame.seq == self._last_seq and self._last_reply:
            wire = self._last_reply  # a retry: same answer, no second action
        else:
            data = self._handle(frame.data)
            wire = encode_frame(Frame(frame.seq, self.address, data))
            self._last_seq, self._last_reply = frame.seq, wire
        if "bad_crc" in self.faults:
            self.faults.clear("bad_crc")
            return wire[:-1] + bytes([wire[-1] ^ 0x55])
        return wire

    def _handle(self, data: bytes) -> bytes:
        if data[:1] == b"\x7e":
            if self._cipher is None:
                return b"\xfa"
            try:
                inner = self._cipher.unwrap(data)
            except EsspProtocolError:
                return b"\xf6"
            return self._cipher.wrap(self._command(inner, encrypted=True))
        return self._command(data, encrypted=False)

    def _command(self, data: bytes, encrypted: bool) -> bytes:
        code, args = data[0], data[1:]
        self.commands.append(code)
        self.received.append(bytes(data))
        if code in _MONEY and not encrypted:
            return b"\xfa"
        with self._lock:
            if code == 0x11:
                return b"\xf0"
            if code == 0x06:
                return b"\xf0" if args and args[0] >= 6 else b"\xf8"
            if code == 0x05:
                return self._setup()
            if code == 0x02:
                self._inhibits = int.from_bytes(args[:2], "little")
                return b"\xf0"
            if code == 0x0A:
                self._enabled = True
                self._flush_queue()
                return b"\xf0"
            if code == 0x09:
                self._enabled = False
                return b"\xf0"
            if code == 0x07:
                batch = self._batches.pop(0) if self._batches else []
                return b"\xf0" + b"".join(batch)
            if code == 0x0C:
                return b"\xf0" + (12345678).to_bytes(4, "big")
            if code == 0x22:
                return self._levels_reply()
            if code == 0x33:
                return self._payout_amount(args)
            if code == 0x3B:
                value = int.from_bytes(args[1:5], "little")
                (self._to_cashbox.add if args[0] else self._to_cashbox.discard)(value)
                return b"\xf0"
            if code == 0x3F:
                for value, count in self.levels.items():
                    self.cashbox[value] = self.cashbox.get(value, 0) + count
                self.levels = dict.fromkeys(self.levels, 0)
                self._batches += [[_event("emptying")], [_event("emptied")]]
                return b"\xf0"
            return self._keys(code, args)

    def _keys(self, code: int, args: bytes) -> bytes:
        if code in (0x4A, 0x4B, 0x4C) and len(args) != 8:
            return b"\xf3"
        number = int.from_bytes(args, "little")
        if code == 0x4A:
            self._generator = number
            return b"\xf0"
        if code == 0x4B:
            self._modulus = number
            return b"\xf0"
        if code == 0x4C:
            if not (self._generator and self._modulus):
                return b"\xf5"
            secret = secrets.randbelow(self._modulus - 2) + 1
            key = pow(number, secret, self._modulus)
            self._cipher = EsspCipher(aes_key(key))
            return b"\xf0" + pow(self._generator, secret, self._modulus).to_bytes(8, "little")
        return b"\xf2"

    def _setup(self) -> bytes:
        n = len(CHANNELS)
        out = bytearray(b"\xf0\x06" + b"0420" + b"EUR" + (1).to_bytes(3, "big") + bytes([n]))
        out += bytes(v // 100 for v in CHANNELS) + bytes([2] * n)
        out += (100).to_bytes(3, "big") + bytes([6]) + b"EUR" * n
        for value in CHANNELS:
            out += (value // 100).to_bytes(4, "little")
        return bytes(out)

    def _levels_reply(self) -> bytes:
        items = sorted(self.levels.items())
        out = bytearray(b"\xf0" + bytes([len(items)]))
        for value, count in items:
            out += count.to_bytes(2, "little") + value.to_bytes(4, "little") + b"EUR"
        return bytes(out)

    def _payout_amount(self, args: bytes) -> bytes:
        """33 | amount u32 LE | currency 3 ASCII | option: anything else is refused."""
        if len(args) != 8:
            return b"\xf3"  # wrong number of parameters
        amount, currency, option = int.from_bytes(args[:4], "little"), args[4:7], args[7]
        if option not in (SPEC_PAYOUT_REAL, SPEC_PAYOUT_TEST) or currency != b"EUR":
            return b"\xf4"  # parameter out of range
        if sum(v * n for v, n in self.levels.items()) < amount:
            return bytes([0xF5, SPEC_NOT_ENOUGH_VALUE])
        plan = self._plan(amount)
        if plan is None:
            return bytes([0xF5, SPEC_CANNOT_PAY_EXACT])
        if option == SPEC_PAYOUT_TEST:
            return b"\xf0"  # it could pay; nothing moves
        return self._dispense(amount, plan)

    def _plan(self, amount: int) -> list[int] | None:
        plan: list[int] = []
        left = amount
        for value in sorted(self.levels, reverse=True):
            take = min(self.levels[value], left // value)
            plan += [value] * take
            left -= take * value
        return None if left else plan

    def _dispense(self, amount: int, plan: list[int]) -> bytes:
        if "jam_mid_payout" in self.faults:
            first = plan[0]
            self.levels[first] -= 1
            self.paid_out.append(first)
            self._batches += [[_event("dispensing", value=first)],
                              [_event("payout_jam", value=first)]]
            return b"\xf0"
        for value in plan:
            self.levels[value] -= 1
        self.paid_out.append(amount)
        self._batches += [[_event("dispensing", value=amount)],
                          [_event("dispensed", value=amount)]]
        return b"\xf0"


