"""The vsmartcard ``vpcd`` socket protocol, card side.

Frames are a 2-byte big-endian length and a payload. A 1-byte payload is a control
code (00 power off, 01 power on, 02 reset, 04 get ATR → answer the ATR); anything
longer is a C-APDU, answered with the R-APDU. Closing the connection removes the card.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
from collections.abc import Callable
from typing import Protocol

from drivers.eid.virtual_card import CardRemoved

log = logging.getLogger(__name__)

_POWER_OFF, _POWER_ON, _RESET, _GET_ATR = 0, 1, 2, 4


class SmartCard(Protocol):
    atr: bytes

    def reset(self) -> None: ...

    def process(self, apdu: bytes) -> bytes: ...


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    data = bytearray()
    while len(data) < size:
        # vpcd writes the length and the body separately: without QUICKACK the kernel
        # delays our ACK (~40 ms) and Nagle on vpcd's side holds the body until then.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


class VpcdCardLink:
    """Puts ``card`` into a vpcd reader slot while inserted.

    ``connect`` returns a TCP socket already connected to the vpcd slot (see
    :class:`drivers.eid.private_pcscd.PrivatePcscd.connect_card`).
    """

    def __init__(self, card: SmartCard, connect: Callable[[], socket.socket]) -> None:
        self.card = card
        self._connect = connect
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.removed_by_card = threading.Event()

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def insert(self) -> None:
        if self.inserted:
            return
        self.removed_by_card.clear()
        self.card.reset()
        sock = self._connect()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,),
                                        name="virtual-eid", daemon=True)
        self._thread.start()

    def remove(self, timeout: float = 5.0) -> None:
        sock, thread = self._sock, self._thread
        self._sock = self._thread = None
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed by the card itself
                sock.shutdown(socket.SHUT_RDWR)
        if thread is not None:
            thread.join(timeout)
        if sock is not None:
            sock.close()

    def __enter__(self) -> VpcdCardLink:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                header = _recv_exactly(sock, 2)
                if header is None:
                    return
                (size,) = struct.unpack(">H", header)
                payload = _recv_exactly(sock, size)
                if payload is None:
                    return
                if size == 1:
                    code = payload[0]
                    if code == _GET_ATR:
                        sock.sendall(struct.pack(">H", len(self.card.atr)) + self.card.atr)
                    elif code in (_RESET, _POWER_ON):
                        self.card.reset()
                    continue
                try:
                    answer = self.card.process(payload)
                except CardRemoved:
                    self.removed_by_card.set()
                    sock.shutdown(socket.SHUT_RDWR)
                    return
                sock.sendall(struct.pack(">H", len(answer)) + answer)
        except OSError as exc:
            log.debug("virtual card link closed: %s", exc)
