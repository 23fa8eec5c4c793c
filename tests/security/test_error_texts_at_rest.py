"""Backend error texts can echo what the kiosk sent: after an offline certificate
request and failed sends to a backend that quotes the citizen back, the store file
holds none of the citizen's data in clear (outbox errors, dead-letter reasons and the
sync status are encrypted, migration 0011); the migration encrypts old rows too."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import select

from kiosk.domain.catalog import demo_catalog
from kiosk.domain.certificates import CertificateService
from kiosk.printing.spool import ReceiptSpool
from kiosk.store.database import Store, create_sqlite_engine
from kiosk.store.models import OutboxEvent, SyncState
from kiosk.updates.schema import main as schema_main
from sync.outbox import Outbox
from sync.status import KEY as STATUS_KEY
from tests.kiosk.payments.conftest import SITE
from tests.security.test_encryption_at_rest import CITIZEN, FOLLOW, clear_findings
from tests.sync.helpers import make_relay

NN = CITIZEN.identity.national_number
ECHO = f"{NN} {CITIZEN.identity.surname} {CITIZEN.identity.first_names}, {CITIZEN.address.street}"


@contextmanager
def echoing_backend(status: int) -> Iterator[str]:
    """A backend on 127.0.0.1 that refuses every batch with ``status``, quoting the
    citizen's data in its error detail (as a careless validation message would)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = json.dumps({"detail": f"not accepted for {ECHO}"}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:  # the access log is not ours
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_failed_sends_leave_no_citizen_data_in_clear(tmp_path):
    db = tmp_path / "kiosk.db"
    store = Store(db, strict_minimisation=True)
    try:
        certificates = CertificateService(
            store, demo_catalog(), SITE, ReceiptSpool(store, None), FOLLOW
        )
        certificates.watch_platform(lambda: False)  # offline: queued for later
        certificates.request(
            service_id="cert-residence", national_number=NN, delivery="post", language="fr"
        )
        # The request refused as a whole (409): the batch fails, the reason is kept on
        # the event and in the sync status the UI shows.
        with echoing_backend(409) as url:
            relay, client = make_relay(store, url, "token")
            try:
                assert not relay.drain().complete
            finally:
                client.close()
        with store.read() as session:
            [event] = session.query(OutboxEvent).all()
            assert NN in (event.last_error or "")
            assert NN in session.get(SyncState, STATUS_KEY).value["reason"]
        # The backend refuses the event itself: a dead letter with its reason.
        with echoing_backend(422) as url:
            relay, client = make_relay(store, url, "token")
            try:
                relay.drain()
            finally:
                client.close()
        [dead] = Outbox(store).dead_letters()
        assert NN in dead.reason  # read back through the store, in clear
        assert clear_findings(db) == []
    finally:
        store.close()
    assert clear_findings(db) == []


def test_migration_0011_encrypts_old_error_texts_and_its_downgrade_decrypts_them(tmp_path):
    db = tmp_path / "old.db"
    Store(db).close()  # the key and an encrypted store at head
    assert schema_main(["downgrade", str(db), "0009_encryption"]) == 0
    engine = create_sqlite_engine(db, immediate=True)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO outbox (event_id, type, payload, created_at, attempts, state,"
            " last_error, dead_letter_reason) VALUES ('e1', 'x', '{}',"
            " '2026-11-22 10:00:00', 1, 'rejected', ?, ?)",
            (f"HTTP 422: {ECHO}", f"refused: {ECHO}"),
        )
        connection.exec_driver_sql(
            "INSERT INTO sync_state (key, value, updated_at) VALUES ('connectivity', ?,"
            " '2026-11-22 10:00:00')",
            (json.dumps({"state": "offline", "reason": f"HTTP 403: {ECHO}"}),),
        )
    engine.dispose()

    store = Store(db)
    try:
        with store.read() as session:
            texts = session.execute(
                select(OutboxEvent.last_error, OutboxEvent.dead_letter_reason)
            ).one()
            assert tuple(texts) == (
                f"HTTP 422: {ECHO}",
                f"refused: {ECHO}",
            )
            assert session.get(SyncState, STATUS_KEY).value["reason"] == f"HTTP 403: {ECHO}"
    finally:
        store.close()
    assert clear_findings(db) == []  # old clear text gone from free pages and the WAL

    assert schema_main(["downgrade", str(db), "0009_encryption"]) == 0
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("SELECT last_error FROM outbox").fetchone() == (f"HTTP 422: {ECHO}",)
        [value] = raw.execute("SELECT value FROM sync_state WHERE key = 'connectivity'").fetchone()
        assert json.loads(value)["reason"] == f"HTTP 403: {ECHO}"
    finally:
        raw.close()
