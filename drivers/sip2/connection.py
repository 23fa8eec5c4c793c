"""One TCP (optionally TLS) connection carrying CR-terminated SIP2 frames.

Every read is bounded by a deadline: a library system that goes silent costs at
most ``read_timeout_s``, never a hung kiosk.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import time

from drivers.sip2.errors import Sip2ConnectionError, Sip2ProtocolError, Sip2TimeoutError

_CR = b"\r"


class FrameConnection:
    """A connected socket and its unread bytes."""

    def __init__(self, sock: socket.socket, max_frame_bytes: int) -> None:
        self._sock = sock
        self._buffer = bytearray()
        self._max = max_frame_bytes

    @classmethod
    def open(
        cls,
        host: str,
        port: int,
        *,
        timeout_s: float,
        tls: ssl.SSLContext | None,
        server_hostname: str | None,
        max_frame_bytes: int,
    ) -> FrameConnection:
        """Connect; raises :class:`Sip2ConnectionError` naming the address."""
        try:
            sock = socket.create_connection((host, port), timeout=timeout_s)
        except TimeoutError:
            raise Sip2TimeoutError(
                "connect", f"{host}:{port} did not accept within {timeout_s:g} s"
            ) from None
        except OSError as exc:
            raise Sip2ConnectionError("connect", f"{host}:{port}: {exc.strerror or exc}") from None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if tls is not None:
            try:
                sock = tls.wrap_socket(sock, server_hostname=server_hostname or host)
            except (OSError, ssl.SSLError) as exc:
                sock.close()
                raise Sip2ConnectionError("connect", f"TLS with {host}:{port}: {exc}") from None
        return cls(sock, max_frame_bytes)

    def send(self, frame: bytes, what: str) -> None:
        try:
            self._sock.sendall(frame)
        except OSError as exc:
            raise Sip2ConnectionError(what, f"sending failed: {exc.strerror or exc}") from None

    def read_frame(self, timeout_s: float, what: str) -> bytes:
        """The next frame, CR included; raises on timeout, EOF or an over-long frame."""
        deadline = time.monotonic() + timeout_s
        while True:
            cr = self._buffer.find(_CR)
            if cr != -1:
                frame = bytes(self._buffer[: cr + 1])
                del self._buffer[: cr + 1]
                # Some systems send CR LF; the LF belongs to no frame.
                if self._buffer[:1] == b"\n":
                    del self._buffer[:1]
                return frame.lstrip(b"\n")
            if len(self._buffer) > self._max:
                raise Sip2ProtocolError(
                    what, f"answer longer than {self._max} bytes without a CR terminator"
                )
            left = deadline - time.monotonic()
            if left <= 0:
                raise Sip2TimeoutError(what, f"no answer within {timeout_s:g} s")
            self._sock.settimeout(left)
            try:
                chunk = self._sock.recv(4096)
            except TimeoutError:
                raise Sip2TimeoutError(what, f"no answer within {timeout_s:g} s") from None
            except OSError as exc:
                raise Sip2ConnectionError(what, f"connection lost: {exc.strerror or exc}") from None
            if not chunk:
                raise Sip2ConnectionError(what, "the library system closed the connection")
            self._buffer += chunk

    def close(self) -> None:
        with contextlib.suppress(OSError):  # already gone; nothing to release
            self._sock.close()
