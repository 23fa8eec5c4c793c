"""A scripted SIP2 peer on 127.0.0.1 for frames the real server never sends (malformed
answers, 96 resend requests, wrong sequence numbers)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

from pysip2 import calculate_checksum

# Given the request frame and how many requests came before on this connection,
# return the bytes to answer (b"" = answer nothing, None = close the connection).
Script = Callable[[bytes, int], bytes | None]


def checksummed(body: str, seq: str | None = None) -> bytes:
    prefix = body.encode("cp850") + (f"AY{seq}AZ".encode() if seq is not None else b"AZ")
    return prefix + calculate_checksum(prefix).encode() + b"\r"


def seq_of(frame: bytes) -> str:
    at = frame.rfind(b"AY")
    return frame[at + 2 : at + 3].decode()


class RawServer:
    def __init__(self, script: Script) -> None:
        self._script = script
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(0.2)
                buffer = b""
                count = 0
                while not self._stop.is_set():
                    try:
                        data = conn.recv(4096)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not data:
                        break
                    buffer += data
                    closed = False
                    while b"\r" in buffer:
                        frame, buffer = buffer.split(b"\r", 1)
                        frame += b"\r"
                        self.requests.append(frame)
                        answer = self._script(frame, count)
                        count += 1
                        if answer is None:
                            closed = True
                            break
                        if answer:
                            conn.sendall(answer)
                    if closed:
                        break

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
