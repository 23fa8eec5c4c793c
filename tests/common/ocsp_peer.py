"""A real OCSP responder for tests: ``openssl ocsp`` answering from a CA index
(:meth:`drivers.eid.demo_pki.DemoPki.ocsp_responder_files`). ``openssl ocsp -port``
would listen on every interface, so a small HTTP front on 127.0.0.1 hands each request
to ``openssl ocsp -reqin`` and returns what it answers."""

from __future__ import annotations

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
