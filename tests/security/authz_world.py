"""The world the authorisation matrix runs in, and the matrix itself: every route of the
backend with its access rule, its path and its request body (tests/security/
test_authz_matrix.py walks it)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from kiosk.backend import auth
from kiosk.backend.database import Database
from kiosk.backend.demo_citizens import demo_citizen
from kiosk.backend.settings import BackendSettings
from tests.backend.card_proof import (
    card_of,
    card_session_headers,
    proof_body,
    shared_card_trust,
    shared_test_pki,
)
from tests.backend.harness import threaded_backend

T = 10

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
CASE_ID = "00000000-0000-0000-0000-000000000000"
UNREFUSED = "the right credential must pass the guard"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


class Client:
    """requests against the real app under uvicorn on 127.0.0.1, with a cookie jar."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = requests.Session()
        self.cookies = self.http.cookies

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str],
        follow_redirects: bool,
        content: bytes | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        if content is not None:
            kwargs["data"] = content
        return self.http.request(
            method,
            self.url + path,
            headers=headers,
            timeout=T,
            allow_redirects=follow_redirects,
            **kwargs,
        )

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        headers = kwargs.pop("headers", {})
        return self.request("POST", path, headers=headers, follow_redirects=False, **kwargs)

    def close(self) -> None:
        self.http.close()


@dataclass
class World:
    client: Client
    clock: Clock
    db_url: str
    tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)

    def bearer(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}

    def card(self, name: str) -> dict[str, str]:
        """Bearer + a card session of the matrix's citizen, opened by kiosk ``name``."""
        return card_session_headers(self.client.url, self.tokens[name],
                                    card_of(shared_test_pki(), national_number_of(self)))


def issue_credential(
    db: Database,
    name: str,
    role: str,
    site: str | None,
    *,
    now: datetime,
    expires_at: datetime | None = None,
    revoked: bool = False,
) -> str:
    with db.write() as session:
        token = auth.issue(
            session, role=role, credential_id=name, site=site, now=now, expires_at=expires_at
        )
    if revoked:
        with db.write() as session:
            assert auth.revoke(session, name)
    return token


@contextmanager
def open_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The backend under uvicorn with one credential of every kind the matrix needs."""
    clock = Clock()
    db_url = f"sqlite:///{tmp_path_factory.mktemp('authz') / 'backend.db'}"
    settings = BackendSettings(db_url=db_url, clock=clock, slot_days=3,
                               **shared_card_trust())
    backend = threaded_backend(db_url, settings)
    running = backend.__enter__()
    database = running.database
    w = World(Client(running.url), clock, db_url)
    past, before = START - timedelta(days=2), START - timedelta(days=1)
    for name, role, site, kwargs in (
        ("admin", "admin", None, {}),
        ("admin-expired", "admin", None, {"now": past, "expires_at": before}),
        ("admin-revoked", "admin", None, {"revoked": True}),
        ("viewer", "viewer", None, {}),
        ("viewer-revoked", "viewer", None, {"revoked": True}),
        ("bxl-centre-01", "device", "bxl-centre", {}),
        ("bxl-centre-02", "device", "bxl-centre", {}),
        ("laeken-01", "device", "laeken", {}),
        ("bxl-centre-expired", "device", "bxl-centre", {"now": past, "expires_at": before}),
        ("bxl-centre-revoked", "device", "bxl-centre", {"revoked": True}),
    ):
        kwargs.setdefault("now", START)
        w.tokens[name] = issue_credential(database, name, role, site, **kwargs)
    w.tokens["kiosk"] = w.tokens["bxl-centre-01"]
    w.tokens["forged"] = "kb1.admin." + "x" * 43
    try:
        yield w
    finally:
        w.client.close()
        backend.__exit__(None, None, None)


# -- the matrix ---------------------------------------------------------------------------

Call = Callable[[World], dict[str, Any]]


def heartbeat_body(w: World) -> dict[str, Any]:
    return {
        "json": {
            "kiosk_id": "bxl-centre-01",
            "sent_at": w.clock.now.isoformat(),
            "interval_s": 30,
            "software_version": "0.1.0",
            "config_version": "0123456789abcdef",
            "uptime_s": 1.0,
            "disk_free_bytes": 1 << 30,
        }
    }


def ticket_event_body(w: World) -> dict[str, Any]:
    now = w.clock.now.isoformat()
    return {
        "json": {
            "events": [
                {
                    "event_id": str(uuid.uuid4()),
                    "type": "queue_ticket.issued",
                    "kiosk_time": now,
                    "seq": 1,
                    "payload": {
                        "request_id": str(uuid.uuid4()),
                        "site": "bxl-centre",
                        "kiosk_id": "bxl-centre-01",
                        "desk": "population",
                        "number": "P-001",
                        "day": now[:10],
                        "language": "fr",
                        "issued_at": now,
                    },
                }
            ]
        }
    }


def card_proof_body(w: World) -> dict[str, str]:
    """A valid proof for a fresh challenge issued to the matrix's right kiosk."""
    challenge = w.client.request("POST", "/api/v1/card-sessions:challenge",
                                 headers=w.bearer("kiosk"), follow_redirects=False)
    assert challenge.status_code == 200, challenge.text
    return proof_body(card_of(shared_test_pki(), national_number_of(w)), challenge.json())


def national_number_of(w: World) -> str:
    return demo_citizen("sophie").identity.national_number


DAY = {"params": {"day": START.date().isoformat()}}
NONE: Call = lambda w: {}  # noqa: E731

# (method, route path) → (rule, concrete path, request keywords for the right caller)
MATRIX: dict[tuple[str, str], tuple[str, Callable[[World], str], Call]] = {
    ("GET", "/openapi.json"): ("public", lambda w: "/openapi.json", NONE),
    ("GET", "/docs"): ("public", lambda w: "/docs", NONE),
    ("GET", "/docs/oauth2-redirect"): ("public", lambda w: "/docs/oauth2-redirect", NONE),
    ("GET", "/redoc"): ("public", lambda w: "/redoc", NONE),
    ("GET", "/api/v1/health"): ("public", lambda w: "/api/v1/health", NONE),
    ("POST", "/api/v1/events:batch"): (
        "kiosk",
        lambda w: "/api/v1/events:batch",
        ticket_event_body,
    ),
    ("GET", "/api/v1/events/{event_id}"): ("kiosk", lambda w: f"/api/v1/events/{CASE_ID}", NONE),
    ("GET", "/api/v1/catalog"): ("device", lambda w: "/api/v1/catalog", NONE),
    ("POST", "/api/v1/citizens:lookup"): (
        "card",
        lambda w: "/api/v1/citizens:lookup",
        lambda w: {"json": {"national_number": national_number_of(w)}},
    ),
    ("POST", "/api/v1/card-sessions:challenge"): (
        "kiosk", lambda w: "/api/v1/card-sessions:challenge", NONE),
    ("POST", "/api/v1/card-sessions"): (
        "kiosk", lambda w: "/api/v1/card-sessions", lambda w: {"json": card_proof_body(w)}),
    ("DELETE", "/api/v1/card-sessions"): ("kiosk", lambda w: "/api/v1/card-sessions", NONE),
    ("POST", "/api/v1/cases:by-reference"): (
        "device",
        lambda w: "/api/v1/cases:by-reference",
        lambda w: {"json": {"reference": "BXL-CENTRE-20260101-0001", "code": "AAAAAAAA"}},
    ),
    ("POST", "/api/v1/cases:lookup"): (
        "card",
        lambda w: "/api/v1/cases:lookup",
        lambda w: {"json": {"national_number": national_number_of(w)}},
    ),
    # The sealed certificate issued at once: the kiosk that made the request, under the
    # citizen's card session, or an admin.
    ("POST", "/api/v1/certificate-requests/{request_id}/document"): (
        "card-or-admin",
        lambda w: f"/api/v1/certificate-requests/{CASE_ID}/document",
        NONE,
    ),
    # Anyone handed a certificate checks it: what it is and whether it is genuine,
    # never whose it is (the public status, the verification page and its upload form).
    ("GET", "/api/v1/documents/{document_id}/status"): (
        "public", lambda w: f"/api/v1/documents/{CASE_ID}/status", NONE),
    ("GET", "/verify"): ("public", lambda w: "/verify", NONE),
    ("GET", "/verify/{document_id}"): ("public", lambda w: f"/verify/{CASE_ID}", NONE),
    ("POST", "/verify"): (
        "public", lambda w: "/verify",
        lambda w: {"files": {"pdf": ("x.pdf", b"%PDF-1.4 not sealed", "application/pdf")}}),
    ("GET", "/api/v1/cases/{case_id}/document"): (
        "card-or-admin",
        lambda w: f"/api/v1/cases/{CASE_ID}/document",
        NONE,
    ),
    # Slots and bookings are city-wide: the right caller (a bxl-centre kiosk) asks for
    # another site's, so the matrix asserts that this passes the guards.
    ("GET", "/api/v1/sites/{site}/slots"): (
        "device",
        lambda w: "/api/v1/sites/laeken/slots",
        lambda w: DAY,
    ),
    # Booking in a citizen's name: a kiosk holding that citizen's card session (the
    # credential alone would book, and so probe, in anyone's name), or an admin.
    ("POST", "/api/v1/sites/{site}/appointments"): (
        "card-or-admin",
        lambda w: "/api/v1/sites/laeken/appointments",
        lambda w: {"json": {}},
    ),
    ("GET", "/api/v1/sites/{site}/queue"): (
        "device",
        lambda w: "/api/v1/sites/bxl-centre/queue",
        lambda w: DAY,
    ),
    ("GET", "/api/v1/ledger/{day}"): ("kiosk", lambda w: "/api/v1/ledger/2025-03-03", NONE),
    ("POST", "/api/v1/admin/devices"): (
        "admin",
        lambda w: "/api/v1/admin/devices",
        lambda w: {"json": {"site": "haren", "kiosk_id": f"haren-{uuid.uuid4().hex[:6]}"}},
    ),
    ("GET", "/api/v1/admin/cases/{case_id}"): (
        "admin",
        lambda w: f"/api/v1/admin/cases/{CASE_ID}",
        NONE,
    ),
    ("POST", "/api/v1/admin/cases/{case_id}/status"): (
        "admin",
        lambda w: f"/api/v1/admin/cases/{CASE_ID}/status",
        lambda w: {"json": {}},
    ),
    ("GET", "/api/v1/admin/ledger/{kiosk_id}/{day}"): (
        "admin",
        lambda w: "/api/v1/admin/ledger/bxl-centre-01/2025-03-03",
        NONE,
    ),
    ("GET", "/api/v1/admin/event-counts"): ("admin", lambda w: "/api/v1/admin/event-counts", NONE),
    ("POST", "/api/v1/enrol"): ("enrol", lambda w: "/api/v1/enrol", NONE),
    ("POST", "/api/v1/heartbeat"): ("kiosk", lambda w: "/api/v1/heartbeat", heartbeat_body),
    ("GET", "/api/v1/admin/fleet"): ("viewer", lambda w: "/api/v1/admin/fleet", NONE),
    ("GET", "/api/v1/admin/fleet/kiosks/{kiosk_id}"): (
        "viewer",
        lambda w: "/api/v1/admin/fleet/kiosks/bxl-centre-01",
        NONE,
    ),
    ("GET", "/api/v1/admin/fleet-alerts"): ("viewer", lambda w: "/api/v1/admin/fleet-alerts", NONE),
    ("GET", "/api/v1/admin/fleet-config"): ("viewer", lambda w: "/api/v1/admin/fleet-config", NONE),
    ("PUT", "/api/v1/admin/fleet-config/{scope}/{target}"): (
        "admin",
        lambda w: "/api/v1/admin/fleet-config/kiosk/bxl-centre-02",
        lambda w: {"json": {"values": {"journey": {"inactivity_timeout_s": 90}}}},
    ),
    ("DELETE", "/api/v1/admin/fleet-config/{scope}/{target}"): (
        "admin",
        lambda w: "/api/v1/admin/fleet-config/kiosk/nobody-01",
        NONE,
    ),
    ("GET", "/api/v1/admin/fleet-thresholds"): (
        "viewer",
        lambda w: "/api/v1/admin/fleet-thresholds",
        NONE,
    ),
    ("PUT", "/api/v1/admin/fleet-thresholds"): (
        "admin",
        lambda w: "/api/v1/admin/fleet-thresholds",
        lambda w: {"json": {"queue_stale_s": 3600}},
    ),
    ("GET", "/api/v1/admin/fleet-silences"): (
        "viewer",
        lambda w: "/api/v1/admin/fleet-silences",
        NONE,
    ),
    ("PUT", "/api/v1/admin/fleet-silences"): (
        "admin",
        lambda w: "/api/v1/admin/fleet-silences",
        lambda w: {"json": {"quiet_hours": [], "maintenance": []}},
    ),
    ("POST", "/api/v1/admin/fleet/kiosks/{kiosk_id}/actions"): (
        "admin",
        lambda w: "/api/v1/admin/fleet/kiosks/bxl-centre-01/actions",
        lambda w: {"json": {"kind": "selftest"}},
    ),
    ("GET", "/api/v1/admin/fleet/kiosks/{kiosk_id}/actions"): (
        "viewer",
        lambda w: "/api/v1/admin/fleet/kiosks/bxl-centre-01/actions",
        NONE,
    ),
    ("GET", "/api/v1/admin/fleet/actions/{action_id}/screenshot"): (
        "viewer",
        lambda w: "/api/v1/admin/fleet/actions/1/screenshot",
        NONE,
    ),
    ("POST", "/api/v1/actions/{action_id}"): (
        "kiosk",
        lambda w: "/api/v1/actions/999999",
        lambda w: {"json": {"state": "done"}},
    ),
    ("GET", "/metrics"): ("viewer", lambda w: "/metrics", NONE),
    ("GET", "/fleet/login"): ("public", lambda w: "/fleet/login", NONE),
    ("POST", "/fleet/login"): (
        "public",
        lambda w: "/fleet/login",
        lambda w: {"data": {"credential": "kb1.nobody.x"}},
    ),
    ("GET", "/fleet/static/{name}"): ("public", lambda w: "/fleet/static/fleet.css", NONE),
    ("POST", "/fleet/logout"): ("page", lambda w: "/fleet/logout", NONE),
    ("GET", "/fleet"): ("page", lambda w: "/fleet", NONE),
    ("GET", "/fleet/alerts"): ("page", lambda w: "/fleet/alerts", NONE),
    ("GET", "/fleet/attendance"): ("page", lambda w: "/fleet/attendance", NONE),
    ("GET", "/fleet/attendance.csv"): ("page", lambda w: "/fleet/attendance.csv", NONE),
    ("GET", "/fleet/kiosks/{kiosk_id}"): ("page", lambda w: "/fleet/kiosks/bxl-centre-01", NONE),
    ("POST", "/fleet/kiosks/{kiosk_id}/config"): (
        "page",
        lambda w: "/fleet/kiosks/bxl-centre-02/config",
        NONE,
    ),
    ("POST", "/fleet/kiosks/{kiosk_id}/actions"): (
        "page",
        lambda w: "/fleet/kiosks/bxl-centre-01/actions",
        NONE,
    ),
    ("GET", "/fleet/actions/{action_id}/screenshot.png"): (
        "page",
        lambda w: "/fleet/actions/1/screenshot.png",
        NONE,
    ),
    ("GET", "/fleet/sites/{site}"): ("page", lambda w: "/fleet/sites/bxl-centre", NONE),
    ("GET", "/fleet/updates"): ("page", lambda w: "/fleet/updates", NONE),
    ("POST", "/fleet/updates/rollouts"): ("page", lambda w: "/fleet/updates/rollouts", NONE),
    ("POST", "/fleet/updates/rollouts/{rollout_id}/advance"): (
        "page",
        lambda w: "/fleet/updates/rollouts/1/advance",
        NONE,
    ),
    ("POST", "/fleet/updates/rollouts/{rollout_id}/resume"): (
        "page",
        lambda w: "/fleet/updates/rollouts/1/resume",
        NONE,
    ),
    ("POST", "/fleet/updates/versions/{version}/unblock"): (
        "page",
        lambda w: "/fleet/updates/versions/1.2.3/unblock",
        NONE,
    ),
    ("PUT", "/api/v1/admin/updates/bundles/{version}"): (
        "admin",
        lambda w: "/api/v1/admin/updates/bundles/1.2.3",
        lambda w: {"content": b"not a bundle"},
    ),
    ("GET", "/api/v1/updates/bundles/{version}"): (
        "device",
        lambda w: "/api/v1/updates/bundles/1.2.3",
        NONE,
    ),
    ("GET", "/api/v1/updates/target"): ("kiosk", lambda w: "/api/v1/updates/target", NONE),
    ("POST", "/api/v1/updates/state"): (
        "kiosk",
        lambda w: "/api/v1/updates/state",
        lambda w: {"json": {}},
    ),
    ("POST", "/api/v1/admin/updates/rollouts"): (
        "admin",
        lambda w: "/api/v1/admin/updates/rollouts",
        lambda w: {"json": {}},
    ),
    ("GET", "/api/v1/admin/updates/rollouts"): (
        "admin",
        lambda w: "/api/v1/admin/updates/rollouts",
        NONE,
    ),
    ("GET", "/api/v1/admin/updates/rollouts/{rollout_id}"): (
        "admin",
        lambda w: "/api/v1/admin/updates/rollouts/999",
        NONE,
    ),
    ("POST", "/api/v1/admin/updates/rollouts/{rollout_id}/advance"): (
        "admin",
        lambda w: "/api/v1/admin/updates/rollouts/999/advance",
        NONE,
    ),
    ("POST", "/api/v1/admin/updates/rollouts/{rollout_id}/resume"): (
        "admin",
        lambda w: "/api/v1/admin/updates/rollouts/999/resume",
        NONE,
    ),
    ("GET", "/api/v1/admin/updates/kiosks"): (
        "admin",
        lambda w: "/api/v1/admin/updates/kiosks",
        NONE,
    ),
    ("POST", "/api/v1/admin/updates/versions/{version}/unblock"): (
        "admin",
        lambda w: "/api/v1/admin/updates/versions/1.2.3/unblock",
        NONE,
    ),
}
