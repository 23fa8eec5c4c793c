"""``EsspCashDevice``: the :class:`~drivers.cash.interface.CashDevice` over eSSP.

Money moves (payout, route, empty) always go through the encrypted layer, negotiated
when the link opens. The link opens on first use and is dropped after any error, so
the next call starts with a fresh SYNC and key.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from drivers.cash.cashbox import CashboxCounter
from drivers.cash.essp.events import RawEvent, parse_poll
from drivers.cash.essp.frame import EsspProtocolError
from drivers.cash.essp.link import BytePort, EsspLink
from drivers.cash.interface import (
    DEFAULT_CASHBOX_CAPACITY,
    CashboxFill,
    CashEvent,
    CashPayoutError,
    CashStatus,
)
from drivers.errors import DeviceError, DeviceUnavailableError

log = logging.getLogger(__name__)

T = TypeVar("T")
PROTOCOL_VERSION = 6
CURRENCY = b"EUR"
# PAYOUT AMOUNT (33) option byte, as the SMART Payout / SMART Hopper SSP manuals define
# it: 0x58 ('X') dispenses, 0x19 only tests whether the amount could be paid.
PAYOUT_REAL = 0x58
PAYOUT_TEST = 0x19
PAYOUT_ERRORS = {
    0: "not enough value stored",
    1: "cannot pay the exact amount",
    3: "device busy",
    4: "device disabled",
}
_PAYOUT_END = {"dispensed", "incomplete_payout", "payout_jam", "halted", "payout_timeout"}


@dataclass(frozen=True)
class Setup:
    """What the setup request (05) told us: the channels' values in cents."""

    unit_type: int
    firmware: str
    protocol: int
    channels: tuple[int, ...]


def parse_setup(reply: bytes) -> Setup:
    """Validator setup reply, protocol 6 layout (expanded channel values)."""

    def need(pos: int, size: int, what: str) -> None:
        if pos + size > len(reply):
            raise EsspProtocolError(f"setup reply cut in {what} at offset {pos}")

    # F0, unit type, firmware (4), country (3), multiplier (3), channel count, then
    # values and security per channel, real multiplier (3), protocol, currencies, values.
    need(1, 12, "header")
    firmware = reply[2:6].decode("ascii", "replace")
    count = reply[12]
    pos = 13 + 2 * count
    need(pos, 4, "multiplier and protocol")
    multiplier = int.from_bytes(reply[pos : pos + 3], "big") or 1
    protocol = reply[pos + 3]
    pos += 4 + 3 * count
    need(pos, 4 * count, "expanded channel values")
    values = tuple(
        int.from_bytes(reply[pos + 4 * i : pos + 4 * i + 4], "little") * multiplier
        for i in range(count)
    )
    return Setup(reply[1], firmware, protocol, values)


class EsspCashDevice:
    """A note recycler / coin hopper at one SSP address."""

    def __init__(
        self,
        open_port: Callable[[], BytePort],
        name: str,
        address: int = 0,
        timeout: float = 1.0,
        retries: int = 3,
        payout_timeout: float = 30.0,
        poll_interval: float = 0.2,
        cashbox_capacity: int = DEFAULT_CASHBOX_CAPACITY,
    ) -> None:
        self._open_port = open_port
        self.name = name
        self._address = address
        self._timeout = timeout
        self._retries = retries
        self._payout_timeout = payout_timeout
        self._poll_interval = poll_interval
        self._link: EsspLink | None = None
        self._setup: Setup | None = None
        self._pending: list[CashEvent] = []  # events seen while waiting on a payout
        self._cashbox = CashboxCounter(cashbox_capacity)

    # --- CashDevice ------------------------------------------------------------------

    def status(self) -> CashStatus:
        """SYNC the device; never raises."""
        try:
            self._ensure().sync()
        except DeviceError as exc:
            self._drop()
            return CashStatus(online=False, error=str(exc))
        return CashStatus(online=True)

    def enable(self, accepted_cents: frozenset[int]) -> None:
        """Open the channels whose value is in ``accepted_cents`` and start accepting."""

        def run(link: EsspLink) -> None:
            assert self._setup is not None
            mask = sum(
                1 << i for i, value in enumerate(self._setup.channels) if value in accepted_cents
            )
            link.expect_ok(link.command(b"\x02" + mask.to_bytes(2, "little")), "set inhibits")
            link.expect_ok(link.command(b"\x0a"), "enable")

        self._call(run)

    def disable(self) -> None:
        self._call(lambda link: link.expect_ok(link.command(b"\x09"), "disable"))

    def poll(self) -> list[CashEvent]:
        events, self._pending = self._pending, []
        return events + [self._event(raw) for raw in self._call(self._poll_raw)]

    def levels(self) -> dict[int, int]:
        """Get all levels (22): denomination in cents → count stored for payout."""
        reply = self._call(lambda link: link.expect_ok(link.command(b"\x22"), "get all levels"))
        if len(reply) < 2 or len(reply) != 2 + reply[1] * 9:
            raise EsspProtocolError(
                f"{self.name}: levels reply of {len(reply)} bytes "
                f"does not hold {reply[1:2].hex() or 'a count'} entries"
            )
        levels: dict[int, int] = {}
        for i in range(reply[1]):
            base = 2 + 9 * i
            value = int.from_bytes(reply[base + 2 : base + 6], "little")
            levels[value] = levels.get(value, 0) + int.from_bytes(reply[base : base + 2], "little")
        return levels

    def payout(self, amount_cents: int) -> int:
        """Pay what the stored levels allow, up to ``amount_cents`` (encrypted 33),
        then poll until the device reports the end of the payout."""
        if amount_cents <= 0:
            return 0
        payable = _payable(self.levels(), amount_cents)
        if payable == 0:
            return 0
        # The test payout asks the device itself whether it can pay (our levels may be
        # stale); only when it says yes does the real one move money.
        self._payout_command(payable, PAYOUT_TEST, "test payout")
        self._payout_command(payable, PAYOUT_REAL, "payout")
        return self._wait_payout(payable)

    def _payout_command(self, amount: int, option: int, what: str) -> None:
        data = b"\x33" + amount.to_bytes(4, "little") + CURRENCY + bytes([option])
        reply = self._call(lambda link: link.command(data, encrypted=True))
        if reply[:1] == b"\xf5":
            reason = PAYOUT_ERRORS.get(reply[1] if len(reply) > 1 else -1, "refused")
            raise DeviceError(f"{self.name}: {what} of {amount} cents refused: {reason}")
        if reply[:1] != b"\xf0":
            raise DeviceError(
                f"{self.name}: {what} of {amount} cents refused (reply {reply[:1].hex()})"
            )

    def route(self, value_cents: int, to_cashbox: bool) -> None:
        data = (
            b"\x3b" + bytes([1 if to_cashbox else 0]) + value_cents.to_bytes(4, "little") + CURRENCY
        )
        self._call(lambda link: link.expect_ok(link.command(data, encrypted=True), "set route"))
        self._cashbox.routed(value_cents, to_cashbox)

    def empty(self) -> int:
        """Empty all (3F) into the cashbox; waits for the emptied event."""
        levels = self.levels()
        moved = sum(value * count for value, count in levels.items())
        self._call(lambda link: link.expect_ok(link.command(b"\x3f", encrypted=True), "empty all"))
        self._cashbox.moved(sum(levels.values()))
        deadline = time.monotonic() + self._payout_timeout
        while time.monotonic() < deadline:
            for raw in self._call(self._poll_raw):
                if raw.kind == "emptied":
                    return moved
                self._pending.append(self._event(raw))
            time.sleep(self._poll_interval)
        raise DeviceError(f"{self.name}: emptying did not finish in {self._payout_timeout:g} s")

    def cashbox(self) -> CashboxFill:
        """Counted by this driver from the events it polls (eSSP has no cashbox count
        command in the set we speak): see :mod:`drivers.cash.cashbox`."""
        return self._cashbox.fill()

    def restore_cashbox(self, notes: int) -> None:
        """The count kept by the kiosk across restarts (see :meth:`cashbox`)."""
        self._cashbox.restore(notes)

    def close(self) -> None:
        self._drop()

    # --- internals -----------------------------------------------------------------------

    def _ensure(self) -> EsspLink:
        if self._link is None:
            link = EsspLink(
                self._open_port(), self.name, self._address, self._timeout, self._retries
            )
            try:
                link.sync()
                link.expect_ok(
                    link.command(bytes([0x06, PROTOCOL_VERSION])),
                    f"host protocol version {PROTOCOL_VERSION}",
                )
                self._setup = parse_setup(link.expect_ok(link.command(b"\x05"), "setup"))
                link.negotiate_key()
            except DeviceError:
                link.close()
                raise
            self._link = link
            log.info(
                "%s: eSSP protocol %d, channels %s, encryption on",
                self.name,
                self._setup.protocol,
                self._setup.channels,
            )
        return self._link

    def _drop(self) -> None:
        if self._link is not None:
            self._link.close()
            self._link = None

    def _call(self, action: Callable[[EsspLink], T]) -> T:
        link = self._ensure()
        try:
            return action(link)
        except DeviceError:
            self._drop()
            raise

    def _poll_raw(self, link: EsspLink) -> list[RawEvent]:
        return parse_poll(link.expect_ok(link.command(b"\x07"), "poll"))

    def _event(self, raw: RawEvent) -> CashEvent:
        value = raw.value
        if raw.channel and self._setup and raw.channel <= len(self._setup.channels):
            value = self._setup.channels[raw.channel - 1]
        detail = raw.detail or (f"requested {raw.requested}" if raw.requested else "")
        self._cashbox.seen(raw.kind, value)  # every polled event passes here once
        return CashEvent(raw.kind, value, detail)

    def _wait_payout(self, requested: int) -> int:
        deadline = time.monotonic() + self._payout_timeout
        paid = 0
        while time.monotonic() < deadline:
            try:
                raws = self._call(self._poll_raw)
            except DeviceError as exc:
                raise CashPayoutError(
                    f"{self.name}: lost the device during a payout: {exc}", paid, requested
                ) from exc
            for raw in raws:
                event = self._event(raw)
                if raw.kind == "dispensing":
                    paid = max(paid, raw.value)
                    continue
                if raw.kind not in _PAYOUT_END:
                    self._pending.append(event)
                    continue
                self._pending.append(event)
                if raw.kind == "dispensed":
                    return raw.value
                raise CashPayoutError(
                    f"{self.name}: payout stopped ({raw.kind}) after {raw.value} of "
                    f"{requested} cents",
                    raw.value,
                    requested,
                )
            time.sleep(self._poll_interval)
        raise CashPayoutError(
            f"{self.name}: payout unfinished after "
            f"{self._payout_timeout:g} s; at least {paid} cents paid",
            paid,
            requested,
        )


def _payable(levels: dict[int, int], amount: int) -> int:
    """Largest amount ≤ ``amount`` the levels can make, greedy from the biggest value."""
    paid = 0
    for value in sorted(levels, reverse=True):
        take = min(levels[value], (amount - paid) // value) if value > 0 else 0
        paid += take * value
    return paid


def open_serial(path: str, baud: int = 9600) -> BytePort:
    """pyserial port for SSP: 8 data bits, no parity, 2 stop bits."""
    import serial

    try:
        return serial.Serial(path, baudrate=baud, bytesize=8, parity="N", stopbits=2, timeout=0.1)
    except (serial.SerialException, OSError) as exc:
        raise DeviceUnavailableError(f"cash device {path}: {exc}") from exc
