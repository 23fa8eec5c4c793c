"""The SSP link: one command, one reply, bounded, retried, optionally encrypted."""

from __future__ import annotations

import logging
import time
from typing import Protocol

from drivers.cash.essp.crypto import EsspCipher, KeyExchange, aes_key
from drivers.cash.essp.frame import EsspProtocolError, Frame, FrameReader, encode_frame
from drivers.errors import DeviceError, DeviceTimeoutError, DeviceUnavailableError

log = logging.getLogger(__name__)

OK = 0xF0
REPLY_NAMES = {0xF0: "ok", 0xF2: "unknown command", 0xF3: "wrong number of parameters",
               0xF4: "parameter out of range", 0xF5: "cannot process", 0xF6: "software error",
               0xF8: "fail", 0xFA: "key not set"}
COMMANDS = {0x01: "reset", 0x02: "set inhibits", 0x05: "setup request",
            0x06: "host protocol version", 0x07: "poll", 0x08: "reject", 0x09: "disable",
            0x0A: "enable", 0x0C: "serial number", 0x11: "sync", 0x22: "get all levels",
            0x33: "payout amount", 0x3B: "set route", 0x3F: "empty all",
            0x4A: "set generator", 0x4B: "set modulus", 0x4C: "request key exchange"}


class BytePort(Protocol):
    timeout: float | None

    def read(self, size: int = 1) -> bytes: ...

    def write(self, data: bytes) -> int | None: ...

    def close(self) -> None: ...


def command_name(data: bytes) -> str:
    return COMMANDS.get(data[0], f"command {data[0]:02X}") if data else "empty command"


class EsspLink:
    """Talks to one SSP address. Every wait is bounded by ``timeout``; a missing or
    corrupt reply is retried ``retries`` times with the same SEQ bit (so the device
    repeats its answer instead of acting twice)."""

    def __init__(self, port: BytePort, name: str, address: int = 0, timeout: float = 1.0,
                 retries: int = 3) -> None:
        self._port = port
        self.name = name
        self.address = address
        self._timeout = timeout
        self._retries = retries
        self._seq = False
        self._cipher: EsspCipher | None = None

    @property
    def encrypted(self) -> bool:
        return self._cipher is not None

    def sync(self) -> None:
        self._seq = True  # SYNC goes out with the bit set; the device then expects 0
        self.expect_ok(self.command(b"\x11"), "sync")

    def negotiate_key(self) -> None:
        """Key exchange (4A, 4B, 4C); encrypted commands are possible afterwards."""
        exchange = KeyExchange()
        self.expect_ok(self.command(b"\x4a" + exchange.generator.to_bytes(8, "little")),
                       "set generator")
        self.expect_ok(self.command(b"\x4b" + exchange.modulus.to_bytes(8, "little")),
                       "set modulus")
        reply = self.command(b"\x4c" + exchange.intermediate.to_bytes(8, "little"))
        self.expect_ok(reply, "request key exchange")
        if len(reply) != 9:
            raise EsspProtocolError(f"{self.name}: key exchange reply of {len(reply)} bytes")
        self._cipher = EsspCipher(aes_key(exchange.key(int.from_bytes(reply[1:9], "little"))))

    def expect_ok(self, reply: bytes, what: str) -> bytes:
        if not reply:
            raise EsspProtocolError(f"{self.name}: empty reply to {what}")
        if reply[0] != OK:
            reason = REPLY_NAMES.get(reply[0], f"code {reply[0]:02X}")
            raise DeviceError(f"{self.name}: {what} refused: {reason}")
        return reply

    def command(self, data: bytes, encrypted: bool = False) -> bytes:
        """Send ``data``; returns the reply data (response code first)."""
        if encrypted:
            if self._cipher is None:
                raise DeviceError(f"{self.name}: {command_name(data)} needs the encryption key")
            payload = self._cipher.wrap(data)
        else:
            payload = data
        wire = encode_frame(Frame(self._seq, self.address, payload))
        reply = self._transact(wire, command_name(data))
        self._seq = not self._seq
        if encrypted and reply[:1] == b"\x7e":
            assert self._cipher is not None
            return self._cipher.unwrap(reply)
        return reply

    def _transact(self, wire: bytes, what: str) -> bytes:
        last: DeviceError | None = None
        for attempt in range(1, self._retries + 1):
            try:
                self._port.write(wire)
            except OSError as exc:
                raise DeviceUnavailableError(f"{self.name}: write failed: {exc}") from exc
            try:
                frame = self._read_frame()
            except (DeviceTimeoutError, EsspProtocolError) as exc:
                last = exc
                log.warning("%s: %s: %s (try %d of %d)", self.name, what, exc, attempt,
                            self._retries)
                self._drain()
                continue
            if frame.address != self.address:
                last = EsspProtocolError(
                    f"{self.name}: reply from address {frame.address}, expected {self.address}")
                continue
            if not frame.data:
                last = EsspProtocolError(f"{self.name}: empty reply to {what}")
                continue
            return frame.data
        assert last is not None
        if isinstance(last, DeviceTimeoutError):
            raise DeviceTimeoutError(
                f"{self.name}: no reply to {what} after {self._retries} tries") from last
        raise EsspProtocolError(
            f"{self.name}: {what} failed after {self._retries} tries: {last}") from last

    def _read_frame(self) -> Frame:
        reader = FrameReader()
        deadline = time.monotonic() + self._timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceTimeoutError(f"{self.name}: no reply in {self._timeout:g} s")
            self._port.timeout = remaining
            try:
                byte = self._port.read(1)
            except OSError as exc:
                raise DeviceUnavailableError(f"{self.name}: read failed: {exc}") from exc
            if not byte:
                continue
            frame = reader.feed(byte[0])
            if frame is not None:
                return frame

    def _drain(self) -> None:
        # Drop the rest of a broken reply so the retry's answer starts clean.
        self._port.timeout = 0.02
        for _ in range(1024):
            if not self._port.read(64):
                return

    def close(self) -> None:
        try:
            self._port.close()
        except OSError as exc:
            log.debug("%s: close: %s", self.name, exc)
