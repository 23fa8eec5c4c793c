"""A real OCSP responder for tests: ``openssl ocsp`` answering from a CA index
(:meth:`drivers.eid.demo_pki.DemoPki.ocsp_responder_files`). ``openssl ocsp -port``
would listen on every interface, so a small HTTP front on 127.0.0.1 hands each request
to ``openssl ocsp -reqin`` and returns what it answers."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class OpensslOcspPeer:
    """``openssl ocsp`` behind HTTP on 127.0.0.1, answering from ``files``."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                answer = peer.answer(body)
                self.send_response(200)
                self.send_header("Content-Type", "application/ocsp-response")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/ocsp"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, request: bytes) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            req, resp = Path(tmp) / "req.der", Path(tmp) / "resp.der"
            req.write_bytes(request)
            subprocess.run(["openssl", "ocsp", "-index", str(self.files["index"]),
                            "-CA", str(self.files["ca"]), "-rsigner", str(self.files["ca"]),
                            "-rkey", str(self.files["key"]), "-reqin", str(req),
                            "-respout", str(resp), "-ndays", "1"],
                           check=True, capture_output=True, timeout=30)
            return resp.read_bytes()

    def __enter__(self) -> OpensslOcspPeer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


class CannedPeer:
    """A TCP peer on 127.0.0.1 that answers every connection with the same bytes: an OCSP
    response the test made (``http=True`` wraps it in an HTTP 200), or raw bytes that are
    not HTTP at all. For answers a real responder would not give: old, odd, broken."""

    def __init__(self, answer: bytes, *, http: bool = True) -> None:
        if http:
            answer = (b"HTTP/1.0 200 OK\r\nContent-Type: application/ocsp-response\r\n"
                      b"Content-Length: " + str(len(answer)).encode() + b"\r\n\r\n" + answer)
        self.answer = answer
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/ocsp"
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # closed: the test is over
            with connection:
                connection.settimeout(5)
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    request += chunk
                head, _, body = request.partition(b"\r\n\r\n")
                length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                while len(body) < length:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    body += chunk
                connection.sendall(self.answer)

    def __enter__(self) -> CannedPeer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self.thread.join(timeout=10)
