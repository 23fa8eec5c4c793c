"""ZVT transports: both move whole APDUs and bound every wait.

- :class:`TcpTransport`: APDUs back to back on a TCP stream (port 20007 by convention).
- :class:`SerialTransport`: each APDU in a DLE STX … DLE ETX frame with a CRC, answered
  by ACK 06 / NAK 15 at link level (see :mod:`drivers.payment.zvt.framing`).

Both serve the driver and the simulator alike: the simulator is the same code on the
other end of the socket or pty, which keeps the two honest with each other.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from typing import Protocol

from drivers.errors import DeviceTimeoutError, DeviceUnavailableError
from drivers.payment.zvt.codec import Apdu, decode_apdu, encode_apdu
from drivers.payment.zvt.errors import ZvtProtocolError
from drivers.payment.zvt.framing import (
    ACK_BYTE,
    DLE,
    NAK_BYTE,
    SerialFrameReader,
    encode_frame,
)

log = logging.getLogger(__name__)

# ZVT serial timeouts: T1 between bytes of one frame, T2 for the link ACK.
SERIAL_T1 = 1.0
SERIAL_T2 = 3.0
SERIAL_RETRIES = 3


class Transport(Protocol):
    def send(self, apdu: Apdu) -> None: ...

    def receive(self, timeout: float) -> Apdu: ...

    def close(self) -> None: ...


class TcpTransport:
    """One TCP connection; ``receive`` keeps partial APDUs across timeouts."""

    def __init__(self, sock: socket.socket, peer: str) -> None:
        self._sock = sock
        self._peer = peer
        self._buffer = bytearray()

    @classmethod
    def connect(cls, host: str, port: int, timeout: float) -> TcpTransport:
        try:
            sock = socket.create_connection((host, port), timeout=timeout)
        except OSError as exc:
            raise DeviceUnavailableError(f"card terminal {host}:{port} unreachable: {exc}") from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(sock, f"{host}:{port}")

    def send(self, apdu: Apdu) -> None:
        try:
            self._sock.sendall(encode_apdu(apdu))
        except OSError as exc:
            raise DeviceUnavailableError(f"card terminal {self._peer}: send failed: {exc}") from exc

    def receive(self, timeout: float) -> Apdu:
        deadline = time.monotonic() + timeout
        while True:
            apdu = self._take()
            if apdu is not None:
                return apdu
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceTimeoutError(f"card terminal {self._peer}: no answer in {timeout:g} s")
            self._sock.settimeout(remaining)
            try:
                chunk = self._sock.recv(4096)
            except TimeoutError:
                continue
            except OSError as exc:
                raise DeviceUnavailableError(f"card terminal {self._peer}: {exc}") from exc
            if not chunk:
                raise DeviceUnavailableError(f"card terminal {self._peer} closed the connection")
            self._buffer += chunk

    def _take(self) -> Apdu | None:
        buf = self._buffer
        if len(buf) < 3:
            return None
        offset, size = 3, buf[2]
        if size == 0xFF:
            if len(buf) < 5:
                return None
            offset, size = 5, int.from_bytes(buf[3:5], "little")
        if len(buf) < offset + size:
            return None
        raw = bytes(buf[:offset + size])
        del buf[:offset + size]
        return decode_apdu(raw)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.close()


class BytePort(Protocol):
    """What the serial transport needs of a port: pyserial's ``Serial`` fits."""

    timeout: float | None

    def read(self, size: int = 1) -> bytes: ...

    def write(self, data: bytes) -> int | None: ...

    def close(self) -> None: ...


class SerialTransport:
    """DLE STX framing, CRC, ACK/NAK with retries over a byte port."""

    def __init__(self, port: BytePort, name: str, t1: float = SERIAL_T1,
                 t2: float = SERIAL_T2, retries: int = SERIAL_RETRIES) -> None:
        self._port = port
        self._name = name
        self._t1 = t1
        self._t2 = t2
        self._retries = retries

    @classmethod
    def open(cls, path: str, baud: int = 9600, **kwargs: float) -> SerialTransport:
        import serial  # pyserial: imported here so TCP-only kiosks never load it

        try:
            port = serial.Serial(path, baudrate=baud, bytesize=8, parity="N", stopbits=2,
                                 timeout=0.1)
        except (serial.SerialException, OSError) as exc:
            raise DeviceUnavailableError(f"card terminal {path}: {exc}") from exc
        port.reset_input_buffer()  # stale bytes from before we opened it are no frame
        return cls(port, path, **kwargs)

    def _read(self, timeout: float) -> bytes:
        self._port.timeout = max(timeout, 0.001)
        try:
            return self._port.read(1)
        except OSError as exc:
            raise DeviceUnavailableError(f"card terminal {self._name}: {exc}") from exc

    def send(self, apdu: Apdu) -> None:
        frame = encode_frame(encode_apdu(apdu))
        for attempt in range(1, self._retries + 1):
            self._port.write(frame)
            answer = self._read(self._t2)
            if answer == ACK_BYTE:
                return
            what = "NAK" if answer == NAK_BYTE else (
                "no ACK" if not answer else f"byte {answer.hex()} instead of ACK")
            log.warning("%s: %s for %s (try %d of %d)", self._name, what, apdu.name,
                        attempt, self._retries)
        raise DeviceUnavailableError(
            f"card terminal {self._name}: {apdu.name} not acknowledged after "
            f"{self._retries} tries"
        )

    def receive(self, timeout: float) -> Apdu:
        deadline = time.monotonic() + timeout
        bad = 0
        while True:
            reader = SerialFrameReader()
            frame: bytes | None = None
            try:
                while frame is None:
                    # Before a frame starts we wait for the caller's timeout; inside a
                    # frame, at most T1 between bytes.
                    limit = self._t1 if reader.started else deadline - time.monotonic()
                    if limit <= 0:
                        raise DeviceTimeoutError(
                            f"card terminal {self._name}: no answer in {timeout:g} s")
                    byte = self._read(limit)
                    if not byte:
                        if reader.started:
                            raise ZvtProtocolError(
                                f"{self._name}: frame cut after {reader.position} bytes (T1)")
                        continue
                    if not reader.started and byte[0] != DLE:
                        continue  # hunt for DLE STX: line noise between frames
                    frame = reader.feed(byte[0])
            except ZvtProtocolError as exc:
                bad += 1
                log.warning("%s: bad frame (%s), NAK %d of %d", self._name, exc, bad,
                            self._retries)
                self._port.write(NAK_BYTE)
                if bad >= self._retries:
                    raise
                continue
            self._port.write(ACK_BYTE)
            return decode_apdu(frame)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._port.close()
