"""Kiosk-side helpers for sync tests: queued events, configs, a fault-injecting proxy."""

from __future__ import annotations

import itertools
import random
import socket
import socketserver
import struct
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from kiosk.backend.database import Database
from kiosk.backend.tables import EventRow, QueueTicketRow
from kiosk.store.database import Store
from kiosk.store.models import OutboxEvent, RequestRow
from sync.backoff import Backoff
from sync.client import BackendClient
from sync.outbox import Outbox
from sync.reference import ReferenceCache
from sync.relay import Relay, RelaySettings
from sync.status import StatusRecorder


def utc_now() -> datetime:
    return datetime.now(UTC)


def queue_events(store: Store, n: int, kiosk_id: str, site: str = "bxl-centre",
                 event_type: str = "queue_ticket.issued") -> list[str]:
    """Commit ``n`` ticket requests with their outbox events, as the domain does."""
    ids = []
    with store.write() as session:
        for _ in range(n):
            now = utc_now()
            request_id, event_id = str(uuid.uuid4()), str(uuid.uuid4())
            payload = {"site": site, "kiosk_id": kiosk_id, "desk": "population",
                       "number": f"P-{len(ids) % 1000:03d}", "day": now.date().isoformat(),
                       "language": "fr", "issued_at": now.isoformat()}
            session.add(RequestRow(id=request_id, kind="queue_ticket", service_id="queue-ticket",
                                   reference=f"ref-{request_id}", site=site, kiosk_id=kiosk_id,
                                   language="fr", status="committed", payload=payload,
                                   created_at=now))
            session.flush()
            session.add(OutboxEvent(event_id=event_id, type=event_type, request_id=request_id,
                                    payload={"request_id": request_id, **payload},
                                    created_at=now, attempts=0, state="pending"))
            ids.append(event_id)
    return ids


def make_relay(store: Store, url: str, token: str, *, batch_size: int = 100,
               timeout_s: float = 5.0, interval_s: float = 0.05,
               backoff: Backoff | None = None) -> tuple[Relay, BackendClient]:
    client = BackendClient(url, token, timeout_s)
    relay = Relay(Outbox(store), client, StatusRecorder(store, utc_now), ReferenceCache(store),
                  utc_now, RelaySettings(batch_size=batch_size, interval_s=interval_s,
                                         reference_interval_s=30, heartbeat_s=5,
                                         backoff=backoff or Backoff(0.02, 0.2)))
    return relay, client


def backend_events(db_url: str, kiosk_id: str) -> tuple[list[str], int]:
    """(event ids the backend holds for the kiosk, queue tickets applied for it)."""
    database = Database(db_url)
    try:
        with database.read() as session:
            ids = list(session.scalars(select(EventRow.event_id)
                                       .where(EventRow.device_id == kiosk_id)))
            tickets = session.scalar(select(func.count()).select_from(QueueTicketRow)
                                     .where(QueueTicketRow.kiosk_id == kiosk_id))
        return ids, tickets
    finally:
        database.close()


def assert_exactly_once(store: Store, db_url: str, kiosk_id: str, sent: list[str]) -> None:
    ids, tickets = backend_events(db_url, kiosk_id)
    assert len(ids) == len(set(ids)) == len(sent), (len(ids), len(sent))
    assert set(ids) == set(sent)
    assert tickets == len(sent)  # each event's effect applied once
    with store.read() as session:
        left = session.scalar(select(func.count()).select_from(OutboxEvent)
                              .where(OutboxEvent.state != "rejected"))
    assert left == 0


def write_config(tmp_path: Path, url: str, token: str, kiosk_id: str, db: Path,
                 site: str = "bxl-centre", batch_size: int = 50) -> Path:
    credential = tmp_path / "credential"
    credential.write_text(token + "\n", encoding="utf-8")
    path = tmp_path / "kiosk.toml"
    path.write_text(f"""
[kiosk]
id = "{kiosk_id}"
site = "{site}"

[store]
path = "{db}"

[backend]
url = "{url}"
credential_path = "{credential}"
timeout_s = 3

[sync]
batch_size = {batch_size}
interval_s = 0.1
backoff_base_s = 0.05
backoff_max_s = 0.5
""", encoding="utf-8")
    return path


@dataclass
class FaultProxy:
    """An HTTP proxy on 127.0.0.1 that, per request and at random: answers 500/502/503
    itself, hangs past the client's timeout, forwards and then resets the connection
    halfway through the answer (the backend committed, the kiosk never hears it), or
    forwards faithfully. One request per connection (it closes after each)."""

    upstream_port: int
    fault_rate: float = 0.5
    hang_s: float = 1.5
    seed: int = 7
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._faults = itertools.cycle(["500", "502", "503", "hang", "reset"])
        self._lock = threading.Lock()
        self._stop = threading.Event()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)

    def _choose(self) -> str:
        with self._lock:
            # Faults come in turn, so a short run still meets every kind.
            fault = "pass" if self._rng.random() >= self.fault_rate else next(self._faults)
            self.counts[fault] = self.counts.get(fault, 0) + 1
            return fault

    def _handle(self, client: socket.socket) -> None:
        client.settimeout(10)
        request = _read_request(client)
        if request is None:
            return
        fault = self._choose()
        if fault in ("500", "502", "503"):
            client.sendall(f"HTTP/1.1 {fault} Fault\r\nContent-Length: 0\r\n"
                           f"Connection: close\r\n\r\n".encode())
            return
        if fault == "hang":
            self._stop.wait(self.hang_s)
            return
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10) as up:
            up.sendall(request)
            answer = b""
            while chunk := up.recv(65536):
                answer += chunk
        if fault == "reset":
            client.sendall(answer[: len(answer) // 2])
            # SO_LINGER 0: close with a TCP RST, as a dropped connection would.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        client.sendall(answer)


def _read_request(sock: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    lines = head.split(b"\r\n")
    kept = [lines[0]]
    for line in lines[1:]:
        name = line.split(b":", 1)[0].strip().lower()
        if name == b"content-length":
            length = int(line.split(b":", 1)[1])
        if name != b"connection":
            kept.append(line)
    kept.append(b"Connection: close")
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    return b"\r\n".join(kept) + b"\r\n\r\n" + body


def wait_until(predicate, timeout_s: float, what: str, step_s: float = 0.05) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(step_s)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
