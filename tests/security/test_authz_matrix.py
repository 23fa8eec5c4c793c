"""The authorisation matrix: every route of the real backend app, every kind of caller.

Each route of ``create_app`` (walked from ``app.routes``, so a new endpoint without an
entry here fails :func:`test_every_route_has_a_matrix_entry`) has one access rule:

- ``public``: no credential needed (health, the OpenAPI contract and its viewers, the
  fleet login form and its static files); nothing personal is served there.
- ``device``: any kiosk or an admin (reference data, citizens, slots, queue, bundles).
- ``kiosk``: kiosks only — an admin is not a kiosk and cannot act in one's name (403).
- ``admin``: admin credentials only — a kiosk credential gets 403.
- ``page``: the fleet pages, an admin's signed session cookie; without one (or with the
  session of a revoked or expired admin) the answer is 303 to the login form.
- ``enrol``: a one-time enrolment token (``ke1.…``), never a credential.

For every guarded route: no credential, a forged one, an expired one and a revoked one
are refused with 401; a credential of the wrong role with 403; the right one passes.

Per-kiosk resources (:func:`test_another_kiosks_resources_are_refused`): a kiosk reads
its own events only (another kiosk's event is "not found", so ids cannot be probed),
sends heartbeats for itself only, reads and books its own site's slots and queue only,
and fetches only certificates requested at itself. The rule for citizens: a citizen may
be served at any antenna of the city, so any kiosk may look up a citizen and follow the
citizen's cases (city-wide, not site-bound) once the citizen identified with an eID.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from kiosk.backend import auth, enrolment
from kiosk.backend.database import Database
from kiosk.backend.demo_citizens import demo_citizen
from kiosk.backend.settings import BackendSettings
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


def _issue(
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


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    clock = Clock()
    db_url = f"sqlite:///{tmp_path_factory.mktemp('authz') / 'backend.db'}"
    settings = BackendSettings(db_url=db_url, clock=clock, slot_days=3)
    backend = threaded_backend(db_url, settings)
    running = backend.__enter__()
    database = running.database
    w = World(Client(running.url), clock, db_url)
    past, before = START - timedelta(days=2), START - timedelta(days=1)
    for name, role, site, kwargs in (
        ("admin", "admin", None, {}),
        ("admin-expired", "admin", None, {"now": past, "expires_at": before}),
        ("admin-revoked", "admin", None, {"revoked": True}),
        ("bxl-centre-01", "device", "bxl-centre", {}),
        ("bxl-centre-02", "device", "bxl-centre", {}),
        ("laeken-01", "device", "laeken", {}),
        ("bxl-centre-expired", "device", "bxl-centre", {"now": past, "expires_at": before}),
        ("bxl-centre-revoked", "device", "bxl-centre", {"revoked": True}),
    ):
        kwargs.setdefault("now", START)
        w.tokens[name] = _issue(database, name, role, site, **kwargs)
    w.tokens["kiosk"] = w.tokens["bxl-centre-01"]
    w.tokens["forged"] = "kb1.admin." + "x" * 43
    try:
        yield w
    finally:
        w.client.close()
        backend.__exit__(None, None, None)


# -- the matrix ---------------------------------------------------------------------------

Call = Callable[[World], dict[str, Any]]


def _heartbeat(w: World) -> dict[str, Any]:
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


def _ticket_event(w: World) -> dict[str, Any]:
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


def _nn(w: World) -> str:
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
    ("POST", "/api/v1/events:batch"): ("kiosk", lambda w: "/api/v1/events:batch", _ticket_event),
    ("GET", "/api/v1/events/{event_id}"): ("kiosk", lambda w: f"/api/v1/events/{CASE_ID}", NONE),
    ("GET", "/api/v1/catalog"): ("device", lambda w: "/api/v1/catalog", NONE),
    ("GET", "/api/v1/citizens/{national_number}"): (
        "device",
        lambda w: f"/api/v1/citizens/{_nn(w)}",
        NONE,
    ),
    ("GET", "/api/v1/citizens/{national_number}/cases"): (
        "device",
        lambda w: f"/api/v1/citizens/{_nn(w)}/cases",
        NONE,
    ),
    ("POST", "/api/v1/cases:by-reference"): (
        "device",
        lambda w: "/api/v1/cases:by-reference",
        lambda w: {"json": {"reference": "BXL-CENTRE-20260101-0001", "code": "AAAAAAAA"}},
    ),
    ("POST", "/api/v1/cases:lookup"): (
        "device",
        lambda w: "/api/v1/cases:lookup",
        lambda w: {"json": {"national_number": _nn(w)}},
    ),
    ("GET", "/api/v1/cases/{case_id}/document"): (
        "device",
        lambda w: f"/api/v1/cases/{CASE_ID}/document",
        NONE,
    ),
    ("GET", "/api/v1/sites/{site}/slots"): (
        "device",
        lambda w: "/api/v1/sites/bxl-centre/slots",
        lambda w: DAY,
    ),
    ("POST", "/api/v1/sites/{site}/appointments"): (
        "kiosk",
        lambda w: "/api/v1/sites/bxl-centre/appointments",
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
    ("POST", "/api/v1/heartbeat"): ("kiosk", lambda w: "/api/v1/heartbeat", _heartbeat),
    ("GET", "/api/v1/admin/fleet"): ("admin", lambda w: "/api/v1/admin/fleet", NONE),
    ("GET", "/api/v1/admin/fleet/kiosks/{kiosk_id}"): (
        "admin",
        lambda w: "/api/v1/admin/fleet/kiosks/bxl-centre-01",
        NONE,
    ),
    ("GET", "/api/v1/admin/fleet-alerts"): ("admin", lambda w: "/api/v1/admin/fleet-alerts", NONE),
    ("GET", "/api/v1/admin/fleet-config"): ("admin", lambda w: "/api/v1/admin/fleet-config", NONE),
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
    ("GET", "/metrics"): ("admin", lambda w: "/metrics", NONE),
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
    ("GET", "/fleet/kiosks/{kiosk_id}"): ("page", lambda w: "/fleet/kiosks/bxl-centre-01", NONE),
    ("POST", "/fleet/kiosks/{kiosk_id}/config"): (
        "page",
        lambda w: "/fleet/kiosks/bxl-centre-02/config",
        NONE,
    ),
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


def app_routes(routes: list[Any]) -> Iterator[tuple[str, str]]:
    """(method, path) of every route, included routers walked (FastAPI keeps those as
    lazily combined entries); HEAD is implied by GET."""
    for route in routes:
        nested = getattr(route, "effective_route_contexts", None)
        if nested is not None:
            yield from app_routes(list(nested()))
            continue
        for method in sorted(getattr(route, "methods", None) or ()):
            if method != "HEAD":
                yield method, route.path


def test_every_route_has_a_matrix_entry(world: World) -> None:
    from kiosk.backend.app import create_app

    database = Database("sqlite://")
    try:
        app = create_app(BackendSettings(db_url="sqlite://"), database)
        routes = set(app_routes(app.routes))
    finally:
        database.close()
    assert len(routes) >= 45
    missing = sorted(routes - MATRIX.keys())
    assert not missing, f"routes without an authorisation rule in the matrix: {missing}"
    stale = sorted(MATRIX.keys() - routes)
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"


def _call(
    w: World, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
) -> Any:
    return w.client.request(method, path, headers=headers or {}, follow_redirects=False, **kwargs)


RIGHT = {"kiosk": "kiosk", "device": "kiosk", "admin": "admin"}
WRONG_ROLE = {"kiosk": "admin", "admin": "kiosk"}
REFUSED_OF = {
    "kiosk": ("bxl-centre-expired", "bxl-centre-revoked"),
    "device": ("bxl-centre-expired", "bxl-centre-revoked", "admin-expired", "admin-revoked"),
    "admin": ("admin-expired", "admin-revoked"),
}


@pytest.mark.parametrize("key", [k for k, v in MATRIX.items() if v[0] in RIGHT], ids=str)
def test_bearer_routes_refuse_all_but_the_right_credential(world: World, key) -> None:
    method, _ = key
    rule, path_of, body_of = MATRIX[key]
    path, body = path_of(world), body_of(world)
    refused = [
        ("no credential", {}),
        ("forged", world.bearer("forged")),
        ("not bearer", {"Authorization": "Basic Zm9vOmJhcg=="}),
    ]
    refused += [(name, world.bearer(name)) for name in REFUSED_OF[rule]]
    for why, headers in refused:
        r = _call(world, method, path, headers, **body)
        assert r.status_code == 401, (why, method, path, r.status_code, r.text[:200])
    if rule in WRONG_ROLE:
        r = _call(world, method, path, world.bearer(WRONG_ROLE[rule]), **body)
        assert r.status_code == 403, ("wrong role", method, path, r.status_code)
    r = _call(world, method, path, world.bearer(RIGHT[rule]), **body)
    assert r.status_code not in (401, 403), (UNREFUSED, method, path, r.status_code, r.text)
    if rule == "device":  # an admin may read what any kiosk reads
        r = _call(world, method, path, world.bearer("admin"), **body)
        assert r.status_code not in (401, 403), (UNREFUSED, method, path, r.status_code)


@pytest.mark.parametrize("key", [k for k, v in MATRIX.items() if v[0] == "public"], ids=str)
def test_public_routes_need_no_credential(world: World, key) -> None:
    method, _ = key
    _, path_of, body_of = MATRIX[key]
    r = _call(world, method, path_of(world), **body_of(world))
    assert r.status_code not in (403, 500), (method, r.status_code)


# -- fleet pages --------------------------------------------------------------------------


def _login(w: World, credential: str) -> Any:
    return _call(w, "POST", "/fleet/login", data={"credential": credential})


def _csrf(html: str) -> str:
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def test_fleet_pages_refuse_all_but_a_live_admin_session(world: World) -> None:
    pages = [(k, v) for k, v in MATRIX.items() if v[0] == "page"]
    db = Database(world.db_url)
    try:
        # Admins whose credential will be revoked or expire while they are logged in.
        short = _issue(
            db,
            f"admin-short-{uuid.uuid4().hex[:4]}",
            "admin",
            None,
            now=world.clock.now,
            expires_at=world.clock.now + timedelta(hours=1),
        )
        doomed_id = f"admin-doomed-{uuid.uuid4().hex[:4]}"
        doomed = _issue(db, doomed_id, "admin", None, now=world.clock.now)
        for credential in (
            world.tokens["kiosk"],
            world.tokens["forged"],
            world.tokens["admin-expired"],
            world.tokens["admin-revoked"],
            "",
        ):
            assert _login(world, credential).status_code == 401
        cookies = {}
        for name, credential in (
            ("short", short),
            ("doomed", doomed),
            ("admin", world.tokens["admin"]),
        ):
            r = _login(world, credential)
            assert r.status_code == 303, r.text
            cookies[name] = r.cookies["kiosk_fleet_session"]
        with db.write() as session:
            auth.revoke(session, doomed_id)
        world.clock.now += timedelta(hours=2)  # past the short admin's expiry
        forged = "admin|99999999999|" + "0" * 64
        for (method, _), (_, path_of, _) in pages:
            path = path_of(world)
            for why, cookie in (
                ("none", None),
                ("forged", forged),
                ("expired admin", cookies["short"]),
                ("revoked admin", cookies["doomed"]),
            ):
                world.client.cookies.clear()
                if cookie:
                    world.client.cookies.set("kiosk_fleet_session", cookie, path="/fleet")
                r = _call(world, method, path, data={"csrf": "x"})
                assert r.status_code == 303 and r.headers["location"] == "/fleet/login", (
                    why,
                    method,
                    path,
                    r.status_code,
                )
        world.client.cookies.clear()
        world.client.cookies.set("kiosk_fleet_session", cookies["admin"], path="/fleet")
        page = _call(world, "GET", "/fleet")
        assert page.status_code == 200
        token = _csrf(page.text)
        for (method, _), (_, path_of, _) in pages:
            r = _call(world, method, path_of(world), data={"csrf": token, "values": "{}"})
            # Past the session check: a page or a form's answer (an action on a rollout or
            # version that does not exist answers 404/409/422 from the handler itself).
            assert r.status_code in (200, 303, 404, 409, 422), (method, r.status_code)
            if r.status_code == 303:  # a form's redirect, not the login's
                assert r.headers["location"] != "/fleet/login" or "kiosk_fleet_session" in (
                    r.headers.get("set-cookie", "")
                ), (method, path_of(world))
    finally:
        world.client.cookies.clear()
        world.clock.now = START
        db.close()


# -- enrolment ----------------------------------------------------------------------------


def test_enrolment_takes_a_live_token_of_its_site_only(world: World) -> None:
    db = Database(world.db_url)
    try:
        with db.write() as session:
            good = enrolment.create_token(
                session, site="haren", ttl=timedelta(hours=1), now=world.clock.now
            )
            old = enrolment.create_token(
                session,
                site="haren",
                ttl=timedelta(hours=1),
                now=world.clock.now - timedelta(hours=2),
            )
    finally:
        db.close()
    body = {"json": {"site": "haren", "kiosk_id": f"haren-{uuid.uuid4().hex[:6]}"}}
    token_id = good.split(".")[1]
    for why, token, expected in (
        ("none", None, 401),
        ("forged", f"ke1.{token_id}.{'y' * 43}", 401),
        ("kiosk credential", world.tokens["kiosk"], 401),
        ("admin credential", world.tokens["admin"], 401),
        ("expired", old, 410),
    ):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        r = _call(world, "POST", "/api/v1/enrol", headers, **body)
        assert r.status_code == expected, (why, r.status_code, r.text)
    r = _call(
        world, "POST", "/api/v1/enrol", {"Authorization": f"Bearer {good}"}, json={"site": "laeken"}
    )
    assert r.status_code == 403  # a token of another site
    r = _call(world, "POST", "/api/v1/enrol", {"Authorization": f"Bearer {good}"}, **body)
    assert r.status_code == 201 and r.json()["token"].startswith("kb1.")
    again = _call(world, "POST", "/api/v1/enrol", {"Authorization": f"Bearer {good}"}, **body)
    assert again.status_code == 409


# -- per-kiosk resources ------------------------------------------------------------------


def test_another_kiosks_resources_are_refused(world: World) -> None:
    own, same_site, other_site = "bxl-centre-01", "bxl-centre-02", "laeken-01"
    event = _ticket_event(world)
    r = _call(world, "POST", "/api/v1/events:batch", world.bearer(own), **event)
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "accepted"
    event_path = f"/api/v1/events/{event['json']['events'][0]['event_id']}"
    assert _call(world, "GET", event_path, world.bearer(own)).status_code == 200
    for other in (same_site, other_site):  # "not found": ids of others cannot be probed
        assert _call(world, "GET", event_path, world.bearer(other)).status_code == 404
    beat = _heartbeat(world)
    r = _call(world, "POST", "/api/v1/heartbeat", world.bearer(same_site), **beat)
    assert r.status_code == 403 and "itself" in r.json()["detail"]
    for path in ("/api/v1/sites/bxl-centre/slots", "/api/v1/sites/bxl-centre/queue"):
        assert _call(world, "GET", path, world.bearer(other_site), **DAY).status_code == 403
        assert _call(world, "GET", path, world.bearer(own), **DAY).status_code == 200
    r = _call(
        world,
        "POST",
        "/api/v1/sites/bxl-centre/appointments",
        world.bearer(other_site),
        json={"slot_id": 1, "national_number": _nn(world)},
    )
    assert r.status_code == 403
    # A seeded certificate was requested at the counter: no kiosk may fetch it.
    cases = _call(
        world,
        "POST",
        "/api/v1/cases:lookup",
        world.bearer(other_site),
        json={"national_number": _nn(world)},
    )
    assert cases.status_code == 200 and cases.json(), "citizens' cases are city-wide"
    ready = [c["id"] for c in cases.json() if c["status"] in ("ready", "delivered")]
    for case_id in ready:
        path = f"/api/v1/cases/{case_id}/document"
        assert _call(world, "GET", path, world.bearer(own)).status_code == 403
        assert _call(world, "GET", path, world.bearer("admin")).status_code not in (401, 403)


def test_expired_credential_is_refused_from_its_expiry_on(world: World) -> None:
    db = Database(world.db_url)
    name = f"bxl-centre-t{uuid.uuid4().hex[:4]}"
    try:
        token = _issue(
            db,
            name,
            "device",
            "bxl-centre",
            now=world.clock.now,
            expires_at=world.clock.now + timedelta(minutes=5),
        )
    finally:
        db.close()
    headers = {"Authorization": f"Bearer {token}"}
    try:
        assert _call(world, "GET", "/api/v1/catalog", headers).status_code == 200
        world.clock.now += timedelta(minutes=5)
        assert _call(world, "GET", "/api/v1/catalog", headers).status_code == 401
    finally:
        world.clock.now = START


def test_fleet_login_is_rate_limited(tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'b.db'}"
    settings = BackendSettings(db_url=db_url, seed_demo_data=False)
    with threaded_backend(db_url, settings) as backend:
        admin, client = backend.admin, Client(backend.url)
        try:
            codes = [
                client.post("/fleet/login", data={"credential": f"kb1.admin.{i}"}).status_code
                for i in range(12)
            ]
            assert codes[:10] == [401] * 10 and codes[10:] == [429, 429], codes
            # Even the right credential waits: the limit is per address, not per guess.
            r = client.post("/fleet/login", data={"credential": admin})
            assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        finally:
            client.close()


def test_enrolment_is_rate_limited(tmp_path) -> None:
    db_url = f"sqlite:///{tmp_path / 'b.db'}"
    settings = BackendSettings(db_url=db_url, seed_demo_data=False)
    with threaded_backend(db_url, settings) as backend:
        client = Client(backend.url)
        try:
            codes = [
                client.post(
                    "/api/v1/enrol",
                    json={"site": "x"},
                    headers={"Authorization": f"Bearer ke1.{i:x}.forged"},
                ).status_code
                for i in range(11)
            ]
            assert codes[:10] == [401] * 10 and codes[10] == 429, codes
        finally:
            client.close()


def test_cli_device_add_expires_and_old_databases_gain_the_column(tmp_path) -> None:
    import sqlite3
    import subprocess
    import sys

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a credentials table from before expiry existed
        conn.execute(
            "CREATE TABLE credentials (id VARCHAR(64) PRIMARY KEY, role VARCHAR(16), "
            "site VARCHAR(64), secret_hash VARCHAR(64), created_at DATETIME, "
            "revoked BOOLEAN)"
        )
    conn.close()
    db = f"sqlite:///{path}"
    run = [
        sys.executable,
        "-m",
        "kiosk",
        "backend",
        "device",
        "add",
        "--site",
        "laeken",
        "--db",
        db,
    ]
    bad = subprocess.run(
        [*run, "--kiosk", "laeken-08", "--expires", "2001-01-01"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "--expires" in bad.stderr and "future" in bad.stderr
    out = subprocess.run(
        [*run, "--kiosk", "laeken-09", "--expires", "30d"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    database = Database(db)
    try:
        with database.read() as session:
            now = datetime.now(UTC)
            assert auth.verify(session, out.stdout.strip(), now) is not None
            assert auth.verify(session, out.stdout.strip(), now + timedelta(days=31)) is None
    finally:
        database.close()
