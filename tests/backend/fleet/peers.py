"""Real peers for alert routing tests: aiosmtpd on 127.0.0.1 (STARTTLS with a
throwaway certificate, AUTH LOGIN/PLAIN) and an HTTP receiver that records JSON posts
and can refuse the first ones. Each is a context manager that stops what it started."""

from __future__ import annotations

import datetime as dt
import gc
import ipaddress
import json
import queue
import ssl
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

USER, PASSWORD = "fleet", "s3cret-relay"


def self_signed(directory: Path) -> tuple[Path, Path]:
    """(certificate, key) PEM files for 127.0.0.1, valid for a day."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp.crt", directory / "smtp.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Mailbox:
    """What the SMTP server received, and who logged in."""

    messages: queue.Queue[Message] = field(default_factory=queue.Queue)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.put(message_from_bytes(envelope.original_content))
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == USER
            and auth_data.password.decode() == PASSWORD
        ):
            self.logins.append(USER)
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    def next(self, timeout_s: float = 15.0) -> Message:
        return self.messages.get(timeout=timeout_s)

    def nothing_within(self, timeout_s: float) -> bool:
        try:
            self.messages.get(timeout=timeout_s)
        except queue.Empty:
            return True
        return False


@contextmanager
def smtp_server(cert: Path, key: Path, port: int) -> Iterator[Mailbox]:
    """aiosmtpd requiring STARTTLS before AUTH, and AUTH before mail."""
    box = Mailbox()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=port,
        ready_timeout=10,
        tls_context=context,
        require_starttls=True,
        authenticator=box.authenticate,
        auth_required=True,
        auth_require_tls=True,
    )
    controller.start()
    try:
        yield box
    finally:
        controller.stop()
        # aiosmtpd drops the plain transport a STARTTLS upgrade replaced without closing
        # it (on its own loop, now stopped): collect it here, not in a later test.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()


@dataclass
class Receiver:
    url: str
    posts: queue.Queue[dict[str, Any]]
    refuse_first: list[int]  # how many more posts to answer 503 (mutable by the test)
    refused: list[float]


@contextmanager
def http_receiver(refuse_first: int = 0) -> Iterator[Receiver]:
    posts: queue.Queue[dict[str, Any]] = queue.Queue()
    state = Receiver("", posts, [refuse_first], [])
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                refuse = state.refuse_first[0] > 0
                if refuse:
                    state.refuse_first[0] -= 1
                    state.refused.append(1.0)
            if refuse:
                self.send_response(503)
                self.end_headers()
                return
            posts.put(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/alerts"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
